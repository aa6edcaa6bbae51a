/**
 * Payload format 2.0, both ways: the `APIGatewayProxyEventV2` that API Gateway HTTP APIs hand to
 * a Lambda integration, and the mapping of the Lambda's result back to an HTTP response
 * ("Working with AWS Lambda proxy integrations for HTTP APIs" in the API Gateway guide).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** Content types whose bodies API Gateway passes as text; all others arrive base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/javascript'
  );
}

/**
 * Claims as HTTP APIs pass them: every value a string; arrays flattened to "[a b]" and numbers
 * to their decimal text. Handlers must cope with exactly this, so the local gateway does it too.
 */
export function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (Array.isArray(value)) flat[name] = `[${value.map(String).join(' ')}]`;
    else if (value !== null && typeof value === 'object') flat[name] = JSON.stringify(value);
    else flat[name] = String(value);
  }
  return flat;
}

export interface EventInput {
  readonly method: string;
  /** Path and query as received, e.g. `/api/cases?status=OPEN&status=CLOSED`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
  readonly sourceIp: string;
  readonly claims?: Record<string, unknown>;
  readonly scopes?: string[];
  readonly now?: Date;
  readonly accountId?: string;
  readonly apiId?: string;
}

function formatRequestTime(date: Date): string {
  // API Gateway's requestContext.time: "12/Mar/2020:19:03:58 +0000"
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
}

export function buildEvent(input: EventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
  const questionMark = input.url.indexOf('?');
  const rawPath = questionMark === -1 ? input.url : input.url.slice(0, questionMark);
  const rawQueryString = questionMark === -1 ? '' : input.url.slice(questionMark + 1);

  // Repeated query parameters are joined with commas, as HTTP APIs do.
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  }

  // Header names lower-cased, repeated values comma-joined; cookies move to their own array.
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') {
      cookies = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(/;\s*/)).filter(Boolean);
      continue;
    }
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }

  const isBase64Encoded = input.body.length > 0 && !isTextContentType(headers['content-type']);
  const now = input.now ?? new Date();
  const requestId = randomUUID();
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: input.accountId ?? '000000000000',
      apiId: input.apiId ?? 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: {
        method: input.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: input.routeKey,
      stage: '$default',
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: flattenClaims(input.claims ?? {}), scopes: input.scopes ?? [] },
      },
    },
    isBase64Encoded,
  };
  if (!input.claims) delete (event.requestContext as { authorizer?: unknown }).authorizer;
  if (cookies.length > 0) event.cookies = cookies;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (Object.keys(input.pathParameters).length > 0) event.pathParameters = input.pathParameters;
  if (input.body.length > 0)
    event.body = isBase64Encoded ? input.body.toString('base64') : input.body.toString('utf8');
  return event;
}

export interface HttpResult {
  readonly statusCode: number;
  /** Header values; `set-cookie` may carry several. */
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * Maps what the function returned to the HTTP response. A result without `statusCode` is taken
 * as the body of a 200 JSON answer (API Gateway's inferred format); a string is sent as is.
 */
export function mapResult(result: unknown): HttpResult {
  const looksStructured = result !== null && typeof result === 'object' && 'statusCode' in (result as object);
  if (!looksStructured) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const structured = result as {
    statusCode: number;
    headers?: Record<string, string | number | boolean>;
    multiValueHeaders?: Record<string, Array<string | number | boolean>>;
    cookies?: string[];
    body?: string;
    isBase64Encoded?: boolean;
  };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.multiValueHeaders ?? {}))
    headers[name.toLowerCase()] = value.map(String).join(',');
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const rawBody = structured.body ?? '';
  const body = structured.isBase64Encoded ? Buffer.from(rawBody, 'base64') : Buffer.from(rawBody, 'utf8');
  return { statusCode: structured.statusCode, headers, body };
}
