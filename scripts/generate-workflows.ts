/**
 * `npm run workflows`: writes each state machine's Amazon States Language file (workflows/*.asl.json)
 * from its builder in workflows/, formatted as Biome formats JSON, and the diagram of the case's
 * statuses drawn from them into README.md (between its workflow-diagram markers). The files are
 * checked in so that reviewers and `cdk diff` see real ASL;
 * test/unit/workflow/case-workflow-definition.test.ts fails when one is stale, and
 * test/unit/workflow/status-diagram.test.ts when the README's diagram is.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifest } from '../shared/manifest';
import { WORKFLOW_DEFINITIONS } from '../workflows/definitions';
import { statusDiagram, withDiagram } from '../workflows/status-diagram';
import { caseStatusGraph } from '../workflows/status-graph';

const root = join(__dirname, '..');
const files = Object.entries(WORKFLOW_DEFINITIONS).map(([name, build]) => {
  const file = join(root, manifest.stateMachines[name as keyof typeof manifest.stateMachines].definition);
  writeFileSync(file, `${JSON.stringify(build(), null, 2)}\n`);
  return file;
});
execFileSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', ...files], { stdio: 'inherit' });

const readme = join(root, 'README.md');
writeFileSync(readme, withDiagram(readFileSync(readme, 'utf8'), statusDiagram(caseStatusGraph())));
