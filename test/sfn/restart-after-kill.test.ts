/**
 * Durability: the runtime is killed with SIGKILL in the middle of executions and restarted on
 * the same data directory; every execution finishes, and no step that had completed runs again.
 * Steps are real Lambda bundles (built with esbuild) run in worker threads by the child process;
 * each appends its name to a file, which counts the invocations.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSync } from 'esbuild';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'sfn-kill-'));
const dataDir = join(work, 'data');
const functionsDir = join(work, 'functions');
const log = join(work, 'steps.log');
const ACCOUNT = '000000000000';
const fn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;

function startRuntime(): Promise<{ child: ChildProcess; url: string }> {
  // Node itself with tsx's loader (not the tsx CLI, which would leave its child alive on SIGKILL).
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'local/sfn/main.ts',
      '--port',
      '0',
      '--data',
      dataDir,
      '--functions-dir',
      functionsDir,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolvePromise, reject) => {
    child.once('exit', (code) => reject(new Error(`the runtime exited early (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      resolvePromise({ child, url: (JSON.parse(line) as { url: string }).url });
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolvePromise());
    child.kill('SIGKILL');
  });
}

const clientFor = (url: string) =>
  new SFNClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

const steps = (): string[] => readFileSync(log, 'utf8').split('\n').filter(Boolean);

beforeAll(() => {
  const source = join(work, 'step.ts');
  writeFileSync(
    source,
    `import { appendFileSync } from 'node:fs';
     export const handler = async (event: { step: string; log: string; execution: string }) => {
       appendFileSync(event.log, event.step + ' ' + event.execution + '\\n');
       return { done: event.step };
     };`,
  );
  buildSync({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: join(functionsDir, 'step.js'),
  });
  writeFileSync(log, '');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const step = (name: string, next: string | undefined) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: {
    FunctionName: fn('step'),
    Payload: { step: name, 'log.$': '$.log', 'execution.$': '$$.Execution.Name' },
  },
  ResultSelector: { 'done.$': '$.Payload.done' },
  ResultPath: `$.results.${name}`,
  ...(next ? { Next: next } : { End: true }),
});

describe('restart after kill -9 (durable executions, "Standard workflows: exactly-once execution")', () => {
  it('resumes waits and pending task tokens, running each completed step exactly once', async () => {
    let runtime = await startRuntime();
    let client = clientFor(runtime.url);
    const { stateMachineArn } = await client.send(
      new CreateStateMachineCommand({
        name: 'durable',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/x`,
        definition: JSON.stringify({
          StartAt: 'A',
          States: {
            A: step('A', 'B'),
            B: step('B', 'WaitADay'),
            WaitADay: { Type: 'Wait', Seconds: 86_400, Next: 'C' },
            C: step('C', 'Approve'),
            Approve: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
              Parameters: {
                FunctionName: fn('step'),
                Payload: {
                  step: 'Approve',
                  'log.$': '$.log',
                  'execution.$': '$$.Execution.Name',
                  'token.$': '$$.Task.Token',
                },
              },
              ResultPath: '$.approval',
              Next: 'D',
            },
            D: step('D', undefined),
          },
        }),
      }),
    );
    const names = ['one', 'two', 'three'];
    const arns: string[] = [];
    for (const name of names) {
      const started = await client.send(
        new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify({ log }) }),
      );
      arns.push(started.executionArn!);
    }
    const historyOf = async (arn: string) =>
      (await client.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000 }))).events ??
      [];
    // Every execution reaches its day-long Wait.
    for (let i = 0; i < 100; i++) {
      const histories = await Promise.all(arns.map(historyOf));
      if (histories.every((events) => events.some((event) => event.type === 'WaitStateEntered'))) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    await kill(runtime.child);
    runtime = await startRuntime();
    client = clientFor(runtime.url);
    // A day passes on the restarted runtime's clock: each Wait fires, C runs, Approve waits on its token.
    const advanced = await fetch(`${runtime.url}/local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advance: '1d' }),
    });
    expect(advanced.status).toBe(200);
    const tokens: string[] = [];
    for (const arn of arns) {
      let scheduled: { parameters?: string } | undefined;
      for (let i = 0; i < 100 && !scheduled; i++) {
        scheduled = (await historyOf(arn)).find(
          (event) =>
            event.type === 'TaskScheduled' &&
            event.taskScheduledEventDetails?.parameters?.includes('Approve'),
        )?.taskScheduledEventDetails;
        if (!scheduled) await new Promise((r) => setTimeout(r, 50));
      }
      const parameters = JSON.parse(scheduled!.parameters!) as { Payload: { token: string } };
      tokens.push(parameters.Payload.token);
    }

    // Killed again while the tasks wait for their tokens: the tokens stay valid after restart.
    await kill(runtime.child);
    runtime = await startRuntime();
    client = clientFor(runtime.url);
    for (const token of tokens) {
      await client.send(
        new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: true }) }),
      );
    }
    const finished = [];
    for (const arn of arns) {
      let described = await client.send(new DescribeExecutionCommand({ executionArn: arn }));
      for (let i = 0; i < 100 && described.status === 'RUNNING'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        described = await client.send(new DescribeExecutionCommand({ executionArn: arn }));
      }
      finished.push(described);
    }
    await kill(runtime.child);
    client.destroy();

    for (const described of finished) {
      expect(described.status).toBe('SUCCEEDED');
      expect(JSON.parse(described.output!)).toEqual({
        log,
        results: { A: { done: 'A' }, B: { done: 'B' }, C: { done: 'C' }, D: { done: 'D' } },
        approval: { approved: true },
      });
    }
    const counted = steps();
    for (const name of names) {
      expect(counted.filter((line) => line.endsWith(` ${name}`)).map((line) => line.split(' ')[0])).toEqual([
        'A',
        'B',
        'C',
        'Approve',
        'D',
      ]);
    }
  }, 60_000);
});
