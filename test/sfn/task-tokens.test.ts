/**
 * `.waitForTaskToken` and SendTaskSuccess/Failure/Heartbeat, written from the Developer Guide
 * page "Discover service integration patterns in Step Functions" (Wait for a Callback with Task
 * Token) and the API Reference pages "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat".
 */
import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newTaskToken } from '../../local/sfn/task-tokens';
import { fnArn, type Harness, outputOf, startHarness, typesOf } from './support/harness';

let h: Harness;
const tokens: string[] = [];
beforeAll(async () => {
  h = await startHarness({
    notify: (event) => {
      tokens.push((event as { token: string }).token);
      return { notified: true };
    },
  });
});
afterAll(() => h.close());

const approval = (extra: object = {}) => ({
  StartAt: 'AwaitApproval',
  States: {
    AwaitApproval: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: fnArn('notify'),
        Payload: { 'token.$': '$$.Task.Token', 'caseId.$': '$.caseId' },
      },
      ResultPath: '$.decision',
      ...extra,
      End: true,
    },
    ...('Catch' in extra ? { Rejected: { Type: 'Pass', End: true } } : {}),
  },
});

async function startWaiting(definition: object, input: object = { caseId: 'c-1' }) {
  const arn = await h.start(await h.machine(definition), input);
  const described = await h.describe(arn);
  expect(described.status).toBe('RUNNING');
  return { arn, token: tokens.at(-1)! };
}

describe('Wait for a callback with a task token (Developer Guide: "Discover service integration patterns")', () => {
  it('passes $$.Task.Token to the function and resumes with SendTaskSuccess output', async () => {
    const { arn, token } = await startWaiting(approval());
    expect(token).toEqual(expect.any(String));
    await h.client.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: true }) }),
    );
    const done = await h.describe(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ caseId: 'c-1', decision: { approved: true } });
    expect(typesOf(await h.history(arn))).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('SendTaskFailure fails the task with the given error, which Catch matches by name', async () => {
    const { arn, token } = await startWaiting(
      approval({
        Catch: [{ ErrorEquals: ['ApprovalRejected'], ResultPath: '$.rejection', Next: 'Rejected' }],
      }),
    );
    await h.client.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'ApprovalRejected', cause: 'no consent' }),
    );
    const done = await h.describe(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toMatchObject({ rejection: { Error: 'ApprovalRejected', Cause: 'no consent' } });
  });

  it('an uncaught SendTaskFailure fails the execution', async () => {
    const { arn, token } = await startWaiting(approval());
    await h.client.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'ApprovalRejected', cause: 'no' }),
    );
    expect(await h.describe(arn)).toMatchObject({ status: 'FAILED', error: 'ApprovalRejected', cause: 'no' });
  });

  it('SendTaskHeartbeat keeps a task with HeartbeatSeconds alive; silence fails it with States.HeartbeatTimeout', async () => {
    const { arn, token } = await startWaiting(approval({ HeartbeatSeconds: 60, TimeoutSeconds: 3600 }));
    await h.advance('50s');
    await h.client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await h.advance('50s');
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.advance('10s');
    expect(await h.describe(arn)).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
  });

  it('the task waits as long as it takes when no timeout is set', async () => {
    const { arn, token } = await startWaiting(approval());
    await h.advance('180d');
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '"late"' }));
    expect(outputOf(await h.describe(arn))).toMatchObject({ decision: 'late' });
  });
});

describe('Task token errors (API Reference: "SendTaskSuccess", Errors)', () => {
  it('a malformed token gives InvalidToken', async () => {
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  it('a token no task is waiting for gives TaskDoesNotExist', async () => {
    const token = newTaskToken();
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
  });

  it('the token of a task that has ended gives TaskTimedOut', async () => {
    const { token } = await startWaiting(approval());
    await h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await expect(h.client.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('the token of a task that has ended gives TaskTimedOut while its execution runs on', async () => {
    const definition = {
      StartAt: 'AwaitApproval',
      States: {
        AwaitApproval: { ...approval().States.AwaitApproval, End: undefined, Next: 'Later' },
        Later: { Type: 'Wait', Seconds: 60, End: true },
      },
    };
    const { arn, token } = await startWaiting(definition);
    await h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(h.client.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('tokens are opaque: 256 random bits that name neither the execution nor the task', async () => {
    const first = await startWaiting(approval(), { caseId: 'c-opaque' });
    const second = await startWaiting(approval(), { caseId: 'c-opaque' });
    expect(first.token).not.toBe(second.token);
    for (const { arn, token } of [first, second]) {
      expect(token).toMatch(/^sfnlocal2\.[A-Za-z0-9_-]{43}$/);
      const decoded = Buffer.from(token.slice('sfnlocal2.'.length), 'base64url').toString('latin1');
      expect(decoded).not.toContain('AwaitApproval');
      expect(decoded).not.toContain(arn.split(':').at(-1));
    }
  });

  it('a token forged from what is known of a waiting task is refused, and the task keeps waiting', async () => {
    const { arn } = await startWaiting(approval(), { caseId: 'c-forged' });
    // The old scheme: the execution ARN and the attempt key, in base64url; anyone could make it.
    for (const attemptKey of ['AwaitApproval#1/a0', 'AwaitApproval#1']) {
      const forged = `sfnlocal1.${Buffer.from(JSON.stringify([arn, attemptKey])).toString('base64url')}`;
      await expect(
        h.client.send(new SendTaskSuccessCommand({ taskToken: forged, output: '{"approved":true}' })),
      ).rejects.toMatchObject({ name: 'InvalidToken' });
    }
    // A well-formed token that was never issued gets nothing either.
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: newTaskToken(), output: '{"approved":true}' })),
    ).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    expect((await h.describe(arn)).status).toBe('RUNNING');
  });

  it('output that is not JSON gives InvalidOutput', async () => {
    const { token } = await startWaiting(approval());
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{oops' })),
    ).rejects.toMatchObject({
      name: 'InvalidOutput',
    });
  });
});
