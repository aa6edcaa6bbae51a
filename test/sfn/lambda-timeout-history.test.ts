// How timeouts show in the history, as AWS records them (issue 12, item 3). A Lambda function
// that runs past its own timeout is an ordinary function error on AWS: the Lambda service
// answers FunctionError 'Unhandled' with {"errorType":"Sandbox.Timedout","errorMessage":
// "RequestId: … Error: Task timed out after N.00 seconds"}, so Step Functions records TaskFailed
// (LambdaFunctionFailed for a plain function ARN) named Sandbox.Timedout, with that payload as the
// cause; States.TaskFailed matches it, States.Timeout and Lambda.Unknown do not. The Task's own
// TimeoutSeconds is another thing: TaskTimedOut / LambdaFunctionTimedOut, error States.Timeout,
// no cause. A function error without errorType is Lambda.Unknown with AWS's fixed sentence.
// (Lambda developer guide, "Troubleshoot invocation issues"; Step Functions developer guide,
// "Handling errors"; histories recorded against AWS by LocalStack's snapshot tests.)
import { join } from 'node:path';
import type { InvokeResult, LambdaInvoker } from '../../local/lambda/invoker';
import { WorkerLambdaInvoker } from '../../local/lambda/invoker';
import { ACCOUNT, fnArn, type Harness, outputOf, startHarness, typesOf } from './support/harness';

const probe = join(__dirname, '../fixtures/lambdas/probe.cjs');

/** A Task that calls the probe function, which sleeps past its 1 s timeout. */
const sleeper = (fields: object = {}, resource = 'arn:aws:states:::lambda:invoke') => ({
  StartAt: 'Sleep',
  States: {
    Sleep: {
      Type: 'Task',
      Resource: resource,
      ...(resource === 'arn:aws:states:::lambda:invoke'
        ? { Parameters: { FunctionName: fnArn('sleepy'), Payload: { action: 'sleep', ms: 3000 } } }
        : { Parameters: { action: 'sleep', ms: 3000 } }),
      ...fields,
      End: true,
    },
    ...('Catch' in fields ? { Caught: { Type: 'Pass', End: true } } : {}),
  },
});

describe('a Lambda function that runs past its own timeout', () => {
  let h: Harness;
  let lambda: WorkerLambdaInvoker;

  beforeAll(async () => {
    lambda = new WorkerLambdaInvoker(
      [{ name: 'sleepy', bundlePath: probe, environment: {}, timeoutSeconds: 1, memoryMb: 128 }],
      { region: 'us-east-1', accountId: ACCOUNT, runtimeEnvironment: {} },
    );
    h = await startHarness({}, { invoker: lambda });
  });
  afterAll(async () => {
    await h.close();
    await lambda.close();
  });

  it('is TaskFailed, named Sandbox.Timedout, with Lambda’s payload as the cause (lambda:invoke)', async () => {
    const done = await h.run(sleeper());
    expect(done).toMatchObject({ status: 'FAILED', error: 'Sandbox.Timedout' });
    const events = await h.history(done.executionArn);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'ExecutionFailed',
    ]);
    const failed = events[4]!.taskFailedEventDetails!;
    expect(failed).toMatchObject({ resourceType: 'lambda', resource: 'invoke', error: 'Sandbox.Timedout' });
    expect(JSON.parse(failed.cause!)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/),
    });
  }, 15_000);

  it('is LambdaFunctionFailed for a plain function ARN, not LambdaFunctionTimedOut', async () => {
    const done = await h.run(sleeper({}, fnArn('sleepy')));
    expect(done).toMatchObject({ status: 'FAILED', error: 'Sandbox.Timedout' });
    const events = await h.history(done.executionArn);
    expect(typesOf(events)).toContain('LambdaFunctionFailed');
    expect(typesOf(events)).not.toContain('LambdaFunctionTimedOut');
    const failed = events.find((event) => event.type === 'LambdaFunctionFailed')!;
    expect(failed.lambdaFunctionFailedEventDetails?.error).toBe('Sandbox.Timedout');
  }, 15_000);

  it('is matched by Sandbox.Timedout and States.TaskFailed, not by Lambda.Unknown nor States.Timeout', async () => {
    const caughtBy = async (errorEquals: string[]) =>
      (await h.run(sleeper({ Catch: [{ ErrorEquals: errorEquals, Next: 'Caught' }] }))).status;
    expect(await caughtBy(['Sandbox.Timedout'])).toBe('SUCCEEDED');
    expect(await caughtBy(['States.TaskFailed'])).toBe('SUCCEEDED');
    expect(await caughtBy(['Lambda.Unknown'])).toBe('FAILED');
    expect(await caughtBy(['States.Timeout'])).toBe('FAILED');
  }, 30_000);
});

describe("the Task's own TimeoutSeconds", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      // Answers after 2 s of real time, past a TimeoutSeconds of 1 (moving the clock would not do:
      // it waits for work in flight to settle before it fires timers).
      slow: () => new Promise((resolve) => setTimeout(() => resolve({ late: true }), 2_000)),
      token: () => ({ sent: true }),
    });
  });
  afterAll(() => h.close());

  it('is TaskTimedOut with error States.Timeout and no cause; Catch sees an empty Cause', async () => {
    const machine = await h.machine({
      StartAt: 'Slow',
      States: {
        Slow: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: fnArn('slow'), Payload: {} },
          TimeoutSeconds: 1,
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.why', Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    });
    const arn = await h.start(machine, { id: 1 });
    const done = await h.describe(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ id: 1, why: { Error: 'States.Timeout', Cause: '' } });
    const timedOut = (await h.history(arn)).find((event) => event.type === 'TaskTimedOut')!;
    expect(timedOut.taskTimedOutEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
      error: 'States.Timeout',
    });
  });

  it('is LambdaFunctionTimedOut with only the error for a plain function ARN', async () => {
    const machine = await h.machine({
      StartAt: 'Slow',
      States: { Slow: { Type: 'Task', Resource: fnArn('slow'), TimeoutSeconds: 1, End: true } },
    });
    const arn = await h.start(machine);
    const done = await h.describe(arn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(done.cause).toBeUndefined();
    const timedOut = (await h.history(arn)).find((event) => event.type === 'LambdaFunctionTimedOut')!;
    expect(timedOut.lambdaFunctionTimedOutEventDetails).toEqual({ error: 'States.Timeout' });
  });

  it('a heartbeat timeout is TaskTimedOut with States.HeartbeatTimeout and no cause', async () => {
    const machine = await h.machine({
      StartAt: 'Wait',
      States: {
        Wait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: fnArn('token'), Payload: { 'token.$': '$$.Task.Token' } },
          HeartbeatSeconds: 60,
          End: true,
        },
      },
    });
    const arn = await h.start(machine);
    await h.advance('60s');
    expect(await h.describe(arn)).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    const timedOut = (await h.history(arn)).find((event) => event.type === 'TaskTimedOut')!;
    expect(timedOut.taskTimedOutEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      error: 'States.HeartbeatTimeout',
    });
  });
});

describe('a function error without errorType', () => {
  // Lambda's own errors always name a type; a custom runtime may answer without one.
  const untyped: LambdaInvoker = {
    has: () => true,
    invoke: async (): Promise<InvokeResult> => ({
      requestId: 'r-1',
      functionError: 'Unhandled',
      payload: { errorMessage: 'something broke' },
    }),
  };
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { invoker: untyped });
  });
  afterAll(() => h.close());

  it('is Lambda.Unknown, with AWS’s sentence and the payload as the cause', async () => {
    const done = await h.run({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: fnArn('any'), Payload: {} },
          End: true,
        },
      },
    });
    expect(done).toMatchObject({
      status: 'FAILED',
      error: 'Lambda.Unknown',
      cause:
        'The cause could not be determined because Lambda did not return an error type. Returned payload: {"errorMessage":"something broke"}',
    });
  });
});
