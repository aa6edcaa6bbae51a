/**
 * The wrappers every API handler uses. They establish the caller from the verified JWT claims,
 * check the route's roles (this is what enforces them on AWS), parse the body and query with zod
 * contracts, and hand every error to error-mapping.ts, the one place errors become answers.
 * `httpHandler` is for routes with roles: its handler always gets a principal. `publicHttpHandler`
 * is for public routes, where the principal may be missing. Handlers stay thin: parse, call the
 * domain, map.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../shared/errors';
import { manifest } from '../../shared/manifest';
import type { RouteSpec } from '../../shared/manifest-types';
import { InvalidPrincipalError, type Principal, principalFromClaims } from '../../shared/roles';
import { assertRouteAllows, isPublic, routeKey } from '../../shared/route-access';
import { caseIdOfTask } from '../../shared/tasks/task';
import { parseInput } from '../../shared/validation';
import { logger } from '../runtime/logger';
import { errorAnswer } from './error-mapping';
import { readJsonBody } from './json-body';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * What a handler is called with.
 * @typeParam Caller the principal: always there on a route with roles; possibly not on a public one
 */
export interface HttpRequest<Body, Query, Caller extends Principal | undefined = Principal> {
  /** The caller, established from the verified token and allowed by the route's roles. */
  readonly principal: Caller;
  readonly body: Body;
  readonly query: Query;
  readonly params: Readonly<Record<string, string>>;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly event: HttpEvent;
  readonly context: Context;
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpHandlerOptions<Body, Query> {
  /** The body's contract (it is always read as strict JSON: 415 and duplicate keys are refused first). @default the JSON value as sent */
  readonly body?: z.ZodType<Body>;
  /** @default the query is passed as it came */
  readonly query?: z.ZodType<Query>;
}

const routesByKey = new Map<string, RouteSpec>(manifest.routes.map((route) => [routeKey(route), route]));

/** Bytes as UTF-8 text; bytes that are not UTF-8 are refused rather than read as U+FFFD. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function utf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ValidationError('the request body is not UTF-8 text', [
      { path: 'body', rule: 'utf8', message: 'the body must be UTF-8 encoded JSON' },
    ]);
  }
}

function readBody(event: HttpEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? utf8(Buffer.from(event.body, 'base64')) : event.body;
  // HTTP API (payload 2.0) gives header names in lower case, as the local gateway does.
  return readJsonBody(text, event.headers?.['content-type']);
}

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  return schema ? parseInput(schema, value, where) : (value as T);
}

/** The caller from the verified claims, allowed by the route's roles; undefined without a token. */
function callerOf(event: HttpEvent, route: RouteSpec): Principal | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims) {
    if (isPublic(route)) return undefined;
    throw new UnauthorizedError('a bearer token is required');
  }
  let principal: Principal;
  try {
    principal = principalFromClaims(claims);
  } catch (error) {
    if (error instanceof InvalidPrincipalError) throw new UnauthorizedError(error.message);
    throw error;
  }
  assertRouteAllows(route, principal);
  return principal;
}

type Handle<Body, Query, Caller extends Principal | undefined> = (
  request: HttpRequest<Body, Query, Caller>,
) => Promise<HttpResponse>;

/** The case a request is about, for its log lines: the path's case, or the case of the path's task. */
function caseIdOfRequest(event: HttpEvent): string | undefined {
  const { caseId, taskId } = event.pathParameters ?? {};
  if (caseId) return caseId;
  if (!taskId) return undefined;
  try {
    return caseIdOfTask(taskId);
  } catch {
    return undefined; // a malformed id is answered by the route; the log line just has no case
  }
}

/**
 * The Lambda handler: the route's checks, the parsing, the handler, and errors answered by the
 * mapping (error-mapping.ts) as the one place they become HTTP.
 */
function wrap<Body, Query, Caller extends Principal | undefined>(
  options: HttpHandlerOptions<Body, Query>,
  handle: Handle<Body, Query, Caller>,
  callerFor: (event: HttpEvent, route: RouteSpec) => Caller,
) {
  const core = async (event: HttpEvent, context: Context): Promise<APIGatewayProxyResultV2> => {
    const route = routesByKey.get(event.routeKey);
    // A route the manifest does not list has no roles to check against: refuse rather than guess.
    if (!route) throw new ForbiddenError(`route ${event.routeKey} is not in the manifest`);
    const caseId = caseIdOfRequest(event);
    // Reset after each invocation (resetKeys), so a warm sandbox never logs one case's id on another's lines.
    if (caseId) logger.appendKeys({ caseId });
    const principal = callerFor(event, route);
    const response = await handle({
      principal,
      body: parseWith(options.body, readBody(event), 'body'),
      query: parseWith(options.query, event.queryStringParameters ?? {}, 'query'),
      params: (event.pathParameters ?? {}) as Record<string, string>,
      headers: event.headers ?? {},
      event,
      context,
    });
    return {
      statusCode: response.statusCode,
      headers: { 'content-type': 'application/json', ...(response.headers ?? {}) },
      body: response.body === undefined ? '' : JSON.stringify(response.body),
    };
  };
  return middy<HttpEvent, APIGatewayProxyResultV2>()
    .use({
      onError: async (request) => {
        const answer = errorAnswer(request.error);
        if (answer.statusCode >= 500) logger.error('request failed', request.error as Error);
        request.response = answer;
      },
    })
    .use(httpHeaderNormalizer())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(core);
}

/**
 * Wraps a handler for a route with roles: it runs only for a caller with a verified token whose
 * role the route allows, and gets that caller as `principal`.
 */
export function httpHandler<Body = undefined, Query = Record<string, string | undefined>>(
  options: HttpHandlerOptions<Body, Query>,
  handle: Handle<Body, Query, Principal>,
) {
  return wrap(options, handle, (event, route) => {
    const principal = callerOf(event, route);
    // Only a public route lets a call without a token through: this handler is not for one.
    if (!principal) throw new UnauthorizedError('a bearer token is required');
    return principal;
  });
}

/** Wraps a handler for a public route: anyone may call it, and `principal` is set only if they sent a token. */
export function publicHttpHandler<Body = undefined, Query = Record<string, string | undefined>>(
  options: HttpHandlerOptions<Body, Query>,
  handle: Handle<Body, Query, Principal | undefined>,
) {
  return wrap(options, handle, callerOf);
}
