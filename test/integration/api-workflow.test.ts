/**
 * GET /api/workflow through the local gateway and the built bundle, and the graph it answers held
 * against what the local cloud does: every change of status on the timelines of real cases (one
 * withdrawn while it awaits approvals, one found not eligible) is a move the graph shows.
 */
import { type WorkflowGraph, workflowGraphSchema } from '../../shared/contracts/workflow';
import { startTestApi, type TestApi } from '../support/api';
import { validCaseRequest } from '../support/case-request-fixture';
import { eventually } from '../support/eventually';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

interface TimelineEntry {
  readonly event: string;
  readonly status?: string;
}

/** The moves of a case's timeline: each entry whose status differs from the one before it. */
function movesOn(timeline: readonly TimelineEntry[]): string[] {
  const moves: string[] = [];
  let held: string | undefined;
  for (const entry of timeline) {
    if (entry.status === undefined) continue;
    if (held !== undefined && entry.status !== held)
      moves.push(`${held} -> ${entry.status} : ${entry.event}`);
    held = entry.status;
  }
  return moves;
}

const caseOf = async (caseId: string) => (await api.call('consular.hn', 'GET', `/api/cases/${caseId}`)).body;

/** The graph as the API answers it. */
async function answeredGraph(): Promise<WorkflowGraph> {
  const answer = await api.call('reintegration.gt', 'GET', '/api/workflow');
  expect(answer.status).toBe(200);
  return workflowGraphSchema.parse(answer.body);
}

describe('GET /api/workflow through the gateway', () => {
  it('answers a signed-in caller the graph in its contract, and refuses one without a token', async () => {
    const graph = await answeredGraph();
    expect(graph.start).toBe('SUBMITTED');
    expect(graph.statuses.find((entry) => entry.status === 'WITHDRAWN')).toEqual({
      status: 'WITHDRAWN',
      final: true,
      es: 'Retirado',
      en: 'Withdrawn',
    });
    expect((await api.call(null, 'GET', '/api/workflow')).status).toBe(401);
  });

  it('shows every move of a case withdrawn while awaiting approvals, and of one found not eligible', async () => {
    const shown = new Set(
      (await answeredGraph()).transitions.map((move) => `${move.from} -> ${move.to} : ${move.event}`),
    );
    const contribution = await api.call('secretariat', 'POST', '/api/funds/rcm-reserve/contributions', {
      country: 'PA',
      amount: 10_000,
      reference: 'PA-2026-workflow-graph',
    });
    expect(contribution.status).toBe(201);

    const submitted = await api.call('consular.hn', 'POST', '/api/cases', validCaseRequest());
    expect(submitted.status).toBe(201);
    const { caseId } = submitted.body as { caseId: string };
    await eventually(
      async () => ((await caseOf(caseId)).status === 'AWAITING_APPROVALS' ? true : undefined),
      20_000,
      'the case to await approvals',
    );
    // The same person again while the first case is open: not eligible, at once.
    const again = await api.call('consular.hn', 'POST', '/api/cases', validCaseRequest());
    expect(again.body.status).toBe('INELIGIBLE');

    const withdrawn = await api.call('consular.hn', 'POST', `/api/cases/${caseId}/withdraw`, {
      reason: 'The person decided to stay.',
    });
    expect(withdrawn.status).toBe(200);
    const finished = await eventually(
      async () => {
        const detail = await caseOf(caseId);
        const events = detail.timeline.map((entry: TimelineEntry) => entry.event);
        return events.includes('withdrawal_completed') ? detail : undefined;
      },
      20_000,
      'the workflow to compensate the withdrawal',
    );

    const moves = [...movesOn(finished.timeline), ...movesOn((await caseOf(again.body.caseId)).timeline)];
    expect(moves).toEqual([
      'SUBMITTED -> AWAITING_APPROVALS : approvals_requested',
      'AWAITING_APPROVALS -> WITHDRAWN : withdrawn',
      'SUBMITTED -> INELIGIBLE : ineligible',
    ]);
    expect(moves.filter((move) => !shown.has(move))).toEqual([]);
  }, 60_000);
});
