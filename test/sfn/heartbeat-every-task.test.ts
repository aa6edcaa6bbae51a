/**
 * HeartbeatSeconds on any Task, not only on `.waitForTaskToken` ones (Amazon States Language,
 * "Task": "If more time than the specified seconds elapses between heartbeats from the task, this
 * state fails with a States.HeartbeatTimeout error name"). A task that cannot send heartbeats
 * (a plain Lambda invocation has no token) fails once HeartbeatSeconds pass without an answer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fnArn, type Harness, startHarness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    // Answers after 2 s of real time, past HeartbeatSeconds: a function that hangs. (Moving the
    // clock would not do: the clock waits for work in flight to settle before it fires timers.)
    hangs: () => new Promise((resolve) => setTimeout(() => resolve({ late: true }), 2_000)),
    quick: () => ({ ok: true }),
  });
});
afterAll(() => h.close());

const task = (fn: string, resource: 'arn' | 'invoke') => ({
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      ...(resource === 'arn'
        ? { Resource: fnArn(fn) }
        : {
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: fnArn(fn), Payload: {} },
          }),
      HeartbeatSeconds: 1,
      End: true,
    },
  },
});

describe('HeartbeatSeconds on every Task', () => {
  it.each(['arn', 'invoke'] as const)(
    'fails a %s task that gives no answer for HeartbeatSeconds with States.HeartbeatTimeout',
    async (resource) => {
      const arn = await h.start(await h.machine(task('hangs', resource)));
      expect(await h.describe(arn)).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    },
  );

  it('leaves a task that answers in time alone', async () => {
    const done = await h.run(task('quick', 'invoke'));
    expect(done.status).toBe('SUCCEEDED');
  });
});
