/**
 * The local Step Functions runtime: executes Amazon States Language definitions durably, behind
 * the Step Functions JSON API, on a clock that can be moved. It knows nothing of the application:
 * whoever starts it gives the Lambda invoker, the clock, and the state machines to register.
 */
import type { AddressInfo } from 'node:net';
import type { LocalClock } from '../clock';
import type { LambdaInvoker } from '../lambda/invoker';
import { SfnApiError } from './api-errors';
import { type Durability, Journal } from './journal';
import { Quiescence } from './quiescence';
import { createSfnServer } from './server';
import { StepFunctionsService } from './service';
import { LOCAL_CREDENTIALS, type LocalCredentials } from './signature';
import { TimerService } from './timers';

export type { Durability } from './journal';
export { SfnApiError };

/** A state machine to have registered when the runtime starts. */
export interface StateMachineRegistration {
  readonly name: string;
  /** The Amazon States Language definition (JSON text), substitutions already applied. */
  readonly definition: string;
  /** @default `arn:aws:iam::<accountId>:role/local-step-functions` */
  readonly roleArn?: string;
}

export interface StepFunctionsRuntimeOptions {
  /** Port to listen on; 0 takes a free one. */
  readonly port: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Where executions are kept across restarts. */
  readonly dataDir: string;
  readonly invoker: LambdaInvoker;
  readonly clock: LocalClock;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** Registered at start; updated when they already exist. @default none */
  readonly stateMachines?: readonly StateMachineRegistration[];
  /** 'none' keeps everything in memory only (benchmarks). @default 'fsync' */
  readonly durability?: Durability;
  /**
   * The access keys the API accepts SigV4-signed calls from; any other call is refused.
   * @default the local cloud's own key, LOCAL_CREDENTIALS (`local` / `local`)
   */
  readonly credentials?: readonly LocalCredentials[];
}

export interface StepFunctionsRuntime {
  /** Base URL of the API, e.g. `http://127.0.0.1:8083`: the `endpoint` of an SFNClient. */
  readonly url: string;
  readonly port: number;
  /** Fires every timer due by the clock and resolves once what they started has settled. */
  settle(): Promise<void>;
  /**
   * Runs an API operation in this process, as the HTTP API would after checking the caller's
   * signature (for benchmarks and embedders that hold the runtime itself). Throws SfnApiError.
   */
  call(operation: string, request: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Starts the runtime: reads the data directory back, resumes every running execution, registers
 * the given state machines, then listens.
 */
export async function startStepFunctionsRuntime(
  options: StepFunctionsRuntimeOptions,
): Promise<StepFunctionsRuntime> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const journal = await Journal.open(options.dataDir, options.durability ?? 'fsync');
  const quiescence = new Quiescence();
  const timers = new TimerService(options.clock, () => quiescence.idle());
  const service = StepFunctionsService.open({
    region,
    accountId,
    clock: options.clock,
    invoker: options.invoker,
    journal,
    timers,
    quiescence,
  });
  for (const machine of options.stateMachines ?? []) {
    await service.registerStateMachine(
      machine.name,
      machine.definition,
      machine.roleArn ?? `arn:aws:iam::${accountId}:role/local-step-functions`,
    );
  }
  // Resumed executions reach their waits (and register their task tokens) before calls come in.
  await quiescence.idle(5_000);
  const server = createSfnServer(service, options.clock, timers, options.credentials ?? [LOCAL_CREDENTIALS]);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    settle: async () => {
      await timers.fireDue();
      await quiescence.idle();
    },
    call: (operation, request) => {
      const run = Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
      if (!run) throw new SfnApiError('UnknownOperationException', `Unknown operation ${operation}`);
      return run(request);
    },
    stop: async () => {
      timers.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await journal.close();
    },
  };
}

export { LOCAL_CREDENTIALS, type LocalCredentials } from './signature';
