/**
 * Parallel branches and inline Map iterations, written from the Developer Guide pages
 * "Parallel workflow state" and "Using Map state in Inline mode in Step Functions workflows".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { fnArn, type Harness, outputOf, startHarness, typesOf } from './support/harness';

class BadItemError extends Error {
  override name = 'BadItemError';
}

let running = 0;
let peak = 0;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    square: async (event) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      const { value } = event as { value: number };
      if (value < 0) throw new BadItemError(`negative: ${value}`);
      return value * value;
    },
  });
});
afterAll(() => h.close());
beforeEach(() => {
  peak = 0;
});

const squareTask = { Type: 'Task', Resource: fnArn('square'), End: true };

describe('Parallel workflow state (Developer Guide: "Parallel workflow state")', () => {
  const parallel = (extra: object = {}) => ({
    StartAt: 'Both',
    States: {
      Both: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'Add',
            States: { Add: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, End: true } },
          },
          { StartAt: 'Square', States: { Square: { ...squareTask, Parameters: { 'value.$': '$.a' } } } },
        ],
        ...extra,
        End: true,
      },
      ...('Catch' in extra ? { Recovered: { Type: 'Pass', End: true } } : {}),
    },
  });

  it('gives every branch the same input and outputs an array of their outputs, in branch order', async () => {
    const execution = await h.run(parallel(), { a: 3, b: 4 });
    expect(outputOf(execution)).toEqual([{ sum: 7 }, 9]);
    const types = typesOf(await h.history(execution.executionArn));
    expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted']);
    expect(types.slice(-3)).toEqual(['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
  });

  it('applies ResultSelector and ResultPath to the array', async () => {
    const execution = await h.run(
      parallel({ ResultSelector: { 'sum.$': '$[0].sum', 'square.$': '$[1]' }, ResultPath: '$.results' }),
      { a: 2, b: 5 },
    );
    expect(outputOf(execution)).toEqual({ a: 2, b: 5, results: { sum: 7, square: 4 } });
  });

  it('fails with the error of a failed branch, which its Catch can handle', async () => {
    const failed = await h.run(parallel(), { a: -1, b: 0 });
    expect(failed).toMatchObject({ status: 'FAILED', error: 'BadItemError' });
    expect(typesOf(await h.history(failed.executionArn))).toContain('ParallelStateFailed');
    const caught = await h.run(
      parallel({ Catch: [{ ErrorEquals: ['BadItemError'], ResultPath: '$.error', Next: 'Recovered' }] }),
      { a: -1, b: 0 },
    );
    expect(caught.status).toBe('SUCCEEDED');
    expect(outputOf(caught)).toMatchObject({ error: { Error: 'BadItemError' } });
  });
});

describe('Map state in Inline mode (Developer Guide: "Using Map state in Inline mode in Step Functions workflows")', () => {
  const map = (extra: object = {}) => ({
    StartAt: 'EachItem',
    States: {
      EachItem: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemSelector: {
          'value.$': '$$.Map.Item.Value',
          'index.$': '$$.Map.Item.Index',
          'factor.$': '$.factor',
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Square',
          States: { Square: squareTask },
        },
        ResultPath: '$.squares',
        ...extra,
        End: true,
      },
    },
  });

  it('runs the item processor for each item of ItemsPath, with ItemSelector and $$.Map.Item', async () => {
    const execution = await h.run(map(), { items: [1, 2, 3], factor: 10 });
    expect(outputOf(execution)).toEqual({ items: [1, 2, 3], factor: 10, squares: [1, 4, 9] });
    const events = await h.history(execution.executionArn);
    expect(events.find((event) => event.type === 'MapStateStarted')?.mapStateStartedEventDetails).toEqual({
      length: 3,
    });
    expect(typesOf(events).filter((type) => type === 'MapIterationStarted')).toHaveLength(3);
    expect(typesOf(events).filter((type) => type === 'MapIterationSucceeded')).toHaveLength(3);
    expect(h.invoker.calls.at(-1)?.event).toMatchObject({ factor: 10 });
  });

  it('an empty array gives an empty result', async () => {
    expect(outputOf(await h.run(map(), { items: [], factor: 1 }))).toMatchObject({ squares: [] });
  });

  it('MaxConcurrency limits how many iterations run at once', async () => {
    await h.run(map({ MaxConcurrency: 2 }), { items: [1, 2, 3, 4, 5, 6], factor: 1 });
    expect(peak).toBe(2);
    await h.run(map({ MaxConcurrency: 0 }), { items: [1, 2, 3, 4, 5, 6], factor: 1 });
    expect(peak).toBe(6);
  });

  it('an iteration that fails fails the Map state with its error', async () => {
    const execution = await h.run(map(), { items: [1, -2, 3], factor: 1 });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'BadItemError' });
    const types = typesOf(await h.history(execution.executionArn));
    expect(types).toContain('MapIterationFailed');
    expect(types).toContain('MapStateFailed');
  });

  it('ToleratedFailureCount lets that many iterations fail; one more fails with States.ExceedToleratedFailureThreshold', async () => {
    const tolerated = await h.run(map({ ToleratedFailureCount: 1 }), { items: [1, -2, 3], factor: 1 });
    expect(tolerated.status).toBe('SUCCEEDED');
    expect((outputOf(tolerated) as { squares: unknown[] }).squares).toEqual([
      1,
      expect.objectContaining({ Error: 'BadItemError' }),
      9,
    ]);
    const exceeded = await h.run(map({ ToleratedFailureCount: 1 }), { items: [-1, -2, 3], factor: 1 });
    expect(exceeded).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('ToleratedFailurePercentage bounds the share of failed iterations', async () => {
    const tolerated = await h.run(map({ ToleratedFailurePercentage: 50 }), {
      items: [1, -2, 3, -4],
      factor: 1,
    });
    expect(tolerated.status).toBe('SUCCEEDED');
    const exceeded = await h.run(map({ ToleratedFailurePercentage: 25 }), {
      items: [1, -2, 3, -4],
      factor: 1,
    });
    expect(exceeded).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('accepts the deprecated Iterator and Parameters fields', async () => {
    const execution = await h.run(
      {
        StartAt: 'EachItem',
        States: {
          EachItem: {
            Type: 'Map',
            ItemsPath: '$.items',
            Parameters: { 'value.$': '$$.Map.Item.Value' },
            Iterator: { StartAt: 'Square', States: { Square: squareTask } },
            End: true,
          },
        },
      },
      { items: [4, 5] },
    );
    expect(outputOf(execution)).toEqual([16, 25]);
  });
});
