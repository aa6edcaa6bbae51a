/**
 * The local Lambda service: runs the very bundles that the CDK deploys, each function in warm
 * worker-thread sandboxes that see only that function's environment, with a Lambda context and
 * the function's timeout, past which the sandbox is killed and the invocation fails as Lambda's
 * does. The local API gateway and the local Step Functions runtime both invoke through it.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/** What an invocation returns, in the shape of Lambda's Invoke API. */
export interface InvokeResult {
  readonly requestId: string;
  /** The handler's result, or for a failed invocation `{ errorType, errorMessage, trace }`. */
  readonly payload: unknown;
  /** Set as Lambda sets it: 'Unhandled' when the handler threw or timed out. */
  readonly functionError?: 'Unhandled';
}

export interface LambdaInvoker {
  /** Invokes a function by name or ARN (`arn:aws:lambda:region:account:function:name[:qualifier]`). */
  invoke(functionNameOrArn: string, event: unknown): Promise<InvokeResult>;
  /** Whether a function of that name or ARN exists. */
  has(functionNameOrArn: string): boolean;
}

/** One deployed local function. */
export interface LocalFunctionConfig {
  /** Physical name, e.g. `retorno-health`. */
  readonly name: string;
  /** Absolute or repository-relative path to the built CommonJS bundle. */
  readonly bundlePath: string;
  /** The function's whole environment (the runtime's AWS_* variables are added here). */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export class FunctionNotFoundError extends Error {
  override readonly name = 'ResourceNotFoundException';
}

interface Sandbox {
  readonly worker: Worker;
  busy: boolean;
  /** Settles once the bundle is loaded (the init phase), or the sandbox has ended. */
  readonly initialised: Promise<void>;
}

/**
 * Lambda's init phase is limited to 10 seconds and is not part of the function's timeout; an init
 * that runs longer goes on within the invocation, which the function's timeout then bounds.
 */
const INIT_LIMIT_MS = 10_000;

interface Pending {
  resolve(result: InvokeResult): void;
  timer: NodeJS.Timeout;
  sandbox: Sandbox;
}

export interface WorkerInvokerOptions {
  readonly region: string;
  readonly accountId: string;
  /** Variables every sandbox gets (endpoints, local credentials), as Lambda's runtime sets AWS_*. */
  readonly runtimeEnvironment: Readonly<Record<string, string>>;
  /** Offset of the local clock, read at each invocation. @default no offset */
  readonly clockOffsetMs?: () => number;
  /** Warm sandboxes kept per function at most; more concurrent calls wait. @default 4 */
  readonly maxSandboxesPerFunction?: number;
}

/** Profiling options, which a sandbox keeps so that `node --cpu-prof` profiles the functions too. */
const PROFILING = /^--(cpu-prof|heap-prof)(-[a-z]+)?(=|$)/;
const TAKES_VALUE = new Set([
  '--cpu-prof-dir',
  '--cpu-prof-name',
  '--cpu-prof-interval',
  '--heap-prof-dir',
  '--heap-prof-name',
  '--heap-prof-interval',
]);

/**
 * The Node options a sandbox runs with: the parent's profiling options and nothing else. A bundle
 * is plain JavaScript, run as Lambda's runtime runs it; inheriting the parent's options would load
 * its module loader (tsx, under `npm start` and the benchmarks) into every sandbox, hooking each
 * require of the bundle and turning source maps on for it, which made a cold start twice as slow.
 */
export function sandboxExecArgv(parent: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < parent.length; index++) {
    const flag = parent[index]!;
    if (!PROFILING.test(flag)) continue;
    kept.push(flag);
    if (TAKES_VALUE.has(flag) && index + 1 < parent.length) kept.push(parent[++index]!);
  }
  return kept;
}

export class WorkerLambdaInvoker implements LambdaInvoker {
  private readonly functions = new Map<string, LocalFunctionConfig>();
  private readonly sandboxes = new Map<string, Sandbox[]>();
  private readonly waiting = new Map<string, Array<() => void>>();
  private readonly pending = new Map<string, Pending>();
  private readonly invocations = new Map<string, number>();
  private closed = false;
  private nextWorkerId = 0;

  constructor(
    functions: readonly LocalFunctionConfig[],
    private readonly options: WorkerInvokerOptions,
  ) {
    for (const fn of functions) this.functions.set(fn.name, fn);
  }

  functionArn(name: string): string {
    return `arn:aws:lambda:${this.options.region}:${this.options.accountId}:function:${name}`;
  }

  has(functionNameOrArn: string): boolean {
    return this.functions.has(WorkerLambdaInvoker.nameOf(functionNameOrArn));
  }

  /** `arn:aws:lambda:r:a:function:name:qualifier` and `name` both give `name`. */
  static nameOf(functionNameOrArn: string): string {
    const match = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(functionNameOrArn);
    return match ? match[1]! : functionNameOrArn;
  }

  async invoke(functionNameOrArn: string, event: unknown): Promise<InvokeResult> {
    if (this.closed) throw new Error('the local Lambda service is stopped');
    const name = WorkerLambdaInvoker.nameOf(functionNameOrArn);
    const config = this.functions.get(name);
    if (!config) throw new FunctionNotFoundError(`Function not found: ${this.functionArn(name)}`);
    this.invocations.set(name, (this.invocations.get(name) ?? 0) + 1);
    const sandbox = await this.acquire(config);
    const requestId = randomUUID();
    const timeoutMs = config.timeoutSeconds * 1000;
    await this.initialised(sandbox);
    if (!this.sandboxes.get(config.name)?.includes(sandbox)) {
      // The sandbox ended while loading the bundle (it exited, or the service stopped).
      return {
        requestId,
        functionError: 'Unhandled',
        payload: { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited during init' },
      };
    }
    return new Promise<InvokeResult>((resolvePromise) => {
      const timer = setTimeout(() => {
        // Lambda freezes and discards a sandbox whose invocation ran out of time.
        this.pending.delete(requestId);
        this.discard(config.name, sandbox);
        resolvePromise({
          requestId,
          functionError: 'Unhandled',
          payload: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `RequestId: ${requestId} Error: Task timed out after ${config.timeoutSeconds.toFixed(2)} seconds`,
          },
        });
      }, timeoutMs);
      this.pending.set(requestId, { resolve: resolvePromise, timer, sandbox });
      sandbox.worker.postMessage({
        requestId,
        event,
        deadline: Date.now() + timeoutMs,
        clockOffsetMs: this.options.clockOffsetMs?.() ?? 0,
      });
    });
  }

  /** How many times each function has been invoked so far, by physical name (the benchmark's figures). */
  invocationCounts(): ReadonlyMap<string, number> {
    return new Map(this.invocations);
  }

  /** Stops every sandbox. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.sandboxes.values()].flat();
    this.sandboxes.clear();
    // Invocations still running get an answer, as Lambda's would when its sandbox goes away.
    for (const [requestId, { timer, resolve }] of this.pending) {
      clearTimeout(timer);
      resolve({
        requestId,
        functionError: 'Unhandled',
        payload: { errorType: 'Runtime.ExitError', errorMessage: 'the local Lambda service stopped' },
      });
    }
    this.pending.clear();
    await Promise.all(all.map((sandbox) => sandbox.worker.terminate()));
  }

  /** Waits for the sandbox's init phase, up to Lambda's init limit. */
  private async initialised(sandbox: Sandbox): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      sandbox.initialised,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, INIT_LIMIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  private async acquire(config: LocalFunctionConfig): Promise<Sandbox> {
    const max = this.options.maxSandboxesPerFunction ?? 4;
    for (;;) {
      const pool = this.sandboxes.get(config.name) ?? [];
      this.sandboxes.set(config.name, pool);
      const idle = pool.find((sandbox) => !sandbox.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < max) {
        const sandbox = this.start(config);
        sandbox.busy = true;
        pool.push(sandbox);
        return sandbox;
      }
      await new Promise<void>((wake) => {
        const queue = this.waiting.get(config.name) ?? [];
        queue.push(wake);
        this.waiting.set(config.name, queue);
      });
    }
  }

  private release(name: string, sandbox: Sandbox): void {
    sandbox.busy = false;
    this.waiting.get(name)?.shift()?.();
  }

  private discard(name: string, sandbox: Sandbox): void {
    const pool = this.sandboxes.get(name) ?? [];
    this.sandboxes.set(
      name,
      pool.filter((candidate) => candidate !== sandbox),
    );
    void sandbox.worker.terminate();
    this.waiting.get(name)?.shift()?.();
  }

  private start(config: LocalFunctionConfig): Sandbox {
    const workerId = `${config.name}-${++this.nextWorkerId}`;
    const worker = new Worker(resolve(__dirname, 'runtime-worker.cjs'), {
      env: {
        ...this.options.runtimeEnvironment,
        AWS_REGION: this.options.region,
        AWS_DEFAULT_REGION: this.options.region,
        AWS_LAMBDA_FUNCTION_NAME: config.name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        ...config.environment,
      },
      workerData: {
        bundlePath: resolve(config.bundlePath),
        functionName: config.name,
        functionArn: this.functionArn(config.name),
        memoryMb: config.memoryMb,
        workerId,
        // The bundle is loaded at once (init), so the clock it sees must be moved already.
        clockOffsetMs: this.options.clockOffsetMs?.() ?? 0,
      },
      execArgv: sandboxExecArgv(process.execArgv),
      resourceLimits: { maxOldGenerationSizeMb: config.memoryMb },
      stdout: false,
      stderr: false,
    });
    let initDone = () => {};
    const initialised = new Promise<void>((resolveInit) => {
      initDone = resolveInit;
    });
    const sandbox: Sandbox = { worker, busy: false, initialised };
    worker.on(
      'message',
      (message: { ready: true } | { requestId: string; ok: boolean; payload: unknown }) => {
        if ('ready' in message) {
          initDone();
          return;
        }
        const entry = this.pending.get(message.requestId);
        if (!entry) return;
        this.pending.delete(message.requestId);
        clearTimeout(entry.timer);
        entry.resolve(
          message.ok
            ? { requestId: message.requestId, payload: message.payload }
            : { requestId: message.requestId, payload: message.payload, functionError: 'Unhandled' },
        );
        this.release(config.name, sandbox);
      },
    );
    const fail = (errorType: string, errorMessage: string): void => {
      for (const [requestId, entry] of this.pending) {
        if (entry.sandbox !== sandbox) continue;
        this.pending.delete(requestId);
        clearTimeout(entry.timer);
        entry.resolve({
          requestId,
          functionError: 'Unhandled',
          payload: { errorType, errorMessage, trace: [] },
        });
      }
    };
    worker.on('error', (error) => {
      // A crash outside the handler's promise (e.g. an uncaught exception in a timer) ends the sandbox.
      initDone();
      fail(error.name || 'Runtime.ExitError', error.message);
      this.discard(config.name, sandbox);
    });
    worker.on('exit', (code) => {
      // process.exit() in the function ends the sandbox without an 'error': the invocation under
      // way fails as Lambda's does, and no later invocation is handed to the dead sandbox.
      initDone();
      if (!this.sandboxes.get(config.name)?.includes(sandbox)) return; // discarded or closed already
      fail('Runtime.ExitError', `Runtime exited with error: exit status ${code}`);
      this.discard(config.name, sandbox);
    });
    return sandbox;
  }
}
