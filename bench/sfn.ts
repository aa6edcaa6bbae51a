/**
 * Benchmark of the local Step Functions runtime (`npm run bench:sfn`):
 *  - state transitions/s on a reference definition (3 Lambda tasks in a Choice loop, then a Map of
 *    10), side by side in this process with aws-local-stepfunctions, the anchor: the runtime
 *    driven in process and over its HTTP API with @aws-sdk/client-sfn (as its users drive it),
 *    with its journal fsync'ed and in memory only, each as a ratio of the anchor's speed;
 *  - resident memory with 10,000 executions waiting on task tokens.
 * Functions run in process on both engines (InProcessLambdaInvoker; the anchor's
 * taskResourceLocalHandlers), so that the figures are the engines', not Lambda sandboxes'.
 * Scenarios are interleaved over several rounds and the median kept, so that drift in the
 * machine's speed falls on every engine alike.
 */
import './fixtures/promise-with-resolvers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import { LocalClock } from '../local/clock';
import { type Durability, type StepFunctionsRuntime, startStepFunctionsRuntime } from '../local/sfn';
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

/** Executions started at once, as many as the SDK's clients keep in flight. */
const START_CONCURRENCY = 32;

/** The state transitions of one execution of the reference definition (states entered). */
let transitionsPerExecution = 0;
/** The reference execution's output, which every engine must give. */
let expectedOutput = '';

async function withRuntime<T>(
  durability: Durability,
  run: (runtime: StepFunctionsRuntime, client: SFNClient) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfn-bench-'));
  // Calls are not kept: the figures are the runtime's, not the test invoker's log.
  const invoker = new InProcessLambdaInvoker(
    { work: (event) => event, notify: () => ({ sent: true }) },
    { recordCalls: false },
  );
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
    return await run(runtime, client);
  } finally {
    client.destroy();
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Drive = 'in-process' | 'api';

/** Runs `executions` of the reference definition on Retorno's runtime; returns transitions/s. */
async function retorno(drive: Drive, durability: Durability, executions: number): Promise<number> {
  return withRuntime(durability, async (runtime, client) => {
    const definition = JSON.stringify(reference);
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/bench`;
    const { stateMachineArn } = (await runtime.call('CreateStateMachine', {
      name: 'reference',
      roleArn,
      definition,
    })) as { stateMachineArn: string };
    const start =
      drive === 'api'
        ? () => client.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }))
        : () => runtime.call('StartExecution', { stateMachineArn, input: '{}' });
    const started = performance.now();
    await inParallel(executions, START_CONCURRENCY, async () => {
      await start();
    });
    await runtime.settle();
    const seconds = (performance.now() - started) / 1000;
    // Checked after the clock stops: every execution succeeded, with the anchor's output.
    const done = await client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED', maxResults: 1000 }),
    );
    const succeeded = done.executions?.length ?? 0;
    if (succeeded !== Math.min(executions, 1000)) throw new Error(`only ${succeeded} executions succeeded`);
    const executionArn = done.executions![0]!.executionArn;
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (described.output !== expectedOutput) {
      throw new Error(`Retorno's output ${described.output} is not the anchor's ${expectedOutput}`);
    }
    const history = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    // A state transition is a state entered (AWS bills the same way).
    const entered = (history.events ?? []).filter((event) => event.type?.endsWith('StateEntered')).length;
    if (entered !== transitionsPerExecution) {
      throw new Error(`${entered} states entered, not ${transitionsPerExecution}`);
    }
    return (executions * transitionsPerExecution) / seconds;
  });
}

/** The anchor: aws-local-stepfunctions in memory, in process, on the same definition and functions. */
async function anchor(executions: number): Promise<number> {
  const machine = new StateMachine(reference as never, { validationOptions: { checkArn: false } });
  // Its local handlers replace the call and give the task's result: the lambda:invoke response.
  const work = (input: unknown) => ({ StatusCode: 200, Payload: (input as { Payload: unknown }).Payload });
  const overrides = { taskResourceLocalHandlers: { Work: work, Item: work } as never };
  const results: Promise<unknown>[] = [];
  const started = performance.now();
  await inParallel(executions, START_CONCURRENCY, async () => {
    results.push(machine.run({}, { overrides }).result);
  });
  const outputs = await Promise.all(results);
  const seconds = (performance.now() - started) / 1000;
  const output = JSON.stringify(outputs[0]);
  if (expectedOutput === '') expectedOutput = output;
  if (outputs.some((value) => JSON.stringify(value) !== expectedOutput)) {
    throw new Error('the anchor gave another output');
  }
  return (executions * transitionsPerExecution) / seconds;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const SCENARIOS = [
  { label: 'aws-local-stepfunctions 3.0.0, in process, in memory (the anchor)', run: anchor },
  {
    label: 'Retorno, in process, in memory',
    run: (n: number) => retorno('in-process', 'none', n),
    target: 2,
  },
  { label: 'Retorno, in process, journal fsync', run: (n: number) => retorno('in-process', 'fsync', n) },
  {
    label: 'Retorno, over its API (AWS SDK), in memory',
    run: (n: number) => retorno('api', 'none', n),
    target: 1,
  },
  {
    label: 'Retorno, over its API (AWS SDK), journal fsync',
    run: (n: number) => retorno('api', 'fsync', n),
    target: 0.75,
  },
] as const;

/** Measures every scenario `rounds` times, interleaved; prints medians and ratios to the anchor. */
async function comparison(executions: number, rounds: number): Promise<void> {
  transitionsPerExecution = 20; // Init, 3 × Work and Again, 2 × Increment, FanOut, 10 × Item
  // Warm-up (not counted): both engines' code is compiled before anything is timed.
  for (const scenario of SCENARIOS) await scenario.run(executions);
  const figures: number[][] = SCENARIOS.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, scenario] of SCENARIOS.entries()) {
      global.gc?.();
      figures[index]!.push(await scenario.run(executions));
    }
  }
  const medians = figures.map(median);
  const anchorSpeed = medians[0]!;
  console.log(
    `reference definition (3 Lambda tasks in a Choice loop, then a Map of 10; ${transitionsPerExecution} transitions per execution), ${executions} executions, median of ${rounds} rounds:`,
  );
  for (const [index, scenario] of SCENARIOS.entries()) {
    const ratio = medians[index]! / anchorSpeed;
    const target =
      'target' in scenario
        ? ` (target ${scenario.target.toFixed(2)}×: ${ratio >= scenario.target ? 'met' : 'NOT met'})`
        : '';
    console.log(
      `  ${scenario.label.padEnd(48)} ${medians[index]!.toFixed(0).padStart(7)} transitions/s  ${ratio.toFixed(2)}×${target}`,
    );
  }
}

/**
 * Memory that `count` executions waiting on task tokens add: resident memory and the heap they
 * retain, both after a full GC. The API path is warmed first (as many executions of a machine
 * that ends at once, then collected), so that what the AWS SDK and the HTTP server allocate on
 * their first calls is not counted as the executions'.
 */
async function waitingMemory(
  count: number,
): Promise<{ rssMb: number; deltaMb: number; heapDeltaMb: number; startSeconds: number }> {
  return withRuntime('fsync', async (runtime, client) => {
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/bench`;
    const create = async (name: string, definition: object) =>
      (
        await client.send(
          new CreateStateMachineCommand({ name, roleArn, definition: JSON.stringify(definition) }),
        )
      ).stateMachineArn!;
    const waiting = await create('waiting', waitForToken);
    const warmUp = await create('warm-up', { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
    const startAll = (stateMachineArn: string) =>
      inParallel(count, 64, async () => {
        await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"caseId":"c-1"}' }));
      });
    await startAll(warmUp);
    await runtime.settle();
    global.gc?.();
    const before = process.memoryUsage();
    const started = performance.now();
    await startAll(waiting);
    await runtime.settle();
    const startSeconds = (performance.now() - started) / 1000;
    global.gc?.();
    const after = process.memoryUsage();
    const running = await client.send(
      new ListExecutionsCommand({ stateMachineArn: waiting, statusFilter: 'RUNNING', maxResults: 1000 }),
    );
    if ((running.executions?.length ?? 0) < Math.min(count, 1000))
      throw new Error('executions are not waiting');
    return {
      rssMb: after.rss / 2 ** 20,
      deltaMb: (after.rss - before.rss) / 2 ** 20,
      heapDeltaMb: (after.heapUsed - before.heapUsed) / 2 ** 20,
      startSeconds,
    };
  });
}

async function main(): Promise<void> {
  const executions = Number(process.env.SFN_BENCH_EXECUTIONS ?? 1000);
  const rounds = Number(process.env.SFN_BENCH_ROUNDS ?? 3);
  const waiting = Number(process.env.SFN_BENCH_WAITING ?? 10_000);
  // Memory first, in a process that has run nothing else.
  const memory = await waitingMemory(waiting);
  console.log(
    `${waiting} executions waiting on task tokens (journal fsync, started over the API): +${memory.deltaMb.toFixed(0)} MB resident (target at most +100 MB: ${memory.deltaMb <= 100 ? 'met' : 'NOT met'}), +${memory.heapDeltaMb.toFixed(0)} MB of heap retained (${((memory.heapDeltaMb * 2 ** 20) / waiting / 1024).toFixed(1)} KB per execution); RSS ${memory.rssMb.toFixed(0)} MB; started in ${memory.startSeconds.toFixed(1)} s`,
  );
  if (process.env.SFN_BENCH_MEMORY_ONLY !== '1') await comparison(executions, rounds);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
