/**
 * `npm run workflows`: writes each state machine's Amazon States Language file (workflows/*.asl.json)
 * from its builder in workflows/, formatted as Biome formats JSON. The files are checked in so that
 * reviewers and `cdk diff` see real ASL; test/unit/workflow/case-workflow-definition.test.ts fails
 * when one is stale.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifest } from '../shared/manifest';
import { WORKFLOW_DEFINITIONS } from '../workflows/definitions';

const root = join(__dirname, '..');
const files = Object.entries(WORKFLOW_DEFINITIONS).map(([name, build]) => {
  const file = join(root, manifest.stateMachines[name as keyof typeof manifest.stateMachines].definition);
  writeFileSync(file, `${JSON.stringify(build(), null, 2)}\n`);
  return file;
});
execFileSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', ...files], { stdio: 'inherit' });
