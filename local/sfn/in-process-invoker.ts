/**
 * A LambdaInvoker over plain functions in this process, for tests and benchmarks of the runtime
 * that should measure the runtime, not worker-thread start-up. Errors are reported the way
 * Lambda reports them (`functionError: 'Unhandled'`, `{errorType, errorMessage, trace}`).
 */
import { randomUUID } from 'node:crypto';
import {
  FunctionNotFoundError,
  type InvokeResult,
  type LambdaInvoker,
  WorkerLambdaInvoker,
} from '../lambda/invoker';

/** A function body: gets the event, returns (or resolves) the result, throws to fail. */
export type InProcessHandler = (event: unknown) => unknown;

export class InProcessLambdaInvoker implements LambdaInvoker {
  /** Every invocation, in order: function name and event. */
  readonly calls: Array<{ readonly functionName: string; readonly event: unknown }> = [];

  /** @param options.recordCalls keep every call in `calls` @default true (benchmarks turn it off) */
  constructor(
    private readonly handlers: Readonly<Record<string, InProcessHandler>>,
    private readonly options: { readonly recordCalls?: boolean } = {},
  ) {}

  has(functionNameOrArn: string): boolean {
    return Object.hasOwn(this.handlers, WorkerLambdaInvoker.nameOf(functionNameOrArn));
  }

  async invoke(functionNameOrArn: string, event: unknown): Promise<InvokeResult> {
    const functionName = WorkerLambdaInvoker.nameOf(functionNameOrArn);
    const handler = Object.hasOwn(this.handlers, functionName) ? this.handlers[functionName] : undefined;
    if (!handler) throw new FunctionNotFoundError(`Function not found: ${functionNameOrArn}`);
    if (this.options.recordCalls !== false) this.calls.push({ functionName, event });
    const requestId = randomUUID();
    try {
      // Lambda hands the function the event as JSON: a copy, and nothing JSON cannot carry.
      const result = await handler(JSON.parse(JSON.stringify(event ?? null)));
      // Lambda serialises the result as JSON; undefined becomes null.
      return { requestId, payload: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      return {
        requestId,
        functionError: 'Unhandled',
        payload: { errorType: failure.name, errorMessage: failure.message, trace: [] },
      };
    }
  }
}
