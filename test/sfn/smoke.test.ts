import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fnArn, type Harness, outputOf, startHarness, typesOf } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ double: (event) => ({ value: (event as { value: number }).value * 2 }) });
});
afterAll(() => h.close());

describe('smoke', () => {
  it('runs a Pass and a Lambda task', async () => {
    const execution = await h.run(
      {
        StartAt: 'Start',
        States: {
          Start: { Type: 'Pass', Result: { value: 21 }, Next: 'Double' },
          Double: { Type: 'Task', Resource: fnArn('double'), End: true },
        },
      },
      {},
    );
    expect(execution.status).toBe('SUCCEEDED');
    expect(outputOf(execution)).toEqual({ value: 42 });
    const history = await h.history(execution.executionArn);
    expect(typesOf(history)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });
});
