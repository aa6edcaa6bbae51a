/**
 * What one case costs in billed units (`npm run bench:case-costs`), the counts the README's cost
 * estimate multiplies by AWS's prices: the demo's three cases (`npm run demo`: a child's return
 * from the request to CLOSED, an ineligible request, a return a transit country refuses) run on
 * the whole local cloud in this process, with in-memory data, and are counted as they go:
 *  - Step Functions state transitions, per case and state machine: every state entered in the
 *    executions' histories (what Standard workflows bill, retries included);
 *  - Lambda invocations, by function;
 *  - DynamoDB requests by operation (reads, writes, transactions and their items), through the
 *    request counter in front of DynamoDB Local (bench/request-counter.ts);
 *  - emails SES accepted.
 * The people's own API calls are the demo's: one look at each task and each case page per step.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { stop as stopEsbuild } from 'esbuild';
import { type LocalCloud, startLocalCloud } from '../local/cloud';
import { readLocalSettings } from '../local/local-config';
import { buildFunctions } from '../scripts/build';
import { runDemo } from '../scripts/demo';
import { manifest } from '../shared/manifest';
import { invocationsBetween } from './cases';
import { type RequestCounter, startRequestCounter } from './request-counter';

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

/** State transitions of every execution of every state machine, by execution name (the case id). */
async function stateTransitions(cloud: LocalCloud): Promise<Map<string, Map<string, number>>> {
  const sfn = new SFNClient({
    endpoint: cloud.urls.stepFunctions,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const byCase = new Map<string, Map<string, number>>();
  for (const machine of Object.keys(manifest.stateMachines)) {
    const stateMachineArn = cloud.names.stateMachineArn(machine);
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken }));
      for (const execution of page.executions ?? []) {
        let entered = 0;
        let historyToken: string | undefined;
        do {
          const history = await sfn.send(
            new GetExecutionHistoryCommand({ executionArn: execution.executionArn, nextToken: historyToken }),
          );
          entered += (history.events ?? []).filter((event) => event.type?.endsWith('StateEntered')).length;
          historyToken = history.nextToken;
        } while (historyToken);
        // The reintegration workflow's executions are named after their case too (<caseId>-…).
        const caseId = /^(RET-[A-Za-z0-9]+)/.exec(execution.name ?? '')?.[1] ?? (execution.name as string);
        const machines = byCase.get(caseId) ?? new Map<string, number>();
        machines.set(machine, (machines.get(machine) ?? 0) + entered);
        byCase.set(caseId, machines);
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  sfn.destroy();
  return byCase;
}

async function main(): Promise<void> {
  await buildFunctions();
  await stopEsbuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'retorno-costs-'));
  let cloud: LocalCloud | undefined;
  let counter: RequestCounter | undefined;
  try {
    const settings = readLocalSettings({ RETORNO_DATA_DIR: dataDir, RETORNO_FUNCTION_LOG_LEVEL: 'ERROR' });
    cloud = await startLocalCloud({
      settings,
      inMemory: true,
      freePorts: true,
      dynamoDbFront: async (endpoint: string) => {
        counter = await startRequestCounter(endpoint);
        return counter;
      },
    });
    const invokedBefore = cloud.invoker.invocationCounts();
    counter?.reset();
    const outcome = await runDemo({
      baseUrl: cloud.urls.api.replace(/\/api$/, ''),
      sesUrl: cloud.urls.ses,
      say: () => {},
      graceMs: 3_000,
      emailsQuietMs: 1_000,
    });
    const requests = counter?.counts() ?? [];
    const invoked = [...invocationsBetween(invokedBefore, cloud.invoker.invocationCounts())];
    const transitions = await stateTransitions(cloud);
    const emails =
      ((await (await fetch(`${cloud.urls.ses}/store`)).json()) as { emails?: unknown[] }).emails ?? [];

    console.log(
      `\nWhat the demo's three cases cost in billed units (${new Date().toISOString().slice(0, 10)})`,
    );
    for (const [label, { caseId, status }] of [
      ["a child's return, request to CLOSED", outcome.journey],
      ['an ineligible request', outcome.ineligible],
      ['a return a transit country refuses', outcome.rejected],
    ] as const) {
      const machines = transitions.get(caseId) ?? new Map<string, number>();
      const total = [...machines.values()].reduce((sum, count) => sum + count, 0);
      const split = [...machines].map(([machine, count]) => `${machine} ${count}`).join(', ');
      console.log(`  ${label} (${status}): ${total} state transitions (${split})`);
    }
    const invocations = invoked.reduce((sum, [, count]) => sum + count, 0);
    console.log(`Lambda invocations, all three cases and their people's API calls: ${invocations}`);
    console.log(
      `  ${invoked
        .sort((a, b) => b[1] - a[1])
        .map(([fn, count]) => `${fn.replace(/^retorno-/, '')} ${count}`)
        .join(', ')}`,
    );
    const byOperation = new Map<string, number>();
    let transactionItems = 0;
    for (const { operation, target, count } of requests) {
      if (target === '' && operation === '?') continue;
      byOperation.set(operation, (byOperation.get(operation) ?? 0) + count);
      const items = /^(\d+) items$/.exec(target);
      if (items) transactionItems += Number(items[1]) * count;
    }
    const reads = [...byOperation].filter(([op]) => READS.has(op)).reduce((sum, [, n]) => sum + n, 0);
    const writes = [...byOperation].filter(([op]) => !READS.has(op)).reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `DynamoDB requests, all three cases: ${reads} reads, ${writes} writes (${transactionItems} items in transactions)`,
    );
    console.log(
      `  ${[...byOperation]
        .sort((a, b) => b[1] - a[1])
        .map(([op, n]) => `${op} ${n}`)
        .join(', ')}`,
    );
    console.log(`emails accepted by SES: ${emails.length}`);
  } finally {
    // The counter is the cloud's DynamoDB front: the cloud stops it.
    await cloud?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
