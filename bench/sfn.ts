/**
 * Benchmark of the local Step Functions runtime (`npm run bench:sfn`):
 *  - executions/s and state transitions/s on a reference definition (Lambda tasks, a Choice loop,
 *    a Map of 10), with durability on (journal fsync'ed) and off (memory only);
 *  - resident memory with 10,000 executions waiting on task tokens.
 * Functions run in-process (InProcessLambdaInvoker) so that the figures are the runtime's, not
 * worker-thread start-up; the API is driven through @aws-sdk/client-sfn over HTTP, as clients do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { LocalClock } from '../local/clock';
import { type Durability, startStepFunctionsRuntime } from '../local/sfn';
import { InProcessLambdaInvoker } from '../local/sfn/in-process-invoker';

const ACCOUNT = '000000000000';
const fn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const invoke = (name: string, payload: object) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: fn(name), Payload: payload },
});

/** Lambda tasks, a Choice loop of three rounds, and a Map of 10 Lambda tasks. */
const reference = {
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Parameters: { round: 0, items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }, Next: 'Work' },
    Work: {
      ...invoke('work', { 'round.$': '$.round' }),
      ResultSelector: { 'r.$': '$.Payload' },
      ResultPath: '$.last',
      Next: 'Again',
    },
    Again: {
      Type: 'Choice',
      Choices: [{ Variable: '$.round', NumericLessThan: 2, Next: 'Increment' }],
      Default: 'FanOut',
    },
    Increment: {
      Type: 'Pass',
      Parameters: { 'round.$': 'States.MathAdd($.round, 1)', 'items.$': '$.items' },
      Next: 'Work',
    },
    FanOut: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemSelector: { 'item.$': '$$.Map.Item.Value' },
      ItemProcessor: {
        StartAt: 'Item',
        States: { Item: { ...invoke('work', { 'item.$': '$.item' }), OutputPath: '$.Payload', End: true } },
      },
      ResultPath: '$.results',
      End: true,
    },
  },
};

const waitForToken = {
  StartAt: 'AwaitDecision',
  States: {
    AwaitDecision: {
      ...invoke('notify', { 'token.$': '$$.Task.Token' }),
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      End: true,
    },
  },
};

async function inParallel(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

async function withRuntime<T>(
  durability: Durability,
  run: (client: SFNClient, settle: () => Promise<void>) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfn-bench-'));
  const invoker = new InProcessLambdaInvoker({ work: (event) => event, notify: () => ({ sent: true }) });
  const runtime = await startStepFunctionsRuntime({
    port: 0,
    dataDir,
    invoker,
    clock: new LocalClock(),
    durability,
    accountId: ACCOUNT,
  });
  const client = new SFNClient({
    endpoint: runtime.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    return await run(client, () => runtime.settle());
  } finally {
    client.destroy();
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function throughput(
  durability: Durability,
  executions: number,
): Promise<{ perSecond: number; transitions: number }> {
  return withRuntime(durability, async (client, settle) => {
    const { stateMachineArn } = await client.send(
      new CreateStateMachineCommand({
        name: 'reference',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/bench`,
        definition: JSON.stringify(reference),
      }),
    );
    const started = performance.now();
    await inParallel(executions, 32, async () => {
      await client.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    });
    for (;;) {
      await settle();
      const running = await client.send(
        new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 1 }),
      );
      if ((running.executions ?? []).length === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const done = await client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED', maxResults: 1000 }),
    );
    const succeeded = done.executions?.length ?? 0;
    if (succeeded !== Math.min(executions, 1000)) throw new Error(`only ${succeeded} executions succeeded`);
    const history = await client.send(
      new GetExecutionHistoryCommand({ executionArn: done.executions![0]!.executionArn, maxResults: 1000 }),
    );
    // A state transition is a state entered (AWS bills the same way).
    const perExecution = (history.events ?? []).filter((event) =>
      event.type?.endsWith('StateEntered'),
    ).length;
    return { perSecond: executions / seconds, transitions: (executions * perExecution) / seconds };
  });
}

let heapMb = 0;

async function waitingMemory(
  count: number,
): Promise<{ rssMb: number; deltaMb: number; startSeconds: number }> {
  return withRuntime('fsync', async (client, settle) => {
    const { stateMachineArn } = await client.send(
      new CreateStateMachineCommand({
        name: 'waiting',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/bench`,
        definition: JSON.stringify(waitForToken),
      }),
    );
    global.gc?.();
    const before = process.memoryUsage().rss;
    const started = performance.now();
    await inParallel(count, 64, async () => {
      await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"caseId":"c-1"}' }));
    });
    await settle();
    const startSeconds = (performance.now() - started) / 1000;
    global.gc?.();
    const after = process.memoryUsage().rss;
    heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    const running = await client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 1000 }),
    );
    if ((running.executions?.length ?? 0) < Math.min(count, 1000))
      throw new Error('executions are not waiting');
    return { rssMb: after / 2 ** 20, deltaMb: (after - before) / 2 ** 20, startSeconds };
  });
}

async function main(): Promise<void> {
  const executions = Number(process.env.SFN_BENCH_EXECUTIONS ?? 200);
  const waiting = Number(process.env.SFN_BENCH_WAITING ?? 10_000);
  const rows: string[] = [];
  for (const durability of ['fsync', 'none'] as const) {
    const result = await throughput(durability, executions);
    rows.push(
      `reference definition, durability ${durability.padEnd(5)}: ${result.perSecond.toFixed(1)} executions/s, ${result.transitions.toFixed(0)} state transitions/s (${executions} executions)`,
    );
    console.log(rows.at(-1));
  }
  const memory = await waitingMemory(waiting);
  rows.push(
    `${waiting} executions waiting on task tokens (durability fsync): RSS ${memory.rssMb.toFixed(0)} MB (+${memory.deltaMb.toFixed(0)} MB for the executions), heap ${heapMb.toFixed(0)} MB, started in ${memory.startSeconds.toFixed(1)} s`,
  );
  console.log(rows.at(-1));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
