/**
 * Conformance of the flow states and of input/output processing, written from the AWS Step
 * Functions Developer Guide pages named in each describe.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fnArn, type Harness, outputOf, startHarness, typesOf } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    echo: (event) => event,
    greet: (event) => ({ greeting: `hello ${(event as { who: string }).who}`, extra: 'dropped' }),
  });
});
afterAll(() => h.close());

describe('Pass workflow state (Developer Guide: "Pass workflow state")', () => {
  it('puts Result at ResultPath in the input', async () => {
    const execution = await h.run(
      {
        StartAt: 'P',
        States: { P: { Type: 'Pass', Result: { x: 0.381, y: 622.22 }, ResultPath: '$.coords', End: true } },
      },
      { georefOf: 'Home' },
    );
    expect(outputOf(execution)).toEqual({ georefOf: 'Home', coords: { x: 0.381, y: 622.22 } });
  });

  it('without Result passes its (Parameters-shaped) input through', async () => {
    const execution = await h.run(
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'a.$': '$.b', c: 1 }, End: true } } },
      { b: 2 },
    );
    expect(outputOf(execution)).toEqual({ a: 2, c: 1 });
  });

  it('ResultPath null keeps the input unchanged', async () => {
    const execution = await h.run(
      { StartAt: 'P', States: { P: { Type: 'Pass', Result: 'x', ResultPath: null, End: true } } },
      { keep: true },
    );
    expect(outputOf(execution)).toEqual({ keep: true });
  });
});

describe('Succeed and Fail workflow states (Developer Guide: "Succeed workflow state", "Fail workflow state")', () => {
  it('Succeed ends the execution with its input, through InputPath and OutputPath', async () => {
    const execution = await h.run(
      { StartAt: 'S', States: { S: { Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' } } },
      { a: { b: 'done' } },
    );
    expect(execution.status).toBe('SUCCEEDED');
    expect(outputOf(execution)).toBe('done');
  });

  it('Fail ends the execution with its Error and Cause', async () => {
    const execution = await h.run({
      StartAt: 'F',
      States: { F: { Type: 'Fail', Error: 'ErrorA', Cause: 'Kaiju attack' } },
    });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'ErrorA', cause: 'Kaiju attack' });
    const history = await h.history(execution.executionArn);
    expect(typesOf(history)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    expect(history[2]?.executionFailedEventDetails).toEqual({ error: 'ErrorA', cause: 'Kaiju attack' });
  });

  it('Fail takes ErrorPath and CausePath from its input (intrinsics allowed)', async () => {
    const execution = await h.run(
      {
        StartAt: 'F',
        States: {
          F: { Type: 'Fail', ErrorPath: '$.code', CausePath: "States.Format('case {} is closed', $.id)" },
        },
      },
      { code: 'CaseClosedError', id: 'c-1' },
    );
    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'CaseClosedError',
      cause: 'case c-1 is closed',
    });
  });
});

describe('Choice workflow state (Developer Guide: "Choice workflow state")', () => {
  const definition = {
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' },
          {
            And: [{ Variable: '$.n', IsPresent: true }, { Not: { Variable: '$.n', NumericEquals: 0 } }],
            Next: 'Small',
          },
        ],
        Default: 'Zero',
      },
      Big: { Type: 'Pass', Result: 'big', End: true },
      Small: { Type: 'Pass', Result: 'small', End: true },
      Zero: { Type: 'Pass', Result: 'zero', End: true },
    },
  };

  it.each([
    [{ n: 11 }, 'big'],
    [{ n: 3 }, 'small'],
    [{ n: 0 }, 'zero'],
  ])('routes %j to %s', async (input, expected) => {
    expect(outputOf(await h.run(definition, input))).toBe(expected);
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    const execution = await h.run(
      {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'D' }] },
          D: { Type: 'Succeed' },
        },
      },
      { n: 2 },
    );
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
  });

  it('loops until a condition holds (each visit its own events)', async () => {
    const execution = await h.run(
      {
        StartAt: 'Init',
        States: {
          Init: { Type: 'Pass', Result: 0, ResultPath: '$.i', Next: 'Check' },
          Check: {
            Type: 'Choice',
            Choices: [{ Variable: '$.i', NumericGreaterThanEquals: 3, Next: 'Done' }],
            Default: 'Increment',
          },
          Increment: {
            Type: 'Pass',
            Parameters: { 'i.$': 'States.MathAdd($.i, 1)' },
            Next: 'Check',
          },
          Done: { Type: 'Succeed' },
        },
      },
      {},
    );
    expect(outputOf(execution)).toEqual({ i: 3 });
    const history = await h.history(execution.executionArn);
    expect(typesOf(history).filter((type) => type === 'ChoiceStateEntered')).toHaveLength(4);
  });
});

describe('Wait workflow state (Developer Guide: "Wait workflow state")', () => {
  const waitFor = (fields: object) => ({
    StartAt: 'W',
    States: { W: { Type: 'Wait', ...fields, Next: 'Done' }, Done: { Type: 'Pass', End: true } },
  });

  it('Seconds waits on the local clock', async () => {
    const arn = await h.start(await h.machine(waitFor({ Seconds: 3600 })), { a: 1 });
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.advance('59m');
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.advance('1m');
    const done = await h.describe(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ a: 1 });
    expect(typesOf(await h.history(arn))).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('SecondsPath reads the wait from the input', async () => {
    const arn = await h.start(await h.machine(waitFor({ SecondsPath: '$.delay' })), { delay: 30 * 86_400 });
    await h.advance('29d');
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.advance('1d');
    expect((await h.describe(arn)).status).toBe('SUCCEEDED');
  });

  it('Timestamp and TimestampPath wait until an absolute time', async () => {
    const inTwoDays = new Date(h.clock.now() + 2 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const fixed = await h.start(await h.machine(waitFor({ Timestamp: inTwoDays })));
    const fromInput = await h.start(await h.machine(waitFor({ TimestampPath: '$.until' })), {
      until: inTwoDays,
    });
    await h.advance('1d');
    expect((await h.describe(fixed)).status).toBe('RUNNING');
    expect((await h.describe(fromInput)).status).toBe('RUNNING');
    await h.advance('1d');
    expect((await h.describe(fixed)).status).toBe('SUCCEEDED');
    expect((await h.describe(fromInput)).status).toBe('SUCCEEDED');
  });

  it('waits that follow each other are timed from when the previous one fired', async () => {
    const arn = await h.start(
      await h.machine({
        StartAt: 'W1',
        States: {
          W1: { Type: 'Wait', Seconds: 86_400, Next: 'W2' },
          W2: { Type: 'Wait', Seconds: 86_400, Next: 'Done' },
          Done: { Type: 'Succeed' },
        },
      }),
    );
    await h.advance('2d');
    expect((await h.describe(arn)).status).toBe('SUCCEEDED');
  });

  it('a Timestamp that is not ISO 8601 fails the execution with States.Runtime', async () => {
    const execution = await h.run(waitFor({ TimestampPath: '$.until' }), { until: 'tomorrow' });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('Processing input and output (Developer Guide: "Processing input and output in Step Functions")', () => {
  it('applies InputPath, Parameters, ResultSelector, ResultPath and OutputPath in that order', async () => {
    const execution = await h.run(
      {
        StartAt: 'Greet',
        States: {
          Greet: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            InputPath: '$.person',
            Parameters: { FunctionName: fnArn('greet'), Payload: { 'who.$': '$.name' } },
            ResultSelector: { 'text.$': '$.Payload.greeting', 'status.$': '$.StatusCode' },
            ResultPath: '$.person.result',
            OutputPath: '$.person',
            End: true,
          },
        },
      },
      { person: { name: 'Ana' }, other: 'not in the output' },
    );
    expect(outputOf(execution)).toEqual({ name: 'Ana', result: { text: 'hello Ana', status: 200 } });
  });

  it('exposes the context object to Parameters (Developer Guide: "Accessing execution data from the Context object")', async () => {
    const execution = await h.run(
      {
        StartAt: 'Inspect',
        States: {
          Inspect: {
            Type: 'Pass',
            Parameters: {
              'execution.$': '$$.Execution.Name',
              'input.$': '$$.Execution.Input',
              'state.$': '$$.State.Name',
              'retries.$': '$$.State.RetryCount',
              'machine.$': '$$.StateMachine.Name',
              'id.$': '$$.Execution.Id',
            },
            End: true,
          },
        },
      },
      { hello: 'world' },
    );
    const output = outputOf(execution) as Record<string, unknown>;
    expect(output).toMatchObject({
      input: { hello: 'world' },
      state: 'Inspect',
      retries: 0,
      id: execution.executionArn,
    });
    expect(execution.executionArn.endsWith(`:${output.execution as string}`)).toBe(true);
    expect(execution.stateMachineArn!.endsWith(`:${output.machine as string}`)).toBe(true);
  });
});
