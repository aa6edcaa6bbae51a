/**
 * Retry and Catch, with AWS's error names and matching rules, written from the Developer Guide
 * page "Handling errors in Step Functions workflows" (concepts-error-handling).
 */
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { fnArn, type Harness, outputOf, ROLE, startHarness, typesOf } from './support/harness';

class TransientError extends Error {
  override name = 'TransientError';
}
class CaseNotFoundError extends Error {
  override name = 'CaseNotFoundError';
}

let failuresLeft = 0;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    flaky: () => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new TransientError('try again');
      }
      return { ok: true };
    },
    missing: () => {
      throw new CaseNotFoundError('case c-9 not found');
    },
    token: () => ({ sent: true }),
  });
});
afterAll(() => h.close());
beforeEach(() => {
  h.invoker.calls.length = 0;
});

const calls = (name: string) => h.invoker.calls.filter((call) => call.functionName === name).length;

const task = (fn: string, extra: object = {}) => ({
  StartAt: 'Work',
  States: {
    Work: { Type: 'Task', Resource: fnArn(fn), ...extra, Next: 'Done' },
    Done: { Type: 'Succeed' },
    // AWS refuses unreachable states: the fallback exists only when a catcher leads to it.
    ...('Catch' in extra ? { Recovered: { Type: 'Pass', End: true } } : {}),
  },
});

describe('Retry (Developer Guide: "Handling errors in Step Functions workflows", Retrying after an error)', () => {
  it('retries after IntervalSeconds × BackoffRate^n on the local clock, then succeeds', async () => {
    failuresLeft = 2;
    const arn = await h.start(
      await h.machine(
        task('flaky', {
          Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 3 }],
        }),
      ),
    );
    expect((await h.describe(arn)).status).toBe('RUNNING');
    expect(calls('flaky')).toBe(1);
    await h.advance('10s');
    expect(calls('flaky')).toBe(2);
    await h.advance('19s');
    expect(calls('flaky')).toBe(2);
    await h.advance('1s');
    expect(calls('flaky')).toBe(3);
    expect((await h.describe(arn)).status).toBe('SUCCEEDED');
    const types = typesOf(await h.history(arn));
    expect(types.filter((type) => type === 'LambdaFunctionFailed')).toHaveLength(2);
    expect(types.filter((type) => type === 'LambdaFunctionSucceeded')).toHaveLength(1);
  });

  it('gives up after MaxAttempts retries and fails with the error name', async () => {
    failuresLeft = 10;
    const arn = await h.start(
      await h.machine(
        task('flaky', { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2 }] }),
      ),
    );
    await h.advance('1h');
    const done = await h.describe(arn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'TransientError' });
    expect(calls('flaky')).toBe(3);
  });

  it('MaxAttempts 0 never retries', async () => {
    failuresLeft = 1;
    const execution = await h.run(
      task('flaky', { Retry: [{ ErrorEquals: ['TransientError'], MaxAttempts: 0 }] }),
    );
    expect(execution).toMatchObject({ status: 'FAILED', error: 'TransientError' });
    expect(calls('flaky')).toBe(1);
  });

  it('MaxDelaySeconds caps the backoff', async () => {
    failuresLeft = 3;
    const arn = await h.start(
      await h.machine(
        task('flaky', {
          Retry: [
            {
              ErrorEquals: ['TransientError'],
              IntervalSeconds: 5,
              BackoffRate: 10,
              MaxDelaySeconds: 8,
              MaxAttempts: 5,
            },
          ],
        }),
      ),
    );
    await h.advance('5s'); // first retry after 5 s
    expect(calls('flaky')).toBe(2);
    await h.advance('8s'); // then 50 s capped at 8 s
    expect(calls('flaky')).toBe(3);
    await h.advance('8s');
    expect((await h.describe(arn)).status).toBe('SUCCEEDED');
  });

  it('JitterStrategy FULL waits no longer than the computed backoff', async () => {
    failuresLeft = 1;
    const arn = await h.start(
      await h.machine(
        task('flaky', {
          Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 100, JitterStrategy: 'FULL' }],
        }),
      ),
    );
    await h.advance('100s');
    expect((await h.describe(arn)).status).toBe('SUCCEEDED');
  });

  it('the first matching retrier applies, and each counts its own attempts', async () => {
    failuresLeft = 2;
    const arn = await h.start(
      await h.machine(
        task('flaky', {
          Retry: [
            { ErrorEquals: ['CaseNotFoundError'], MaxAttempts: 0 },
            { ErrorEquals: ['TransientError'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 },
          ],
        }),
      ),
    );
    await h.advance('2s');
    expect((await h.describe(arn)).status).toBe('SUCCEEDED');
  });
});

describe('Catch (Developer Guide: "Handling errors in Step Functions workflows", Fallback states)', () => {
  it('a handler error keeps its name, and the error output goes to ResultPath', async () => {
    const execution = await h.run(
      task('missing', {
        Catch: [{ ErrorEquals: ['CaseNotFoundError'], ResultPath: '$.error', Next: 'Recovered' }],
      }),
      { caseId: 'c-9' },
    );
    expect(execution.status).toBe('SUCCEEDED');
    const output = outputOf(execution) as { caseId: string; error: { Error: string; Cause: string } };
    expect(output.caseId).toBe('c-9');
    expect(output.error.Error).toBe('CaseNotFoundError');
    expect(JSON.parse(output.error.Cause)).toMatchObject({
      errorType: 'CaseNotFoundError',
      errorMessage: 'case c-9 not found',
    });
  });

  it('without ResultPath the error output replaces the input', async () => {
    const execution = await h.run(
      task('missing', { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recovered' }] }),
    );
    expect(outputOf(execution)).toMatchObject({ Error: 'CaseNotFoundError' });
  });

  it('States.TaskFailed matches a handler error', async () => {
    const execution = await h.run(
      task('missing', { Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Recovered' }] }),
    );
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('a catcher that does not name the error does not catch it', async () => {
    const execution = await h.run(
      task('missing', { Catch: [{ ErrorEquals: ['OtherError'], Next: 'Recovered' }] }),
    );
    expect(execution).toMatchObject({ status: 'FAILED', error: 'CaseNotFoundError' });
  });

  it('retries first, then catches when the retries are spent', async () => {
    failuresLeft = 5;
    const arn = await h.start(
      await h.machine(
        task('flaky', {
          Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 1, MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['TransientError'], ResultPath: '$.failure', Next: 'Recovered' }],
        }),
      ),
    );
    await h.advance('1s');
    const done = await h.describe(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toMatchObject({ failure: { Error: 'TransientError' } });
    expect(calls('flaky')).toBe(2);
  });

  it('an unknown function fails with Lambda.ResourceNotFoundException', async () => {
    const execution = await h.run(task('nope'));
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });
  });

  it('States.ALL does not catch States.Runtime', async () => {
    const execution = await h.run(
      {
        StartAt: 'EachCase',
        States: {
          EachCase: {
            Type: 'Map',
            ItemsPath: '$.cases',
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recovered' }],
            End: true,
          },
          Recovered: { Type: 'Pass', End: true },
        },
      },
      { cases: 'not an array' },
    );
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('Task timeouts (Developer Guide: "Handling errors", States.Timeout and States.HeartbeatTimeout)', () => {
  const waiting = (fields: object, catchers: object[]) => ({
    StartAt: 'Approve',
    States: {
      Approve: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: fnArn('token'), Payload: { 'token.$': '$$.Task.Token' } },
        ...fields,
        Catch: catchers,
        End: true,
      },
      Expired: { Type: 'Pass', End: true },
    },
  });

  it('TimeoutSeconds fails the task with States.Timeout, which States.TaskFailed does not catch', async () => {
    const arn = await h.start(
      await h.machine(
        waiting({ TimeoutSeconds: 3600 }, [{ ErrorEquals: ['States.TaskFailed'], Next: 'Expired' }]),
      ),
    );
    await h.advance('59m');
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.advance('1m');
    const done = await h.describe(arn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(typesOf(await h.history(arn))).toContain('TaskTimedOut');
  });

  it('States.Timeout is caught by name (and TimeoutSecondsPath reads the limit from the input)', async () => {
    const arn = await h.start(
      await h.machine(
        waiting({ TimeoutSecondsPath: '$.limit' }, [
          { ErrorEquals: ['States.Timeout'], ResultPath: '$.why', Next: 'Expired' },
        ]),
      ),
      { limit: 60 },
    );
    await h.advance('1m');
    const done = await h.describe(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toMatchObject({ why: { Error: 'States.Timeout' } });
  });
});

describe('Definitions refused at creation (Developer Guide: "Handling errors", States.ALL must be alone and last)', () => {
  const create = (definition: object) =>
    h.client.send(
      new CreateStateMachineCommand({
        name: `bad-${Math.random().toString(36).slice(2)}`,
        roleArn: ROLE,
        definition: JSON.stringify(definition),
      }),
    );

  it('refuses States.ALL with other names', async () => {
    await expect(
      create(
        task('flaky', { Catch: [{ ErrorEquals: ['States.ALL', 'TransientError'], Next: 'Recovered' }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidDefinition' });
  });

  it('refuses States.ALL in a retrier that is not the last', async () => {
    await expect(
      create(
        task('flaky', { Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['TransientError'] }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidDefinition' });
  });
});
