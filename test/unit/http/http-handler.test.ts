import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { type HttpEvent, httpHandler, publicHttpHandler } from '../../../functions/http/http-handler';
import { logger } from '../../../functions/runtime/logger';
import { CaseNotFoundError } from '../../../shared/cases/case-errors';
import { logLines } from '../../support/log-lines';

const context = {
  functionName: 'retorno-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:retorno-test',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

const consular = {
  sub: 'sub-consular-hn',
  'cognito:username': 'consular.hn',
  'cognito:groups': ['consular:hn'],
};

function event(
  routeKey: string,
  options: { claims?: Record<string, unknown>; query?: Record<string, string> } = {},
) {
  const [method, path] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    queryStringParameters: options.query,
    isBase64Encoded: false,
    requestContext: {
      http: { method, path },
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: [] } } } : {}),
    },
  } as unknown as HttpEvent;
}

type Answer = { statusCode: number; body: string };
const call = async (handler: (e: HttpEvent, c: Context) => Promise<unknown>, e: HttpEvent) => {
  const answer = (await handler(e, context)) as Answer;
  return { status: answer.statusCode, body: answer.body ? JSON.parse(answer.body) : undefined };
};

describe('the HTTP wrappers', () => {
  const whoami = httpHandler({}, async ({ principal }) => ({ statusCode: 200, body: principal.username }));

  it('hands a route with roles the caller from the verified token', async () => {
    expect(await call(whoami, event('GET /api/me', { claims: consular }))).toEqual({
      status: 200,
      body: 'consular.hn',
    });
  });

  it('refuses a call without a token before the handler runs', async () => {
    const answer = await call(whoami, event('GET /api/me'));
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('UnauthorizedError');
  });

  it('refuses a role the route does not allow, and a route the manifest does not list', async () => {
    const submit = httpHandler({}, async () => ({ statusCode: 201 }));
    const auditor = { sub: 'sub-auditor', 'cognito:groups': ['auditor'] };
    expect((await call(submit, event('POST /api/cases', { claims: auditor }))).status).toBe(403);
    expect((await call(whoami, event('GET /api/nowhere', { claims: consular }))).status).toBe(403);
  });

  it('lets anyone call a public route, with a principal only when they sent a token', async () => {
    const health = publicHttpHandler({}, async ({ principal }) => ({
      statusCode: 200,
      body: principal?.username ?? 'anonymous',
    }));
    expect((await call(health, event('GET /api/health'))).body).toBe('anonymous');
    expect((await call(health, event('GET /api/health', { claims: consular }))).body).toBe('consular.hn');
  });

  it('answers a query its contract refuses with the failing fields', async () => {
    const list = httpHandler({ query: z.object({ limit: z.coerce.number().int().max(100) }) }, async () => ({
      statusCode: 200,
    }));
    const answer = await call(list, event('GET /api/cases', { claims: consular, query: { limit: '500' } }));
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/^the query is not valid: limit: /);
    expect(answer.body.issues).toEqual([expect.objectContaining({ path: 'limit', rule: 'too_big' })]);
  });

  it('answers a named error of the domain through the mapping', async () => {
    const get = httpHandler({}, async () => {
      throw new CaseNotFoundError('case c1 not found');
    });
    expect(await call(get, event('GET /api/cases/{caseId}', { claims: consular }))).toEqual({
      status: 404,
      body: { error: 'CaseNotFoundError', message: 'case c1 not found' },
    });
  });
});

describe('reading the body', () => {
  const echo = httpHandler({}, async ({ body }) => ({ statusCode: 200, body }));
  const post = (body: string, headers: Record<string, string>, isBase64Encoded = false) =>
    ({
      ...event('POST /api/cases', { claims: consular }),
      body,
      headers,
      isBase64Encoded,
    }) as HttpEvent;

  it('reads a base64 body only when it is UTF-8', async () => {
    const json = { 'content-type': 'application/json' };
    const good = Buffer.from('{"city":"Tapachula"}').toString('base64');
    expect(await call(echo, post(good, json, true))).toEqual({ status: 200, body: { city: 'Tapachula' } });
    const latin1 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]).toString('base64');
    const answer = await call(echo, post(latin1, json, true));
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([expect.objectContaining({ path: 'body', rule: 'utf8' })]);
  });

  it('answers 415 for a body not sent as application/json, and 400 for a key given twice', async () => {
    expect((await call(echo, post('{"a":1}', { 'content-type': 'text/plain' }))).status).toBe(415);
    const twice = await call(echo, post('{"a":1,"a":2}', { 'content-type': 'application/json' }));
    expect(twice.status).toBe(400);
    expect(twice.body.issues).toEqual([expect.objectContaining({ path: 'a', rule: 'duplicate_key' })]);
  });
});

describe('the log lines of a request', () => {
  it('carry the case the request is about, and only for that request', async () => {
    const noisy = httpHandler({}, async () => {
      logger.warn('looked at it');
      return { statusCode: 200, body: 'ok' };
    });
    const lines = await logLines(async () => {
      await noisy(
        {
          ...event('GET /api/cases/{caseId}', { claims: consular }),
          pathParameters: { caseId: 'RET-LOG1' },
        } as HttpEvent,
        context,
      );
      await noisy(
        {
          ...event('GET /api/tasks/{taskId}', { claims: consular }),
          pathParameters: { taskId: 'RET-LOG2.country_approval.MX.1' },
        } as HttpEvent,
        context,
      );
      await noisy(event('GET /api/me', { claims: consular }), context);
    });
    expect(lines.map((line) => line.caseId)).toEqual(['RET-LOG1', 'RET-LOG2', undefined]);
    expect(lines[0]).toMatchObject({ message: 'looked at it', function_request_id: expect.any(String) });
  });
});
