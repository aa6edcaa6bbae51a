/**
 * The typed client of Retorno's API. Answers are typed by the contracts' inferred types
 * (shared/contracts), so a screen reads `CaseDetail`, `Task` or `Fund` as the handlers write
 * them. A 401 ends the session and asks for sign-in again; any other error answer is thrown as an
 * `ApiError` carrying the API's field issues, which forms place beside their fields.
 */
import type {
  AuditTrailShape,
  CaseCreated,
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseRequestInput,
  ContributionRequest,
  FundShape,
  LedgerEntryShape,
  LedgerPageShape,
  Statistics,
  StatisticsQuery,
  Task,
  TaskListQuery,
  TaskListShape,
  WorkflowGraph,
} from '../../shared/contracts';
import type { Principal } from '../../shared/roles';
import { expireSession, session } from './auth/session';
import { webConfig } from './config';

export interface FieldIssue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  readonly body?: unknown;
  readonly query?: Query;
  readonly headers?: Record<string, string>;
}

/** A call's answer with its status, for the routes whose 200 and 201 mean different things. */
export interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestWithStatus<T>(method, path, options)).body;
}

export async function requestWithStatus<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer<T>> {
  const { apiUrl } = await webConfig();
  const token = session.value?.token;
  const { body, query, headers = {} } = options;
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${withQuery(path, query)}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'NetworkError', 'The API could not be reached.');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return { status: response.status, body: parsed as T };
  if (response.status === 401 && token) expireSession(location.pathname + location.search);
  const error = (parsed ?? {}) as { error?: string; message?: string; issues?: FieldIssue[] };
  throw new ApiError(
    response.status,
    error.error ?? 'Error',
    error.message ?? `The API answered ${response.status}.`,
    error.issues ?? [],
  );
}

const encode = encodeURIComponent;

/** One function per route of the manifest the web app uses. */
export const api = {
  me: () => request<Principal>('GET', '/api/me'),
  workflow: () => request<WorkflowGraph>('GET', '/api/workflow'),
  cases: {
    list: (query: Partial<CaseListQuery> = {}) => request<CaseList>('GET', '/api/cases', { query }),
    get: (caseId: string) => request<CaseDetail>('GET', `/api/cases/${encode(caseId)}`),
    submit: (body: CaseRequestInput, idempotencyKey: string) =>
      // The key makes a retried submission (a double click, a lost answer) one case.
      request<CaseCreated>('POST', '/api/cases', { body, headers: { 'idempotency-key': idempotencyKey } }),
    withdraw: (caseId: string, reason: string) =>
      request<CaseCreated>('POST', `/api/cases/${encode(caseId)}/withdraw`, { body: { reason } }),
    audit: (caseId: string) => request<AuditTrailShape>('GET', `/api/cases/${encode(caseId)}/audit`),
  },
  tasks: {
    list: (query: Partial<TaskListQuery> = {}) =>
      request<TaskListShape>('GET', '/api/tasks', { query: query as Query }),
    get: (taskId: string) => request<Task>('GET', `/api/tasks/${encode(taskId)}`),
    complete: (taskId: string, body: unknown) =>
      request<Task>('POST', `/api/tasks/${encode(taskId)}/complete`, { body }),
  },
  statistics: (query: Partial<StatisticsQuery> = {}) =>
    request<Statistics>('GET', '/api/statistics', { query }),
  funds: {
    list: () => request<{ items: FundShape[] }>('GET', '/api/funds'),
    get: (fundId: string) => request<FundShape>('GET', `/api/funds/${encode(fundId)}`),
    ledger: (fundId: string, query: Query = {}) =>
      request<LedgerPageShape>('GET', `/api/funds/${encode(fundId)}/ledger`, { query }),
    /** 201: recorded now; 200: the same reference was recorded before (nothing added). */
    contribute: (fundId: string, body: ContributionRequest) =>
      requestWithStatus<LedgerEntryShape>('POST', `/api/funds/${encode(fundId)}/contributions`, { body }),
  },
};
