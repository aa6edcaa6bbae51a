/**
 * Runs the local Step Functions runtime on its own:
 *   tsx local/sfn/main.ts --port 8083 --data .local/sfn [--functions-dir DIR] [--region R] [--account A]
 * Each `<name>.js` (or `.cjs`) in the functions directory is a CommonJS bundle exporting
 * `handler`, run as the Lambda function `<name>`. Prints one JSON line `{"url": ...}` when ready.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalClock } from '../clock';
import { type LocalFunctionConfig, WorkerLambdaInvoker } from '../lambda/invoker';
import { startStepFunctionsRuntime } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8083' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    'functions-dir': { type: 'string' },
    region: { type: 'string', default: 'us-east-1' },
    account: { type: 'string', default: '000000000000' },
  },
});

async function main(): Promise<void> {
  if (!values.data) throw new Error('--data DIR is required: where executions are kept');
  const dataDir = resolve(values.data);
  const functionsDir = values['functions-dir'];
  const functions: LocalFunctionConfig[] = functionsDir
    ? readdirSync(functionsDir)
        .filter((file) => ['.js', '.cjs'].includes(extname(file)))
        .map((file) => ({
          name: basename(file, extname(file)),
          bundlePath: resolve(join(functionsDir, file)),
          environment: {},
          timeoutSeconds: 30,
          memoryMb: 256,
        }))
    : [];
  const clock = new LocalClock(join(dataDir, 'clock.json'));
  const invoker = new WorkerLambdaInvoker(functions, {
    region: values.region!,
    accountId: values.account!,
    runtimeEnvironment: {},
    clockOffsetMs: () => clock.offsetMs,
  });
  const runtime = await startStepFunctionsRuntime({
    port: Number(values.port),
    host: values.host,
    dataDir,
    invoker,
    clock,
    region: values.region,
    accountId: values.account,
  });
  process.stdout.write(`${JSON.stringify({ url: runtime.url, port: runtime.port })}\n`);
  const shutdown = async (): Promise<void> => {
    await runtime.stop();
    await invoker.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
