/**
 * Values scripts/build.ts computes when it bundles a function and puts in the bundle as constants
 * (esbuild's `define`; BUILD_TIME_VALUES there), so that the handler does not compute them at
 * every cold start. A handler reads `globalThis.RETORNO_BUILT ? globalThis.<NAME> : compute()`:
 * esbuild folds the condition and drops `compute`, with everything only it needs, from the
 * bundle; run from source (the unit tests), the flag is unset and `compute()` runs.
 */
import type { WorkflowGraph } from '../../shared/contracts/workflow';

declare global {
  /** True in a bundle built by scripts/build.ts. */
  var RETORNO_BUILT: boolean | undefined;
  /** openApi's document (shared/openapi.ts buildOpenApiDocument). */
  var RETORNO_OPENAPI_DOCUMENT: object | undefined;
  /** getWorkflow's answer (workflows/status-graph.ts workflowGraphAnswer). */
  var RETORNO_WORKFLOW_GRAPH: WorkflowGraph | undefined;
}
