// Written from the Lambda developer guide: "Lambda context object in Node.js", "Invoke" (the
// FunctionError and error payload shapes) and "Configuring Lambda function timeout".
import { join } from 'node:path';
import { sandboxExecArgv, WorkerLambdaInvoker } from '../../../local/lambda/invoker';

const fixtures = join(__dirname, '../../fixtures/lambdas');
const bundle = join(fixtures, 'probe.cjs');

describe('the local Lambda service', () => {
  const invoker = new WorkerLambdaInvoker(
    [
      {
        name: 'alpha',
        bundlePath: bundle,
        environment: { TABLE_CASES: 'alpha-cases' },
        timeoutSeconds: 2,
        memoryMb: 256,
      },
      {
        name: 'delta',
        bundlePath: bundle,
        environment: {},
        timeoutSeconds: 3,
        memoryMb: 128,
      },
      {
        name: 'slow-init',
        bundlePath: join(fixtures, 'slow-init.cjs'),
        environment: { INIT_MS: '1500' },
        timeoutSeconds: 1,
        memoryMb: 128,
      },
      {
        name: 'broken-init',
        bundlePath: join(fixtures, 'broken-init.cjs'),
        environment: {},
        timeoutSeconds: 1,
        memoryMb: 128,
      },
      {
        name: 'beta',
        bundlePath: bundle,
        environment: { EMAIL_FROM: 'no-reply@x.test' },
        timeoutSeconds: 1,
        memoryMb: 128,
      },
    ],
    {
      region: 'us-east-1',
      accountId: '000000000000',
      runtimeEnvironment: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1' },
      clockOffsetMs: () => 86_400_000,
      maxSandboxesPerFunction: 2,
    },
  );
  afterAll(() => invoker.close());

  it('gives each function only its own environment plus the runtime variables', async () => {
    const alpha = (await invoker.invoke('alpha', { action: 'env' })).payload as {
      env: Record<string, string>;
    };
    const beta = (await invoker.invoke('beta', { action: 'env' })).payload as { env: Record<string, string> };
    expect(alpha.env.TABLE_CASES).toBe('alpha-cases');
    expect(alpha.env.EMAIL_FROM).toBeUndefined();
    expect(beta.env.EMAIL_FROM).toBe('no-reply@x.test');
    expect(beta.env.TABLE_CASES).toBeUndefined();
    expect(alpha.env).toMatchObject({
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'alpha',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
    });
    // nothing of the parent process leaks in
    expect(alpha.env.PATH).toBeUndefined();
    expect(alpha.env.JEST_WORKER_ID).toBeUndefined();
  });

  it('passes a Lambda context with request id, function name, ARN, memory and remaining time', async () => {
    const result = await invoker.invoke('arn:aws:lambda:us-east-1:000000000000:function:alpha', {
      action: 'context',
    });
    const context = result.payload as Record<string, unknown>;
    expect(context.functionName).toBe('alpha');
    expect(context.awsRequestId).toBe(result.requestId);
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:alpha');
    expect(context.memoryLimitInMB).toBe('256');
    expect(context.remaining).toBeGreaterThan(1000);
    expect(context.remaining).toBeLessThanOrEqual(2000);
  });

  it('keeps the name of an error the handler throws, as Unhandled', async () => {
    const result = await invoker.invoke('alpha', { action: 'throw', message: 'no case c-9' });
    expect(result.functionError).toBe('Unhandled');
    expect(result.payload).toMatchObject({ errorType: 'CaseNotFoundError', errorMessage: 'no case c-9' });
  });

  it('fails an invocation that runs past the timeout as Lambda does, then serves the next from a new sandbox', async () => {
    const result = await invoker.invoke('beta', { action: 'sleep', ms: 5000 });
    expect(result.functionError).toBe('Unhandled');
    expect(result.payload).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect((result.payload as { errorMessage: string }).errorMessage).toMatch(
      /Task timed out after 1\.00 seconds/,
    );
    expect((await invoker.invoke('beta', { action: 'count' })).payload).toEqual({ invocations: 1 });
  });

  it('does not count the init phase (loading the bundle) in the timeout, as Lambda does not', async () => {
    const result = await invoker.invoke('slow-init', {});
    expect(result.functionError).toBeUndefined();
    expect(result.payload).toEqual({ loadedAt: expect.any(Number) });
  });

  it('fails every invocation of a bundle whose init throws with that error', async () => {
    for (const attempt of [1, 2]) {
      const result = await invoker.invoke('broken-init', { attempt });
      expect(result.functionError).toBe('Unhandled');
      expect(result.payload).toMatchObject({ errorType: 'Error', errorMessage: 'TABLE_CASES is missing' });
    }
  });

  it('fails an invocation whose sandbox exits at once with Runtime.ExitError, not a timeout', async () => {
    const started = Date.now();
    const result = await invoker.invoke('delta', { action: 'exit' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.functionError).toBe('Unhandled');
    expect(result.payload).toMatchObject({ errorType: 'Runtime.ExitError' });
    expect((await invoker.invoke('delta', { action: 'echo' })).payload).toEqual({
      echo: { action: 'echo' },
    });
  });

  it('does not hand the next invocation to a sandbox that exited while idle', async () => {
    expect((await invoker.invoke('delta', { action: 'exit-later' })).payload).toEqual({ exiting: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const result = await invoker.invoke('delta', { action: 'count' });
    expect(result.functionError).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps a sandbox warm between invocations', async () => {
    const first = (await invoker.invoke('alpha', { action: 'count' })).payload as { invocations: number };
    const second = (await invoker.invoke('alpha', { action: 'count' })).payload as { invocations: number };
    expect(second.invocations).toBe(first.invocations + 1);
  });

  it('runs concurrent invocations up to the sandbox limit and queues the rest', async () => {
    const started = Date.now();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => invoker.invoke('alpha', { action: 'sleep', ms: 300 })),
    );
    expect(results.every((r) => r.functionError === undefined)).toBe(true);
    // two sandboxes: four 300 ms calls take two rounds, not one and not four
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });

  it('returns null for a handler that returns nothing', async () => {
    expect((await invoker.invoke('alpha', { action: 'undefined' })).payload).toBeNull();
  });

  it('shows the sandbox the local clock, moved forward', async () => {
    const { now } = (await invoker.invoke('alpha', { action: 'now' })).payload as { now: number };
    expect(now - Date.now()).toBeGreaterThan(86_000_000);
  });

  it('refuses an unknown function with ResourceNotFoundException', async () => {
    await expect(invoker.invoke('gamma', {})).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(invoker.has('alpha')).toBe(true);
    expect(invoker.has('gamma')).toBe(false);
  });
});

describe('the options a Lambda sandbox runs with', () => {
  it("are plain Node with the parent's profiling options, without its loaders (tsx)", () => {
    expect(
      sandboxExecArgv([
        '--require',
        '/repo/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///repo/node_modules/tsx/dist/loader.mjs',
        '--cpu-prof',
        '--cpu-prof-dir',
        '/tmp/profiles',
        '--heap-prof-interval=1024',
        '--expose-gc',
      ]),
    ).toEqual(['--cpu-prof', '--cpu-prof-dir', '/tmp/profiles', '--heap-prof-interval=1024']);
    expect(sandboxExecArgv(['--import=tsx', '--loader', 'ts-node/esm'])).toEqual([]);
  });
});
