/**
 * Benchmark of the handlers' cold start (`npm run bench:cold-start`): for every function of the
 * manifest, the size of its bundle (dist/functions/<name>/index.js, as deployed) and the time its
 * module initialisation takes, the median of several fresh Node processes, each loading the
 * bundle once with the environment the function gets (infra/constructs/manifest-function.ts sets
 * no NODE_OPTIONS). The health handler, which loads almost nothing, is
 * the floor. Issue 11's targets: at most 400 KB and 30 ms per handler.
 *
 *   npm run bench:cold-start -- --runs 9
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build, stop as stopEsbuild } from 'esbuild';
import { demoEmailDirectory } from '../local/email-directory';
import { buildFunctions, functionBuildOptions, functionBundlePath } from '../scripts/build';
import { manifest } from '../shared/manifest';
import { functionEnvironment, type ResourceNames } from '../shared/manifest-names';
import type { FunctionSpec } from '../shared/manifest-types';
import { encodeEmailDirectory } from '../shared/notifications/email-directory';

/** Issue 11's targets on the 2-core development machine. */
export const COLD_START_TARGETS = { bundleBytes: 400 * 1024, initMs: 30 } as const;

/** Names the functions are given: any value does, nothing is called while a module loads. */
const names: ResourceNames = {
  tableName: (table) => `retorno-bench-${table}`,
  stateMachineArn: (machine) => `arn:aws:states:us-east-1:000000000000:stateMachine:retorno-bench-${machine}`,
  emailFrom: 'retorno@example.org',
  emailConfigurationSet: 'retorno-bench',
  travelProviderUrl: 'http://127.0.0.1:9',
  emailDirectory: encodeEmailDirectory(demoEmailDirectory()),
  webAppUrl: 'http://127.0.0.1:9',
  metricsNamespace: 'Retorno/bench',
};

/** What a Lambda sandbox has in its environment before the function's own variables. */
const SANDBOX_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/**
 * Loads one bundle in this fresh process and prints how long `require` took, in ms. Lambda's
 * Node.js runtime client has loaded `http` (and made an Agent for the Runtime API) before it loads
 * the handler, so the loader does the same and the figure is the handler's own.
 */
const LOADER = `
const http = require('node:http');
new http.Agent({ keepAlive: true, maxSockets: 1 });
const { performance } = require('node:perf_hooks');
const started = performance.now();
const loaded = require(process.argv[1]);
const elapsed = performance.now() - started;
if (typeof loaded.handler !== 'function') throw new Error('no handler export');
process.stdout.write(String(elapsed));
`;

function initMs(bundle: string, env: Record<string, string>): number {
  const out = execFileSync(process.execPath, ['-e', LOADER, bundle], {
    env: { ...SANDBOX_ENV, ...env },
    encoding: 'utf8',
  });
  return Number(out);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** The median init of `runs` fresh loads, after one that warms the file cache (as a deployed sandbox's disk is). */
function medianInitMs(bundle: string, env: Record<string, string>, runs: number): number {
  initMs(bundle, env);
  return median(Array.from({ length: runs }, () => initMs(bundle, env)));
}

/** One handler's figures. */
export interface ColdStart {
  readonly name: string;
  readonly bytes: number;
  readonly initMs: number;
}

/** Size and median init time of every function's bundle, health first. */
export function measureColdStarts(runs: number): ColdStart[] {
  const specs = Object.entries(manifest.functions) as [string, FunctionSpec][];
  specs.sort(([a], [b]) => (a === 'health' ? -1 : b === 'health' ? 1 : a.localeCompare(b)));
  return specs.map(([name, spec]) => {
    const bundle = functionBundlePath(name);
    const env = { ...functionEnvironment(spec, names), AWS_LAMBDA_FUNCTION_NAME: name };
    return { name, bytes: statSync(bundle).size, initMs: medianInitMs(bundle, env, runs) };
  });
}

/**
 * The DynamoDB document client and the logger alone (bench/fixtures/sdk-floor.ts), built as the
 * functions are: what any handler that reads a table starts with.
 */
async function sdkFloor(runs: number): Promise<ColdStart> {
  const dir = mkdtempSync(join(tmpdir(), 'retorno-floor-'));
  try {
    const outfile = join(dir, 'index.js');
    await build({
      ...functionBuildOptions('health'),
      entryPoints: [join(__dirname, 'fixtures', 'sdk-floor.ts')],
      outfile,
      sourcemap: false,
    });
    return {
      name: 'floor: DynamoDB + logger',
      bytes: statSync(outfile).size,
      initMs: medianInitMs(outfile, {}, runs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  await buildFunctions();
  const floor = await sdkFloor(runs);
  await stopEsbuild();
  const results = measureColdStarts(runs);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  console.log(
    `\nHandler cold start: bundle size and module initialisation, median of ${runs} fresh Node ${process.version} processes`,
  );
  console.log(`${'function'.padEnd(26)}${'KB'.padStart(8)}${'init ms'.padStart(10)}`);
  console.log(
    `${floor.name.padEnd(26)}${kb(floor.bytes).padStart(8)}${floor.initMs.toFixed(1).padStart(10)}`,
  );
  for (const result of results) {
    const over =
      result.bytes > COLD_START_TARGETS.bundleBytes || result.initMs > COLD_START_TARGETS.initMs
        ? '  over target'
        : '';
    console.log(
      `${result.name.padEnd(26)}${kb(result.bytes).padStart(8)}${result.initMs.toFixed(1).padStart(10)}${over}`,
    );
  }
  const largest = results.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const slowest = results.reduce((a, b) => (b.initMs > a.initMs ? b : a));
  const met = results.every(
    (result) => result.bytes <= COLD_START_TARGETS.bundleBytes && result.initMs <= COLD_START_TARGETS.initMs,
  );
  console.log(
    `largest ${largest.name} ${kb(largest.bytes)} KB (target ≤ ${kb(COLD_START_TARGETS.bundleBytes)}), slowest ${slowest.name} ${slowest.initMs.toFixed(1)} ms (target ≤ ${COLD_START_TARGETS.initMs}); floors: health ${results[0]?.initMs.toFixed(1)} ms, DynamoDB client and logger ${floor.initMs.toFixed(1)} ms`,
  );
  console.log(met ? 'targets met' : 'targets NOT met');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
