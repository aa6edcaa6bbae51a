/**
 * Who may call the API: every call is SigV4-signed with a key the runtime knows (the local
 * cloud's), as on AWS; unsigned, unknown-key, wrongly signed, tampered and stale calls are
 * refused with AWS's exception names and change nothing. Written from the AWS General Reference
 * ("Signature Version 4 signing process") and the API Reference's Common Errors.
 */
import {
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { fnArn, type Harness, startHarness } from './support/harness';

let h: Harness;
const tokens: string[] = [];
beforeAll(async () => {
  h = await startHarness({
    notify: (event) => {
      tokens.push((event as { token: string }).token);
      return {};
    },
  });
});
afterAll(() => h.close());

const clientWith = (accessKeyId: string, secretAccessKey: string) =>
  new SFNClient({
    endpoint: h.runtime.url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });

/** A StartExecution call signed with the local key, as the SDK would send it; `tamper` changes it after signing. */
async function signedCall(
  body: object,
  tamper: (call: { headers: Record<string, string>; body: string }) => void = () => {},
  signingDate = new Date(),
  applyChecksum = true,
) {
  const url = new URL(h.runtime.url);
  const text = JSON.stringify(body);
  const signer = new SignatureV4({
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    region: 'us-east-1',
    service: 'states',
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.StartExecution',
      },
      body: text,
    },
    { signingDate },
  );
  const call = { headers: { ...(signed.headers as Record<string, string>) }, body: text };
  tamper(call);
  delete call.headers.host;
  const response = await fetch(h.runtime.url, { method: 'POST', headers: call.headers, body: call.body });
  return { status: response.status, body: (await response.json()) as { __type?: string; message?: string } };
}

const executionsOf = async (stateMachineArn: string) =>
  ((await h.client.send(new ListExecutionsCommand({ stateMachineArn }))).executions ?? []).map((e) => e.name);

const waiting = {
  StartAt: 'Approve',
  States: {
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: fnArn('notify'), Payload: { 'token.$': '$$.Task.Token' } },
      End: true,
    },
  },
};

describe('SigV4 on every call (AWS General Reference: "Signature Version 4")', () => {
  it('accepts a call the SDK signs with the local key', async () => {
    await expect(clientWith('local', 'local').send(new ListStateMachinesCommand({}))).resolves.toBeDefined();
  });

  it('refuses an unsigned call with MissingAuthenticationTokenException', async () => {
    const response = await fetch(h.runtime.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.ListStateMachines',
      },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });

  it('refuses an access key it does not know with UnrecognizedClientException', async () => {
    await expect(
      clientWith('AKIDSOMEONEELSE', 'local').send(new ListStateMachinesCommand({})),
    ).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('refuses the right key signed with the wrong secret with InvalidSignatureException', async () => {
    await expect(clientWith('local', 'guessed').send(new ListStateMachinesCommand({}))).rejects.toMatchObject(
      {
        name: 'InvalidSignatureException',
      },
    );
  });

  it('refuses a signed call whose body or target was changed after signing, and starts nothing', async () => {
    const stateMachineArn = await h.machine(waiting);
    const before = await executionsOf(stateMachineArn);
    const body = { stateMachineArn, name: 'signed-once', input: '{}' };
    const changedBody = await signedCall(body, (call) => {
      call.body = JSON.stringify({ ...body, name: 'changed-after-signing' });
    });
    expect(changedBody).toMatchObject({ status: 403, body: { __type: 'InvalidSignatureException' } });
    // Without X-Amz-Content-Sha256 too (the body's hash is then part of what is signed).
    const unhashed = await signedCall(
      body,
      (call) => {
        call.body = JSON.stringify({ ...body, name: 'changed-after-signing' });
      },
      new Date(),
      false,
    );
    expect(unhashed).toMatchObject({ status: 403, body: { __type: 'InvalidSignatureException' } });
    const changedTarget = await signedCall(body, (call) => {
      call.headers['x-amz-target'] = 'AWSStepFunctions.StopExecution';
    });
    expect(changedTarget).toMatchObject({ status: 403, body: { __type: 'InvalidSignatureException' } });
    expect(await executionsOf(stateMachineArn)).toEqual(before);
    // The same call, unchanged, goes through.
    expect((await signedCall(body)).status).toBe(200);
  });

  it('refuses a signature more than 15 minutes old', async () => {
    const stateMachineArn = await h.machine(waiting);
    const stale = await signedCall(
      { stateMachineArn, name: 'stale', input: '{}' },
      () => {},
      new Date(Date.now() - 16 * 60 * 1000),
    );
    expect(stale).toMatchObject({ status: 403, body: { __type: 'InvalidSignatureException' } });
  });

  it('refuses a SendTaskSuccess with a real token from a caller without the key, and the task keeps waiting', async () => {
    const stateMachineArn = await h.machine(waiting);
    const before = tokens.length;
    const { executionArn } = await clientWith('local', 'local').send(
      new StartExecutionCommand({ stateMachineArn, input: '{}' }),
    );
    const arn = executionArn as string;
    expect((await h.describe(arn)).status).toBe('RUNNING');
    expect(tokens.length).toBe(before + 1);
    const token = tokens.at(-1) as string;
    await expect(
      clientWith('local', 'guessed').send(
        new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await clientWith('local', 'local').send(
      new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }),
    );
    expect((await h.describe(arn)).status).toBe('SUCCEEDED');
  });
});
