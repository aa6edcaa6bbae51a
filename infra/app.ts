/**
 * The CDK entry (`cdk.json`: `npx tsx infra/app.ts`). It first builds the function bundles and
 * the web app with scripts/build.ts, so AWS always gets the very bundles the local cloud runs,
 * even from a fresh clone where dist/ does not exist yet. Offline: no context lookups.
 */
import { buildFunctions, buildWeb } from '../scripts/build';
import { createRetornoApp } from './retorno-app';

async function main(): Promise<void> {
  await Promise.all([buildFunctions(), buildWeb()]);
  const { app } = createRetornoApp();
  app.synth();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
