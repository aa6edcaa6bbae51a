/**
 * GET /api/workflow through its handler, with the event the gateway would send: every signed-in
 * role gets the graph of statuses, in the contract's shape, with each status named in Spanish and
 * English, and nothing about any case or person.
 */
import type { Context } from 'aws-lambda';
import { handler } from '../../../functions/api/workflow';
import type { HttpEvent } from '../../../functions/http/http-handler';
import { CASE_STATUS_LABELS } from '../../../shared/cases/case-status-labels';
import { FINAL_CASE_STATUSES } from '../../../shared/contracts/case';
import { type WorkflowGraph, workflowGraphSchema } from '../../../shared/contracts/workflow';
import { caseStatusGraph } from '../../../workflows/status-graph';

const context = {
  functionName: 'retorno-get-workflow',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:retorno-get-workflow',
  memoryLimitInMB: '256',
  awsRequestId: 'request-1',
  getRemainingTimeInMillis: () => 3_000,
} as unknown as Context;

function event(groups?: string[]): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'GET /api/workflow',
    rawPath: '/api/workflow',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'GET', path: '/api/workflow' },
      ...(groups
        ? {
            authorizer: {
              jwt: {
                claims: { sub: 'sub-1', 'cognito:username': 'someone', 'cognito:groups': groups },
                scopes: [],
              },
            },
          }
        : {}),
    },
  } as unknown as HttpEvent;
}

async function call(groups?: string[]): Promise<{ status: number; body: unknown }> {
  const answer = (await handler(event(groups), context)) as { statusCode: number; body: string };
  return { status: answer.statusCode, body: JSON.parse(answer.body) };
}

/** Every key anywhere in a JSON value. */
function keysIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) keysIn(inner, found.add(key));
  }
  return found;
}

describe('GET /api/workflow', () => {
  it('answers every signed-in role with the graph in its contract', async () => {
    for (const groups of [
      ['consular:hn'],
      ['authority:mx'],
      ['reintegration:gt'],
      ['secretariat'],
      ['operations'],
      ['auditor'],
    ]) {
      const answer = await call(groups);
      expect(answer.status).toBe(200);
      expect(() => workflowGraphSchema.parse(answer.body)).not.toThrow();
    }
  });

  it('refuses a caller without a token', async () => {
    expect((await call()).status).toBe(401);
  });

  it('is the status graph of the definitions, each status named and marked final or not', async () => {
    const body = (await call(['consular:hn'])).body as WorkflowGraph;
    const graph = caseStatusGraph();
    expect(body.start).toBe(graph.start);
    expect(body.transitions).toEqual(graph.transitions);
    expect(body.statuses).toEqual(
      graph.statuses.map((status) => ({
        status,
        final: FINAL_CASE_STATUSES.includes(status),
        es: CASE_STATUS_LABELS[status].es,
        en: CASE_STATUS_LABELS[status].en,
      })),
    );
    const shown = new Set(body.statuses.map((entry) => entry.status));
    for (const move of body.transitions)
      expect([shown.has(move.from), shown.has(move.to)]).toEqual([true, true]);
  });

  it('carries nothing but the graph: no case, no person', async () => {
    const body = (await call(['secretariat'])).body;
    expect([...keysIn(body)].sort()).toEqual([
      'en',
      'es',
      'event',
      'final',
      'from',
      'start',
      'status',
      'statuses',
      'to',
      'transitions',
    ]);
  });
});
