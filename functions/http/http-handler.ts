/**
 * The wrapper every API handler uses: it establishes the caller from the verified JWT claims,
 * checks the route's roles (this is what enforces them on AWS), parses the body and query with
 * zod contracts, and maps named errors to HTTP. Handlers stay thin: parse, call the domain, map.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../shared/errors';
import { manifest } from '../../shared/manifest';
import type { RouteSpec } from '../../shared/manifest-types';
import { InvalidPrincipalError, type Principal, principalFromClaims } from '../../shared/roles';
import { assertRouteAllows, routeKey } from '../../shared/route-access';
import { zodIssues } from '../../shared/validation';
import { logger } from '../runtime/logger';
import { errorBody, statusOf } from './error-mapping';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export interface HttpRequest<Body, Query> {
  /** The caller; undefined only on public routes. */
  readonly principal: Principal | undefined;
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
  readonly body?: z.ZodType<Body>;
  readonly query?: z.ZodType<Query>;
}

const routesByKey = new Map<string, RouteSpec>(manifest.routes.map((route) => [routeKey(route), route]));

function readBody(event: HttpEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('the request body is not valid JSON', [
      { path: 'body', rule: 'json', message: 'the body must be a JSON document' },
    ]);
  }
}

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return value as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error, where);
  throw new ValidationError(
    `the ${where} is not valid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    issues,
  );
}

function principalOf(event: HttpEvent, route: RouteSpec | undefined): Principal | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (route?.auth === 'public' && !claims) return undefined;
  if (!claims) throw new UnauthorizedError('a bearer token is required');
  try {
    return principalFromClaims(claims);
  } catch (error) {
    if (error instanceof InvalidPrincipalError) throw new UnauthorizedError(error.message);
    throw error;
  }
}

/** Wraps a handler function into a Lambda handler for an HTTP API route. */
export function httpHandler<Body = undefined, Query = Record<string, string | undefined>>(
  options: HttpHandlerOptions<Body, Query>,
  handle: (request: HttpRequest<Body, Query>) => Promise<HttpResponse>,
) {
  const core = async (event: HttpEvent, context: Context): Promise<APIGatewayProxyResultV2> => {
    const route = routesByKey.get(event.routeKey);
    // A route the manifest does not list has no roles to check against: refuse rather than guess.
    if (!route) throw new ForbiddenError(`route ${event.routeKey} is not in the manifest`);
    const principal = principalOf(event, route);
    if (principal) assertRouteAllows(route, principal);
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
    .use(httpErrorHandler({ logger: false }))
    .use({
      onError: async (request) => {
        const status = statusOf(request.error);
        if (status >= 500) logger.error('request failed', request.error as Error);
        // http-error-handler (registered first, so it runs last) leaves a prepared response alone.
        request.response = {
          statusCode: status,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(errorBody(request.error, status)),
        };
      },
    })
    .use(httpHeaderNormalizer())
    .use(injectLambdaContext(logger))
    .handler(core);
}
