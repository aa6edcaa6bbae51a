/**
 * The steps of a case's life as the stepper shows them, read from the workflow graph
 * (`GET /api/workflow`) rather than written here, so a new status or move shows without a change:
 * the main path is the longest run of non-final statuses from the start, ended by the first final
 * status (in the graph's order of a case's life) it leads to. A step the path can go around
 * (waiting for funds) shows only when the case went through it. A case that ended off the path
 * (rejected, withdrawn, failed...) shows the path up to the last step it held, then where it ended.
 */
import type { CaseStatus, TimelineEntry } from '../../../../shared/contracts/case';
import type { WorkflowGraph, WorkflowStatus } from '../../../../shared/contracts/workflow';

/** done: passed; current: where the case is; ended: the final status it ended in off the path. */
export type StepState = 'done' | 'current' | 'ended' | 'upcoming' | 'not_reached';

export interface Step {
  readonly status: CaseStatus;
  readonly names: Pick<WorkflowStatus, 'es' | 'en'>;
  readonly final: boolean;
  readonly state: StepState;
}

/** The statuses of a case's life from submission to its good end, in order. */
export function mainPath(graph: WorkflowGraph): CaseStatus[] {
  const final = new Set(graph.statuses.filter((entry) => entry.final).map((entry) => entry.status));
  const next = new Map<CaseStatus, CaseStatus[]>();
  for (const { from, to } of graph.transitions) {
    if (from === to || final.has(to)) continue;
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const longest = new Map<CaseStatus, CaseStatus[]>();
  const visiting = new Set<CaseStatus>();
  const from = (status: CaseStatus): CaseStatus[] => {
    const known = longest.get(status);
    if (known) return known;
    // A cycle back (none today) would only repeat steps: it ends the path there.
    if (visiting.has(status)) return [];
    visiting.add(status);
    let best: CaseStatus[] = [];
    for (const to of next.get(status) ?? []) {
      const candidate = from(to);
      if (candidate.length > best.length) best = candidate;
    }
    visiting.delete(status);
    const path = [status, ...best];
    longest.set(status, path);
    return path;
  };
  const path = graph.statuses.some((entry) => entry.status === graph.start) ? from(graph.start) : [];
  const last = path[path.length - 1];
  const end = graph.statuses.find(
    (entry) =>
      entry.final && graph.transitions.some((move) => move.from === last && move.to === entry.status),
  );
  return end ? [...path, end.status] : path;
}

/** Steps of the path the graph also goes around (a move from the one before to the one after). */
function skippable(graph: WorkflowGraph, path: readonly CaseStatus[]): Set<CaseStatus> {
  const skippable = new Set<CaseStatus>();
  for (let index = 1; index < path.length - 1; index++) {
    const before = path[index - 1];
    const after = path[index + 1];
    if (graph.transitions.some((move) => move.from === before && move.to === after))
      skippable.add(path[index] as CaseStatus);
  }
  return skippable;
}

/** The steps to show for a case in `status` with this timeline. */
export function caseSteps(
  graph: WorkflowGraph,
  status: CaseStatus,
  timeline: readonly Pick<TimelineEntry, 'at' | 'status'>[],
): Step[] {
  const byStatus = new Map(graph.statuses.map((entry) => [entry.status, entry]));
  const held = [...timeline]
    .sort((a, b) => a.at.localeCompare(b.at))
    .flatMap((entry) => (entry.status ? [entry.status] : []));
  const visited = new Set<CaseStatus>([...held, status]);
  const around = skippable(graph, mainPath(graph));
  const path = mainPath(graph).filter((step) => !around.has(step) || visited.has(step));
  const step = (at: CaseStatus, state: StepState): Step => {
    const entry = byStatus.get(at);
    return {
      status: at,
      names: { es: entry?.es ?? at, en: entry?.en ?? at },
      final: entry?.final ?? false,
      state,
    };
  };

  const current = path.indexOf(status);
  if (current >= 0)
    return path.map((at, index) =>
      step(at, index < current ? 'done' : index === current ? 'current' : 'upcoming'),
    );

  // Ended (or, were the graph to grow, resting) off the path: after the last step it held on it.
  const lastHeld = held.filter((at) => path.includes(at) && at !== status).pop();
  const reached = lastHeld ? path.indexOf(lastHeld) : 0;
  return [
    ...path.slice(0, reached + 1).map((at) => step(at, 'done')),
    step(status, 'ended'),
    ...path.slice(reached + 1).map((at) => step(at, 'not_reached')),
  ];
}
