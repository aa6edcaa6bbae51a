/**
 * A local Step Functions runtime on a free port for one test file, driven through the real
 * `@aws-sdk/client-sfn`, with functions that run in-process and a clock the test moves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { LocalClock } from '../../../local/clock';
import type { LambdaInvoker } from '../../../local/lambda/invoker';
import { type StepFunctionsRuntime, startStepFunctionsRuntime } from '../../../local/sfn';
import { type InProcessHandler, InProcessLambdaInvoker } from '../../../local/sfn/in-process-invoker';

export const ACCOUNT = '123456789012';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/test`;
export const fnArn = (name: string): string => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;

export interface Harness {
  readonly client: SFNClient;
  readonly clock: LocalClock;
  readonly invoker: InProcessLambdaInvoker;
  readonly runtime: StepFunctionsRuntime;
  readonly dataDir: string;
  /** Creates a state machine with a fresh name; returns its ARN. */
  machine(definition: object): Promise<string>;
  /** Starts an execution; returns its ARN. */
  start(machineArn: string, input?: unknown, name?: string): Promise<string>;
  /** Lets due timers fire and work settle, then describes the execution. */
  describe(executionArn: string): Promise<DescribeExecutionCommandOutput>;
  /** Creates, starts, settles: the execution as it stands afterwards. */
  run(
    definition: object,
    input?: unknown,
  ): Promise<DescribeExecutionCommandOutput & { executionArn: string }>;
  history(executionArn: string): Promise<HistoryEvent[]>;
  /** Moves the clock through the runtime's own endpoint. */
  advance(duration: string): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

export async function startHarness(
  handlers: Readonly<Record<string, InProcessHandler>> = {},
  options: { invoker?: LambdaInvoker; dataDir?: string; clock?: LocalClock } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sfn-test-'));
  const clock = options.clock ?? new LocalClock();
  const invoker = new InProcessLambdaInvoker(handlers);
  const runtime = await startStepFunctionsRuntime({
    port: 0,
    dataDir,
    invoker: options.invoker ?? invoker,
    clock,
    accountId: ACCOUNT,
  });
  const client = new SFNClient({
    endpoint: runtime.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const harness: Harness = {
    client,
    clock,
    invoker,
    runtime,
    dataDir,
    async machine(definition) {
      counter += 1;
      const created = await client.send(
        new CreateStateMachineCommand({
          name: `machine-${process.pid}-${counter}`,
          definition: JSON.stringify(definition),
          roleArn: ROLE,
        }),
      );
      return created.stateMachineArn!;
    },
    async start(machineArn, input = {}, name) {
      const started = await client.send(
        new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify(input), name }),
      );
      return started.executionArn!;
    },
    async describe(executionArn) {
      await runtime.settle();
      return client.send(new DescribeExecutionCommand({ executionArn }));
    },
    async run(definition, input = {}) {
      const executionArn = await harness.start(await harness.machine(definition), input);
      return { ...(await harness.describe(executionArn)), executionArn };
    },
    async history(executionArn) {
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
        );
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return events;
    },
    async advance(duration) {
      const response = await fetch(`${runtime.url}/local/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advance: duration }),
      });
      if (!response.ok) throw new Error(`advance failed: ${response.status} ${await response.text()}`);
    },
    async close() {
      client.destroy();
      await runtime.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The output of a finished execution, parsed. */
export function outputOf(execution: { output?: string }): unknown {
  return execution.output === undefined ? undefined : JSON.parse(execution.output);
}

/** Event types in order, for comparing histories. */
export function typesOf(events: readonly HistoryEvent[]): string[] {
  return events.map((event) => event.type!);
}
