import { CASE_STATUS_LABELS } from '../../shared/cases/case-status-labels';
import { isFinalStatus } from '../../shared/contracts/case';
import type { WorkflowGraph } from '../../shared/contracts/workflow';
import { caseStatusGraph } from '../../workflows/status-graph';
import { httpHandler } from '../http/http-handler';

// Built once per sandbox: the graph depends only on the definitions bundled with this function.
const graph = caseStatusGraph();
const answer: WorkflowGraph = {
  start: graph.start,
  statuses: graph.statuses.map((status) => ({
    status,
    final: isFinalStatus(status),
    ...CASE_STATUS_LABELS[status],
  })),
  transitions: graph.transitions.map(({ from, to, event }) => ({ from, to, event })),
};

/**
 * GET /api/workflow: the case's statuses and the moves between them, as the state machines'
 * definitions draw them, for the web app's case page (every signed-in role; no case data).
 */
export const handler = httpHandler({}, async () => ({
  statusCode: 200,
  body: answer,
  // The same for everyone until the next deployment.
  headers: { 'cache-control': 'private, max-age=300' },
}));
