/**
 * A Task whose function succeeded but whose ResultSelector or ResultPath cannot be applied to the
 * result: the state fails with States.Runtime, which no Retry nor Catch matches ("Error handling
 * in Step Functions": States.Runtime "isn't retriable"), so the function is not run again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fnArn, type Harness, startHarness, typesOf } from './support/harness';

let h: Harness;
let calls = 0;
beforeAll(async () => {
  h = await startHarness({
    work: () => {
      calls += 1;
      return 'a string, not an object';
    },
  });
});
afterAll(() => h.close());

const task = (extra: object) => ({
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      Resource: fnArn('work'),
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
      ...extra,
      End: true,
    },
    Caught: { Type: 'Pass', End: true },
  },
});

describe('an error applying a Task result (Developer Guide: "Error handling in Step Functions")', () => {
  it.each([
    ['ResultSelector', { ResultSelector: { 'deep.$': '$.not.there' } }, { input: { a: 1 } }],
    ['ResultPath', { ResultPath: '$.result' }, { input: 'a string input, where no field can be set' }],
  ] as const)(
    'in %s fails the state with States.Runtime, neither retried nor caught',
    async (_field, extra, { input }) => {
      calls = 0;
      const done = await h.run(task(extra), input);
      expect(done.status).toBe('FAILED');
      expect(done.error).toBe('States.Runtime');
      expect(calls).toBe(1);
      const types = typesOf(await h.history(done.executionArn));
      expect(types.filter((type) => type === 'LambdaFunctionScheduled')).toHaveLength(1);
      expect(types).not.toContain('PassStateEntered');
      expect(types.at(-1)).toBe('ExecutionFailed');
    },
  );
});
