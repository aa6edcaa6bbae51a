import type { WorkflowGraph } from '../../shared/contracts/workflow';
import { workflowGraphAnswer } from '../../workflows/status-graph';
import { httpHandler } from '../http/http-handler';
import '../runtime/build-time';

// The graph depends only on the definitions this function is built with: computed when it is
// built, or here when it runs from source.
const answer: WorkflowGraph = globalThis.RETORNO_BUILT
  ? (globalThis.RETORNO_WORKFLOW_GRAPH as WorkflowGraph)
  : workflowGraphAnswer();

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
