/**
 * The OpenAPI 3.1 document of Retorno's API, generated from the same zod contracts the handlers
 * parse with, so the document cannot drift from what the API accepts. Served at
 * `GET /api/openapi.json`.
 */
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
  zodToOpenAPIRegistry,
} from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import {
  actorSchema,
  approvalFormSchema,
  approvalSchema,
  arrivalFormSchema,
  auditEntrySchema,
  auditTrailSchema,
  balanceSchema,
  bestInterestsDeterminationSchema,
  bookingSchema,
  caseAmountsSchema,
  caseCreatedSchema,
  caseDetailSchema,
  caseFailureSchema,
  caseListQuerySchema,
  caseListSchema,
  caseRequestSchema,
  caseStatusSchema,
  caseSummarySchema,
  checkInFormSchema,
  checkInSchema,
  childSchema,
  consentSchema,
  contributionRequestSchema,
  costsSchema,
  countryCodeSchema,
  DEFAULT_FUND_ID,
  eligibilityFindingSchema,
  eligibilityResultSchema,
  errorBodySchema,
  fieldIssueSchema,
  fundListSchema,
  fundSchema,
  guardianSchema,
  ledgerEntrySchema,
  ledgerPageSchema,
  locationSchema,
  manualBookingFormSchema,
  migrantContactSchema,
  migrantSchema,
  needsSchema,
  paginationQuerySchema,
  receivingContactSchema,
  reintegrationSummarySchema,
  returnToSchema,
  routeSchema,
  statisticsQuerySchema,
  statisticsSchema,
  taskCompletionBodySchema,
  taskDecisionSchema,
  taskKindSchema,
  taskListQuerySchema,
  taskListSchema,
  taskSchema,
  taskStatusSchema,
  timelineEntrySchema,
  usdAmountSchema,
  withdrawRequestSchema,
  workflowGraphSchema,
  workflowStatusSchema,
  workflowTransitionSchema,
} from './contracts';

/** Component names of the contracts, so the document refers to them instead of repeating them. */
const COMPONENTS: ReadonlyArray<readonly [z.ZodType, string]> = [
  [countryCodeSchema, 'CountryCode'],
  [usdAmountSchema, 'UsdAmount'],
  [migrantSchema, 'Migrant'],
  [locationSchema, 'Location'],
  [receivingContactSchema, 'ReceivingContact'],
  [returnToSchema, 'ReturnTo'],
  [routeSchema, 'Route'],
  [needsSchema, 'Needs'],
  [consentSchema, 'Consent'],
  [bestInterestsDeterminationSchema, 'BestInterestsDetermination'],
  [guardianSchema, 'Guardian'],
  [childSchema, 'Child'],
  [costsSchema, 'Costs'],
  [migrantContactSchema, 'MigrantContact'],
  [caseRequestSchema, 'CaseRequest'],
  [caseStatusSchema, 'CaseStatus'],
  [actorSchema, 'Actor'],
  [approvalSchema, 'Approval'],
  [bookingSchema, 'Booking'],
  [checkInSchema, 'CheckIn'],
  [caseFailureSchema, 'CaseFailure'],
  [reintegrationSummarySchema, 'ReintegrationSummary'],
  [timelineEntrySchema, 'TimelineEntry'],
  [caseAmountsSchema, 'CaseAmounts'],
  [eligibilityFindingSchema, 'EligibilityFinding'],
  [eligibilityResultSchema, 'EligibilityResult'],
  [caseSummarySchema, 'CaseSummary'],
  [caseDetailSchema, 'CaseDetail'],
  [caseCreatedSchema, 'CaseCreated'],
  [caseListSchema, 'CaseList'],
  [withdrawRequestSchema, 'WithdrawRequest'],
  [taskKindSchema, 'TaskKind'],
  [taskStatusSchema, 'TaskStatus'],
  [approvalFormSchema, 'ApprovalForm'],
  [arrivalFormSchema, 'ArrivalForm'],
  [checkInFormSchema, 'CheckInForm'],
  [manualBookingFormSchema, 'ManualBookingForm'],
  [taskCompletionBodySchema, 'TaskCompletion'],
  [taskDecisionSchema, 'TaskDecision'],
  [taskSchema, 'Task'],
  [taskListSchema, 'TaskList'],
  [balanceSchema, 'Balance'],
  [fundSchema, 'Fund'],
  [fundListSchema, 'FundList'],
  [ledgerEntrySchema, 'LedgerEntry'],
  [ledgerPageSchema, 'LedgerPage'],
  [contributionRequestSchema, 'ContributionRequest'],
  [auditEntrySchema, 'AuditEntry'],
  [auditTrailSchema, 'AuditTrail'],
  [workflowStatusSchema, 'WorkflowStatus'],
  [workflowTransitionSchema, 'WorkflowTransition'],
  [workflowGraphSchema, 'WorkflowGraph'],
  [statisticsSchema, 'Statistics'],
  [fieldIssueSchema, 'FieldIssue'],
  [errorBodySchema, 'ErrorBody'],
];

let named = false;
/**
 * Gives the contract schemas their component names in the generator's own registry. Done here,
 * once, rather than in the contracts, so the contracts stay plain zod and their derived schemas
 * (`.extend`, `.partial`) do not inherit a component name.
 */
function nameComponents(): void {
  if (named) return;
  for (const [schema, refId] of COMPONENTS) {
    const current = zodToOpenAPIRegistry.get(schema) ?? {};
    zodToOpenAPIRegistry.add(schema, { ...current, _internal: { ...current._internal, refId } });
  }
  named = true;
}

/** One route of the API as documented: method, path, and whether it needs a token. */
export interface ApiRoute {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly public?: boolean;
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'The input is not valid: each failing field is in `issues` with its path and rule. Nothing was stored.',
  401: 'A valid bearer token is required.',
  403: 'The caller’s role or country may not do this.',
  404: 'No such resource, or not visible to the caller.',
  409: 'Conflicts with the current state (already decided, too late, idempotency key reused with another body).',
  413: 'The body is too large.',
  415: 'The body was not sent as application/json.',
};

function errors(...statuses: number[]): RouteConfig['responses'] {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status] ?? 'Error.', content: json(errorBodySchema) },
    ]),
  );
}

const caseIdParams = /* @__PURE__ */ (() =>
  z.object({ caseId: z.string().min(1).meta({ example: 'c-01HZY3W6Q9' }) }))();
const taskIdParams = /* @__PURE__ */ (() =>
  z.object({ taskId: z.string().min(1).meta({ example: 't-01HZY3X2C4' }) }))();
const fundIdParams = /* @__PURE__ */ (() =>
  z.object({ fundId: z.string().min(1).meta({ example: DEFAULT_FUND_ID }) }))();
const idempotencyHeaders = /* @__PURE__ */ (() =>
  z.object({
    'Idempotency-Key': z.string().min(8).max(128).optional().meta({
      description: 'Makes a retry return the same case; the same key with another body answers 409.',
    }),
  }))();

/** Every documented route (besides their bodies), for tests and the manifest to compare against. */
function routes(): RouteConfig[] {
  const authed = [401, 403];
  return [
    {
      method: 'get',
      path: '/api/health',
      summary: 'Liveness of the API',
      tags: ['meta'],
      security: [],
      responses: {
        200: {
          description: 'The API is up.',
          content: json(z.object({ status: z.literal('ok'), service: z.string() })),
        },
      },
    },
    {
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This document',
      tags: ['meta'],
      security: [],
      responses: {
        200: { description: 'The OpenAPI 3.1 document.', content: json(z.record(z.string(), z.unknown())) },
      },
    },
    {
      method: 'get',
      path: '/api/me',
      summary: 'Who the API thinks the caller is',
      tags: ['meta'],
      responses: {
        200: { description: 'The caller.', content: json(actorSchema) },
        ...errors(401),
      },
    },
    {
      method: 'get',
      path: '/api/workflow',
      summary: 'The statuses a case goes through, and how it moves between them',
      description:
        "Drawn from the state machines' definitions, the API's own moves included (a submission found not eligible, a withdrawal); the same answer for every caller, with no case data, for the web app to draw a case's progress.",
      tags: ['cases'],
      responses: {
        200: { description: 'The graph of statuses.', content: json(workflowGraphSchema) },
        ...errors(401),
      },
    },
    {
      method: 'post',
      path: '/api/cases',
      summary: 'Submit a return request (consular officer of the migrant’s nationality)',
      description:
        'Checks the body, evaluates eligibility, stores the case (INELIGIBLE cases are kept with their reasons) and starts its workflow.',
      tags: ['cases'],
      request: { headers: idempotencyHeaders, body: { required: true, content: json(caseRequestSchema) } },
      responses: {
        201: {
          description: 'The case was created (or, for a retried idempotency key, found).',
          content: json(caseCreatedSchema),
        },
        ...errors(400, ...authed, 409, 413, 415),
      },
    },
    {
      method: 'get',
      path: '/api/cases',
      summary: 'List the cases the caller may see',
      tags: ['cases'],
      request: { query: caseListQuerySchema },
      responses: {
        200: { description: 'A page of cases.', content: json(caseListSchema) },
        ...errors(400, ...authed),
      },
    },
    {
      method: 'get',
      path: '/api/cases/{caseId}',
      summary: 'A case with its status, eligibility, amounts, approvals, booking, check-ins and timeline',
      tags: ['cases'],
      request: { params: caseIdParams },
      responses: {
        200: { description: 'The case, scoped to the caller’s role.', content: json(caseDetailSchema) },
        ...errors(...authed, 404),
      },
    },
    {
      method: 'post',
      path: '/api/cases/{caseId}/withdraw',
      summary: 'Withdraw a case before departure (consular officer of that country)',
      tags: ['cases'],
      request: { params: caseIdParams, body: { required: true, content: json(withdrawRequestSchema) } },
      responses: {
        200: {
          description: 'The case is withdrawn; holds are released and bookings cancelled.',
          content: json(caseCreatedSchema),
        },
        ...errors(400, ...authed, 404, 409, 415),
      },
    },
    {
      method: 'get',
      path: '/api/cases/{caseId}/audit',
      summary: 'The case’s audit trail (secretariat, auditor)',
      tags: ['cases'],
      request: { params: caseIdParams, query: paginationQuerySchema },
      responses: {
        200: { description: 'Audit entries, oldest first.', content: json(auditTrailSchema) },
        ...errors(...authed, 404),
      },
    },
    {
      method: 'get',
      path: '/api/statistics',
      summary: 'Statistics comparable across the member states (secretariat, auditor)',
      description:
        'Cases submitted in the months from `from` to `to` that concern `country`: by nationality, host country, vulnerability, outcome and month; durations from submission; approval and rejection rates; arrivals; check-ins; repeat returns. Counts, shares and durations only, never personal data; counts are given as they are.',
      tags: ['statistics'],
      request: { query: statisticsQuerySchema },
      responses: {
        200: { description: 'The statistics of the cohort.', content: json(statisticsSchema) },
        ...errors(400, ...authed),
      },
    },
    {
      method: 'get',
      path: '/api/tasks',
      summary: 'The caller’s inbox: approvals, arrival confirmations, check-ins, manual bookings',
      description:
        'Each task says whether it is overdue (open, its due date passed) by the server’s clock at the answer. `view=all&overdue=true` is the Secretariat’s list of every overdue task.',
      tags: ['tasks'],
      request: { query: taskListQuerySchema },
      responses: {
        200: {
          description: 'A page of tasks: the inbox by due date, every country’s by age.',
          content: json(taskListSchema),
        },
        ...errors(400, ...authed),
      },
    },
    {
      method: 'get',
      path: '/api/tasks/{taskId}',
      summary: 'One task',
      tags: ['tasks'],
      request: { params: taskIdParams },
      responses: { 200: { description: 'The task.', content: json(taskSchema) }, ...errors(...authed, 404) },
    },
    {
      method: 'post',
      path: '/api/tasks/{taskId}/complete',
      summary: 'Complete a task with its kind’s form',
      description:
        'The form depends on the task kind: approvals take ApprovalForm, arrival confirmations ArrivalForm, check-ins CheckInForm, manual bookings ManualBookingForm.',
      tags: ['tasks'],
      request: { params: taskIdParams, body: { required: true, content: json(taskCompletionBodySchema) } },
      responses: {
        200: { description: 'The completed task.', content: json(taskSchema) },
        ...errors(400, ...authed, 404, 409, 415),
      },
    },
    {
      method: 'get',
      path: '/api/funds',
      summary: 'The funds and their balances',
      tags: ['funds'],
      responses: { 200: { description: 'Funds.', content: json(fundListSchema) }, ...errors(...authed) },
    },
    {
      method: 'get',
      path: '/api/funds/{fundId}',
      summary: 'A fund: capital, available, reserved, disbursed',
      tags: ['funds'],
      request: { params: fundIdParams },
      responses: { 200: { description: 'The fund.', content: json(fundSchema) }, ...errors(...authed, 404) },
    },
    {
      method: 'get',
      path: '/api/funds/{fundId}/ledger',
      summary: 'A fund’s ledger entries, oldest first',
      tags: ['funds'],
      request: { params: fundIdParams, query: paginationQuerySchema },
      responses: {
        200: { description: 'A page of ledger entries.', content: json(ledgerPageSchema) },
        ...errors(400, ...authed, 404),
      },
    },
    {
      method: 'post',
      path: '/api/funds/{fundId}/contributions',
      summary: 'Record a member state’s contribution (secretariat)',
      tags: ['funds'],
      request: { params: fundIdParams, body: { required: true, content: json(contributionRequestSchema) } },
      responses: {
        201: { description: 'The contribution’s ledger entry.', content: json(ledgerEntrySchema) },
        200: {
          description: 'A retry with the same reference and amount: the entry already recorded.',
          content: json(ledgerEntrySchema),
        },
        ...errors(400, ...authed, 404, 409, 415),
      },
    },
  ];
}

/** The routes the document lists (method and path); pure, so a bundle that never lists them leaves them out. */
export const API_ROUTES: readonly ApiRoute[] = /* @__PURE__ */ (() =>
  routes().map((route) => ({
    method: route.method as ApiRoute['method'],
    path: route.path,
    ...(Array.isArray(route.security) && route.security.length === 0 ? { public: true } : {}),
  })))();

/** Builds the OpenAPI 3.1 document from the zod contracts. */
export function buildOpenApiDocument(): object {
  nameComponents();
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An ID token whose groups claim carries one Retorno role, e.g. `consular:hn` or `secretariat`.',
  });
  for (const route of routes()) {
    registry.registerPath({ ...route, operationId: operationId(route) });
  }
  // Named schemas are passed too, so that every component is listed even if no route refers to it.
  const schemas = COMPONENTS.map(([schema]) => schema);
  return new OpenApiGeneratorV31([...registry.definitions, ...schemas]).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Retorno API',
      version: '1.0.0',
      description:
        'Assisted Voluntary Return requests to the RCM Reserve Fund: cases, eligibility, approvals, the fund ledger, tasks and audit.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
  });
}

/** `POST /api/cases/{caseId}/withdraw` → `postCasesCaseIdWithdraw`: stable and unique per route. */
function operationId(route: Pick<RouteConfig, 'method' | 'path'>): string {
  const words = route.path
    .replace(/^\/api\//, '')
    .split(/[/{}.\-_]+/)
    .filter(Boolean);
  return route.method + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}
