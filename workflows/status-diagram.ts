/**
 * The case's statuses as a Mermaid state diagram (stateDiagram-v2), drawn from the status graph
 * (status-graph.ts), and its place in the README between two markers. `npm run workflows` writes
 * it there; test/unit/workflow/status-diagram.test.ts fails while the README's differs.
 */
import { isFinalStatus } from '../shared/contracts/case';
import type { StatusGraph } from './status-graph';

/** Where the README's diagram starts and ends, in the section "The case workflow". */
export const DIAGRAM_MARKERS = {
  start: '<!-- workflow-diagram:start -->',
  end: '<!-- workflow-diagram:end -->',
} as const;

/**
 * The Mermaid text: [*] to the start, each move labelled by its events (moves between the same two
 * statuses share one arrow), and each final status to [*].
 */
export function statusDiagram(graph: StatusGraph): string {
  const arrows = new Map<string, string[]>();
  for (const { from, to, event } of graph.transitions) {
    const key = `${from} --> ${to}`;
    arrows.set(key, [...(arrows.get(key) ?? []), event]);
  }
  const lines = [
    'stateDiagram-v2',
    `  [*] --> ${graph.start}`,
    ...[...arrows].map(([arrow, events]) => `  ${arrow} : ${events.join(', ')}`),
    ...graph.statuses.filter(isFinalStatus).map((status) => `  ${status} --> [*]`),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The README with `diagram` between the markers, in a mermaid block.
 * @throws Error when the markers are missing, repeated or out of order
 */
export function withDiagram(readme: string, diagram: string): string {
  const start = readme.indexOf(DIAGRAM_MARKERS.start);
  const end = readme.indexOf(DIAGRAM_MARKERS.end);
  const once = (marker: string) => readme.indexOf(marker) === readme.lastIndexOf(marker);
  if (start < 0 || end < start || !once(DIAGRAM_MARKERS.start) || !once(DIAGRAM_MARKERS.end)) {
    throw new Error(
      `the README needs ${DIAGRAM_MARKERS.start} and then ${DIAGRAM_MARKERS.end}, once each, where the workflow diagram goes`,
    );
  }
  const block = `${DIAGRAM_MARKERS.start}\n\`\`\`mermaid\n${diagram}\`\`\`\n`;
  return readme.slice(0, start) + block + readme.slice(end);
}
