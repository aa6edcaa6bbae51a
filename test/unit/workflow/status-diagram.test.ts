/**
 * The Mermaid diagram of the case's statuses (workflows/status-diagram.ts) and its copy in the
 * README, which `npm run workflows` writes and which must not go stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGRAM_MARKERS, statusDiagram, withDiagram } from '../../../workflows/status-diagram';
import { caseStatusGraph, type StatusGraph } from '../../../workflows/status-graph';

const small: StatusGraph = {
  start: 'SUBMITTED',
  statuses: ['SUBMITTED', 'INELIGIBLE', 'AWAITING_APPROVALS', 'FAILED'],
  transitions: [
    { from: 'SUBMITTED', to: 'INELIGIBLE', event: 'ineligible' },
    { from: 'SUBMITTED', to: 'AWAITING_APPROVALS', event: 'approvals_requested' },
    { from: 'SUBMITTED', to: 'FAILED', event: 'funds_unavailable' },
    { from: 'SUBMITTED', to: 'FAILED', event: 'workflow_failed' },
    { from: 'AWAITING_APPROVALS', to: 'FAILED', event: 'workflow_failed' },
  ],
};

describe('the status diagram', () => {
  it('draws the start, each move labelled by its events on one arrow, and the final statuses ending', () => {
    expect(statusDiagram(small)).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> SUBMITTED',
        '  SUBMITTED --> INELIGIBLE : ineligible',
        '  SUBMITTED --> AWAITING_APPROVALS : approvals_requested',
        '  SUBMITTED --> FAILED : funds_unavailable, workflow_failed',
        '  AWAITING_APPROVALS --> FAILED : workflow_failed',
        '  INELIGIBLE --> [*]',
        '  FAILED --> [*]',
        '',
      ].join('\n'),
    );
  });

  it('replaces only what is between the markers, in a mermaid block', () => {
    const readme = `# Title\n\nProse.\n\n${DIAGRAM_MARKERS.start}\nold\n${DIAGRAM_MARKERS.end}\n\nMore prose.\n`;
    expect(withDiagram(readme, 'stateDiagram-v2\n')).toBe(
      `# Title\n\nProse.\n\n${DIAGRAM_MARKERS.start}\n\`\`\`mermaid\nstateDiagram-v2\n\`\`\`\n${DIAGRAM_MARKERS.end}\n\nMore prose.\n`,
    );
  });

  it('refuses a README without its markers, or with them twice', () => {
    expect(() => withDiagram('# Title\n', 'stateDiagram-v2\n')).toThrow(
      `the README needs ${DIAGRAM_MARKERS.start} and then ${DIAGRAM_MARKERS.end}, once each, where the workflow diagram goes`,
    );
    const twice = `${DIAGRAM_MARKERS.start}${DIAGRAM_MARKERS.end}${DIAGRAM_MARKERS.start}${DIAGRAM_MARKERS.end}`;
    expect(() => withDiagram(twice, 'x\n')).toThrow(/once each/);
  });

  it("is in the README's section on the case workflow as the definitions draw it", () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The case workflow'));
    expect(section.indexOf(DIAGRAM_MARKERS.start)).toBeGreaterThan(0);
    if (readme !== withDiagram(readme, statusDiagram(caseStatusGraph()))) {
      throw new Error("README.md's workflow diagram is stale: run `npm run workflows` and commit it");
    }
  });
});
