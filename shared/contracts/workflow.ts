/**
 * `GET /api/workflow`: the statuses a case goes through and how it moves between them, drawn from
 * the state machines' definitions (workflows/status-graph.ts, the README's diagram is the same
 * graph), for the web app to draw a case's progress with its status marked. The same answer for
 * every caller: no case, no person, only codes and their names.
 */
import * as z from 'zod';
import { caseStatusSchema } from './case';

/** A status in the graph, with whether it is final and its name in both languages. */
export const workflowStatusSchema = /* @__PURE__ */ (() =>
  z.object({
    status: caseStatusSchema,
    /** Nothing more happens to a case in a final status. */
    final: z.boolean(),
    es: z.string().meta({ example: 'Esperando aprobaciones' }),
    en: z.string().meta({ example: 'Awaiting approvals' }),
  }))();
export type WorkflowStatus = z.infer<typeof workflowStatusSchema>;

/** A move between two statuses (or within one), by the event recorded with it. */
export const workflowTransitionSchema = /* @__PURE__ */ (() =>
  z.object({
    from: caseStatusSchema,
    to: caseStatusSchema,
    /** The event's code, as on a case's timeline, e.g. `approvals_requested`. */
    event: z.string().meta({ example: 'approvals_requested' }),
  }))();
export type WorkflowTransition = z.infer<typeof workflowTransitionSchema>;

export const workflowGraphSchema = /* @__PURE__ */ (() =>
  z.object({
    /** Where every case starts: its submission. */
    start: caseStatusSchema,
    /** In the order of the case's life (CASE_STATUSES), each once. */
    statuses: z.array(workflowStatusSchema),
    transitions: z.array(workflowTransitionSchema),
  }))();
export type WorkflowGraph = z.infer<typeof workflowGraphSchema>;
