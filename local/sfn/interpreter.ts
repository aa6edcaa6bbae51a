/**
 * Runs an execution's definition state by state, as Step Functions does: input and output
 * processing in AWS's order (InputPath → Parameters → task → ResultSelector → ResultPath →
 * OutputPath), the context object, Retry and Catch, Task timeouts and heartbeats, Parallel
 * branches and inline Map iterations, Wait on the local clock.
 *
 * The same code resumes an execution after a restart: each state's exit is recorded (with where
 * it went) before the next state starts, so replaying the definition skips every completed
 * state, and a Task whose result is recorded is not run again.
 */
import type { LocalClock } from '../clock';
import type { LambdaInvoker } from '../lambda/invoker';
import { selectNext } from './asl/choice';
import { StatesError } from './asl/errors';
import { evaluateIntrinsic, isIntrinsicCall } from './asl/intrinsics';
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  type ContextObject,
  evaluatePath,
} from './asl/paths';
import type { AslMachine, AslState } from './asl-types';
import { CancelledError, CancelScope } from './cancel-scope';
import { findCatcher, findRetrier, mayRetry, retryDelayMs } from './error-matching';
import type { Execution, Thread } from './execution';
import { json, NOT_TRUNCATED } from './history';
import { classifyResource, invokeFunctionArn, invokeIntegration, type LambdaResource } from './lambda-task';
import type { Quiescence } from './quiescence';
import { newTaskToken, type TaskTokenIndex, tokenNoteKey } from './task-tokens';
import type { TimerService } from './timers';

/** How a task attempt ended. */
export type TaskOutcome =
  | { readonly ok: true; readonly output: unknown }
  | { readonly ok: false; readonly error: string; readonly cause: string; readonly timedOut?: boolean };

/** A `.waitForTaskToken` task waiting for SendTask*. */
export interface PendingTask {
  /** Ends the task; resolves once recorded. Throws TaskTimedOut-worthy `false` when it had already ended. */
  complete(outcome: TaskOutcome): Promise<boolean>;
  /** Restarts the heartbeat countdown; resolves once recorded. */
  heartbeat(): Promise<void>;
}

export interface InterpreterDeps {
  readonly invoker: LambdaInvoker;
  readonly clock: LocalClock;
  readonly timers: TimerService;
  readonly quiescence: Quiescence;
  /** Tasks waiting for a token, by token. */
  readonly pendingTasks: Map<string, PendingTask>;
  /** Every token issued, and what it resumes. */
  readonly taskTokens: TaskTokenIndex;
  readonly region: string;
}

interface StepResult {
  readonly output: unknown;
  readonly next: string | null;
}

/** Anything thrown while running a state, as the error Step Functions would report. */
export function asStatesError(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  if (error instanceof Error) return new StatesError('States.Runtime', error.message);
  return new StatesError('States.Runtime', String(error));
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** AWS leaves Error/Cause out of events and outputs when a Fail state gave none. */
const optional = (text: string): string | undefined => (text === '' ? undefined : text);

export class Interpreter {
  constructor(private readonly deps: InterpreterDeps) {}

  /** Runs (or resumes) an execution until it ends. */
  async run(execution: Execution): Promise<void> {
    const { quiescence, timers } = this.deps;
    if (execution.status !== 'RUNNING') return;
    quiescence.enter();
    const thread: Thread = { scope: '', last: execution.recorded('start')?.event.id ?? 0, visits: new Map() };
    const limit = execution.machine.TimeoutSeconds;
    const timeout = limit ? timers.at(execution.start.startDate + limit * 1000) : undefined;
    void timeout?.fired.then(() =>
      execution.close(thread.last, { status: 'TIMED_OUT', error: 'States.Timeout' }, 'ExecutionTimedOut', {
        executionTimedOutEventDetails: {
          error: 'States.Timeout',
          cause: `The execution timed out after ${limit} seconds.`,
        },
      }),
    );
    try {
      const output = await this.runMachine(
        execution,
        execution.machine,
        execution.inputValue,
        thread,
        execution.scope,
      );
      await execution.close(
        thread.last,
        { status: 'SUCCEEDED', output: json(output) },
        'ExecutionSucceeded',
        {
          executionSucceededEventDetails: { output: json(output), outputDetails: NOT_TRUNCATED },
        },
      );
    } catch (error) {
      if (error instanceof CancelledError) return;
      const failure = asStatesError(error);
      const details = { error: optional(failure.error), cause: optional(failure.cause) };
      await execution.close(thread.last, { status: 'FAILED', ...details }, 'ExecutionFailed', {
        executionFailedEventDetails: details,
      });
    } finally {
      timeout?.cancel();
      quiescence.leave();
    }
  }

  /** Runs a machine, a branch or an item processor from StartAt to its end; returns its output. */
  private async runMachine(
    execution: Execution,
    machine: AslMachine,
    input: unknown,
    thread: Thread,
    scope: CancelScope,
  ): Promise<unknown> {
    let name = machine.StartAt;
    let value = input;
    for (;;) {
      scope.throwIfCancelled();
      const state = machine.States[name];
      if (!state) throw new StatesError('States.Runtime', `the state ${name} does not exist`);
      const visit = (thread.visits.get(name) ?? 0) + 1;
      thread.visits.set(name, visit);
      const key = `${thread.scope}${name}#${visit}`;
      const exited = execution.recorded(`${key}>exit`);
      let step: StepResult;
      if (exited) {
        // Completed before a restart: take its output and where it went, run nothing.
        thread.last = exited.event.id;
        const details = exited.event.stateExitedEventDetails as { output: string };
        step = { output: JSON.parse(details.output) as unknown, next: exited.meta?.next ?? null };
      } else {
        step = await this.runStep(execution, name, state, value, key, thread, scope);
      }
      if (step.next === null) return step.output;
      name = step.next;
      value = step.output;
    }
  }

  /** Enters a state, runs it, applies Catch, and records its exit before the next state starts. */
  private async runStep(
    execution: Execution,
    name: string,
    state: AslState,
    input: unknown,
    key: string,
    thread: Thread,
    scope: CancelScope,
  ): Promise<StepResult> {
    const entered = execution.emit(thread, `${key}>enter`, `${state.Type}StateEntered`, {
      stateEnteredEventDetails: { name, input: json(input), inputDetails: NOT_TRUNCATED },
    });
    const enteredAt = entered.event.timestamp;
    let step: StepResult;
    try {
      step = await this.runState(execution, name, state, input, key, thread, scope, enteredAt);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      const failure = asStatesError(error);
      const catcher = findCatcher(state.Catch, failure.error);
      if (!catcher) throw failure;
      const errorOutput = { Error: failure.error, Cause: failure.cause };
      step = { output: applyResultPath(input, errorOutput, catcher.ResultPath), next: catcher.Next };
    }
    const exited = execution.emit(
      thread,
      `${key}>exit`,
      `${state.Type}StateExited`,
      { stateExitedEventDetails: { name, output: json(step.output), outputDetails: NOT_TRUNCATED } },
      { next: step.next },
    );
    // The exit, and with it everything the state did, is on disk before the next state starts.
    await exited.durable;
    return step;
  }

  private context(
    execution: Execution,
    name: string,
    enteredAt: number,
    retryCount: number,
    extra?: Record<string, unknown>,
  ): ContextObject {
    return {
      Execution: {
        Id: execution.arn,
        Input: execution.inputValue,
        Name: execution.start.name,
        RoleArn: execution.start.roleArn,
        StartTime: iso(execution.start.startDate),
        RedriveCount: 0,
      },
      State: { EnteredTime: iso(enteredAt), Name: name, RetryCount: retryCount },
      StateMachine: { Id: execution.start.stateMachineArn, Name: execution.start.stateMachineName },
      ...extra,
    };
  }

  private next(state: AslState, output: unknown): StepResult {
    return { output, next: state.End || state.Next === undefined ? null : state.Next };
  }

  private async runState(
    execution: Execution,
    name: string,
    state: AslState,
    input: unknown,
    key: string,
    thread: Thread,
    scope: CancelScope,
    enteredAt: number,
  ): Promise<StepResult> {
    const context = this.context(execution, name, enteredAt, 0);
    switch (state.Type) {
      case 'Pass': {
        let effective = applyInputPath(input, state.InputPath, context);
        if (state.Parameters !== undefined)
          effective = applyPayloadTemplate(state.Parameters, effective, context, 'Parameters');
        const result = 'Result' in state ? state.Result : effective;
        const output = applyOutputPath(
          applyResultPath(input, result, state.ResultPath),
          state.OutputPath,
          context,
        );
        return this.next(state, output);
      }
      case 'Succeed': {
        const effective = applyInputPath(input, state.InputPath, context);
        return { output: applyOutputPath(effective, state.OutputPath, context), next: null };
      }
      case 'Fail': {
        const error =
          state.Error ??
          (state.ErrorPath ? this.pathOrIntrinsic(state.ErrorPath, input, context, 'ErrorPath') : '');
        const cause =
          state.Cause ??
          (state.CausePath ? this.pathOrIntrinsic(state.CausePath, input, context, 'CausePath') : '');
        if (typeof error !== 'string' || typeof cause !== 'string') {
          throw new StatesError('States.Runtime', `the ErrorPath and CausePath of ${name} must give strings`);
        }
        throw new StatesError(error, cause);
      }
      case 'Choice': {
        const effective = applyInputPath(input, state.InputPath, context);
        const next = selectNext({ Choices: state.Choices ?? [], Default: state.Default }, effective, context);
        return { output: applyOutputPath(effective, state.OutputPath, context), next };
      }
      case 'Wait': {
        const effective = applyInputPath(input, state.InputPath, context);
        await this.waitUntil(this.waitDue(state, effective, context, enteredAt, name), scope);
        return this.next(state, applyOutputPath(effective, state.OutputPath, context));
      }
      case 'Task':
      case 'Parallel':
      case 'Map':
        return this.next(
          state,
          await this.withRetry(execution, name, state, input, key, thread, scope, enteredAt),
        );
      default:
        throw new StatesError(
          'States.Runtime',
          `the state type ${String((state as AslState).Type)} is not known`,
        );
    }
  }

  /** ErrorPath and CausePath take a path or an intrinsic function. */
  private pathOrIntrinsic(
    expression: string,
    input: unknown,
    context: ContextObject,
    field: string,
  ): unknown {
    return isIntrinsicCall(expression)
      ? evaluateIntrinsic(expression, input, context)
      : evaluatePath(expression, input, context, field);
  }

  private waitDue(
    state: AslState,
    input: unknown,
    context: ContextObject,
    enteredAt: number,
    name: string,
  ): number {
    if (state.Seconds !== undefined) return enteredAt + state.Seconds * 1000;
    if (state.SecondsPath !== undefined) {
      const seconds = evaluatePath(state.SecondsPath, input, context, 'SecondsPath');
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        throw new StatesError(
          'States.Runtime',
          `the SecondsPath of ${name} must give a non-negative integer`,
        );
      }
      return enteredAt + seconds * 1000;
    }
    const timestamp =
      state.Timestamp ??
      (state.TimestampPath ? evaluatePath(state.TimestampPath, input, context, 'TimestampPath') : '');
    const due = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
    if (Number.isNaN(due)) {
      throw new StatesError('States.Runtime', `the Timestamp of ${name} must be an ISO 8601 timestamp`);
    }
    return due;
  }

  /** Blocks until the local clock reaches `due` (or the scope is cancelled). */
  private async waitUntil(due: number, scope: CancelScope): Promise<void> {
    if (due <= this.deps.clock.now()) return;
    const timer = this.deps.timers.at(due);
    try {
      await this.deps.quiescence.blocked(scope.race(timer.fired));
    } finally {
      timer.cancel();
    }
  }

  /** Runs a Task, Parallel or Map attempt by attempt as its Retry allows; returns the state's output. */
  private async withRetry(
    execution: Execution,
    name: string,
    state: AslState,
    input: unknown,
    key: string,
    thread: Thread,
    scope: CancelScope,
    enteredAt: number,
  ): Promise<unknown> {
    const retries = (state.Retry ?? []).map(() => 0);
    let done: { result: unknown; context: ContextObject } | undefined;
    for (let attempt = 0; ; attempt++) {
      const attemptKey = `${key}/a${attempt}`;
      try {
        if (state.Type === 'Task') {
          done = await this.runTask(
            execution,
            name,
            state,
            input,
            attemptKey,
            thread,
            scope,
            enteredAt,
            attempt,
          );
          break;
        }
        const context = this.context(execution, name, enteredAt, attempt);
        if (state.Type === 'Parallel') {
          return await this.runParallel(execution, state, input, attemptKey, thread, scope, context);
        }
        return await this.runMap(execution, name, state, input, attemptKey, thread, scope, context);
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        const failure = asStatesError(error);
        const index = findRetrier(state.Retry, failure.error);
        const retrier = state.Retry?.[index];
        if (!retrier || !mayRetry(retrier, retries[index]!)) throw failure;
        const due = execution.note(
          `${attemptKey}:retry`,
          () => this.deps.clock.now() + retryDelayMs(retrier, retries[index]!),
        );
        retries[index]! += 1;
        await due.durable;
        await this.waitUntil(due.value, scope);
      }
    }
    return this.taskOutput(state, input, done);
  }

  private positiveSeconds(
    fixed: number | undefined,
    path: string | undefined,
    input: unknown,
    context: ContextObject,
    field: string,
  ): number | undefined {
    if (fixed !== undefined) return fixed;
    if (path === undefined) return undefined;
    const value = evaluatePath(path, input, context, field);
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new StatesError(
        'States.Runtime',
        `${field} must give a positive integer, got ${JSON.stringify(value)}`,
      );
    }
    return value;
  }

  private async runTask(
    execution: Execution,
    name: string,
    state: AslState,
    input: unknown,
    attemptKey: string,
    thread: Thread,
    scope: CancelScope,
    enteredAt: number,
    attempt: number,
  ): Promise<{ result: unknown; context: ContextObject }> {
    const resource = classifyResource(state.Resource ?? '') as LambdaResource;
    let token: string | undefined;
    if (resource.kind === 'invoke-token') {
      // Noted once per attempt (the same after a restart) and durable before it leaves with the
      // invocation: a token the function has stored must still lead to its task after a kill.
      const issued = execution.note(tokenNoteKey(attemptKey), newTaskToken);
      await issued.durable;
      token = issued.value;
      this.deps.taskTokens.remember(token, execution.arn, attemptKey);
    }
    const context = this.context(
      execution,
      name,
      enteredAt,
      attempt,
      token ? { Task: { Token: token } } : undefined,
    );
    const effective = applyInputPath(input, state.InputPath, context);
    const parameters =
      state.Parameters !== undefined
        ? applyPayloadTemplate(state.Parameters, effective, context, 'Parameters')
        : effective;
    const timeoutSeconds = this.positiveSeconds(
      state.TimeoutSeconds,
      state.TimeoutSecondsPath,
      effective,
      context,
      'TimeoutSecondsPath',
    );
    const heartbeatSeconds = this.positiveSeconds(
      state.HeartbeatSeconds,
      state.HeartbeatSecondsPath,
      effective,
      context,
      'HeartbeatSecondsPath',
    );
    const result = await this.runAttempt(execution, resource, parameters, attemptKey, thread, scope, {
      token,
      timeoutSeconds,
      heartbeatSeconds,
    });
    return { result, context };
  }

  /**
   * A Task's output from its task's result: ResultSelector, ResultPath, OutputPath. Applied after
   * the retry loop: the task has succeeded, so a failure here does not run it again, and it is
   * States.Runtime (which no Retry nor Catch matches), as on AWS.
   */
  private taskOutput(
    state: AslState,
    input: unknown,
    done: { result: unknown; context: ContextObject },
  ): unknown {
    try {
      const selected =
        state.ResultSelector !== undefined
          ? applyPayloadTemplate(state.ResultSelector, done.result, done.context, 'ResultSelector')
          : done.result;
      return applyOutputPath(
        applyResultPath(input, selected, state.ResultPath),
        state.OutputPath,
        done.context,
      );
    } catch (error) {
      const failure = asStatesError(error);
      throw failure.error === 'States.Runtime' ? failure : new StatesError('States.Runtime', failure.cause);
    }
  }

  /** One attempt of a Task: schedules it, waits for its outcome, records the outcome. */
  private async runAttempt(
    execution: Execution,
    resource: LambdaResource,
    parameters: unknown,
    attemptKey: string,
    thread: Thread,
    scope: CancelScope,
    limits: { token?: string; timeoutSeconds?: number; heartbeatSeconds?: number },
  ): Promise<unknown> {
    const recorded = execution.recorded(`${attemptKey}>result`);
    if (recorded) {
      thread.last = recorded.event.id;
      return outcomeOf(recorded.event);
    }
    const { clock, timers, quiescence, invoker, pendingTasks } = this.deps;
    const plain = resource.kind === 'function-arn';
    const resourceName = plain ? resource.functionArn : resource.resource;
    const taskFields = { resourceType: 'lambda', resource: resourceName };
    const scheduled = plain
      ? execution.emit(thread, `${attemptKey}>scheduled`, 'LambdaFunctionScheduled', {
          lambdaFunctionScheduledEventDetails: {
            resource: resource.functionArn,
            input: json(parameters),
            inputDetails: NOT_TRUNCATED,
            ...(limits.timeoutSeconds ? { timeoutInSeconds: limits.timeoutSeconds } : {}),
          },
        })
      : execution.emit(thread, `${attemptKey}>scheduled`, 'TaskScheduled', {
          taskScheduledEventDetails: {
            ...taskFields,
            region: this.deps.region,
            parameters: json(parameters),
            ...(limits.timeoutSeconds ? { timeoutInSeconds: limits.timeoutSeconds } : {}),
            ...(limits.heartbeatSeconds ? { heartbeatInSeconds: limits.heartbeatSeconds } : {}),
          },
        });
    execution.emit(
      thread,
      `${attemptKey}>started`,
      plain ? 'LambdaFunctionStarted' : 'TaskStarted',
      plain ? {} : { taskStartedEventDetails: taskFields },
    );
    const startedAt = scheduled.event.timestamp;

    // The first of: the function's answer, the token's, a timeout, ends the attempt.
    let settle!: (outcome: TaskOutcome) => void;
    const outcome = new Promise<TaskOutcome>((resolve) => {
      settle = resolve;
    });
    let ended = false;
    let markRecorded!: () => void;
    const recordedOnDisk = new Promise<void>((resolve) => {
      markRecorded = resolve;
    });
    const finish = (result: TaskOutcome): boolean => {
      if (ended) return false;
      ended = true;
      settle(result);
      return true;
    };
    const cleanups: Array<() => void> = [];
    if (limits.timeoutSeconds) {
      const timer = timers.at(startedAt + limits.timeoutSeconds * 1000);
      cleanups.push(() => timer.cancel());
      void timer.fired.then(() =>
        finish({ ok: false, error: 'States.Timeout', cause: 'The task timed out.', timedOut: true }),
      );
    }
    const heartbeatSeconds = limits.heartbeatSeconds;
    let heartbeatTimer: { cancel(): void } | undefined;
    const armHeartbeat = (): void => {
      if (!heartbeatSeconds) return;
      heartbeatTimer?.cancel();
      const last = Math.max(startedAt, Number(execution.getNote(`${attemptKey}:heartbeat`) ?? 0));
      const timer = timers.at(last + heartbeatSeconds * 1000);
      heartbeatTimer = timer;
      void timer.fired.then(() =>
        finish({
          ok: false,
          error: 'States.HeartbeatTimeout',
          cause: 'The task heartbeat timed out.',
          timedOut: true,
        }),
      );
    };
    armHeartbeat();
    cleanups.push(() => heartbeatTimer?.cancel());
    const failed = (error: unknown): void => {
      const failure = asStatesError(error);
      finish({ ok: false, error: failure.error, cause: failure.cause });
    };
    if (limits.token) {
      const token = limits.token;
      pendingTasks.set(token, {
        complete: async (result) => {
          if (!finish(result)) return false;
          await recordedOnDisk;
          return true;
        },
        heartbeat: async () => {
          await execution.setNote(`${attemptKey}:heartbeat`, clock.now()).durable;
          armHeartbeat();
        },
      });
      cleanups.push(() => pendingTasks.delete(token));
      if (!execution.recorded(`${attemptKey}>submitted`)) {
        void quiescence.track(invokeIntegration(invoker, parameters)).then((response) => {
          if (ended || execution.status !== 'RUNNING') return;
          execution.emit(thread, `${attemptKey}>submitted`, 'TaskSubmitted', {
            taskSubmittedEventDetails: {
              ...taskFields,
              output: json(response),
              outputDetails: NOT_TRUNCATED,
            },
          });
        }, failed);
      }
    } else if (plain) {
      void quiescence
        .track(invokeFunctionArn(invoker, resource.functionArn, parameters))
        .then((output) => finish({ ok: true, output }), failed);
    } else {
      void quiescence
        .track(invokeIntegration(invoker, parameters))
        .then((output) => finish({ ok: true, output }), failed);
    }

    try {
      const result = await quiescence.blocked(scope.race(outcome));
      const meta = { ok: result.ok };
      const resultKey = `${attemptKey}>result`;
      let written: Promise<void>;
      if (result.ok) {
        written = plain
          ? execution.emit(
              thread,
              resultKey,
              'LambdaFunctionSucceeded',
              {
                lambdaFunctionSucceededEventDetails: {
                  output: json(result.output),
                  outputDetails: NOT_TRUNCATED,
                },
              },
              meta,
            ).durable
          : execution.emit(
              thread,
              resultKey,
              'TaskSucceeded',
              {
                taskSucceededEventDetails: {
                  ...taskFields,
                  output: json(result.output),
                  outputDetails: NOT_TRUNCATED,
                },
              },
              meta,
            ).durable;
      } else {
        const failure = { error: result.error, cause: result.cause };
        const type = plain
          ? result.timedOut
            ? 'LambdaFunctionTimedOut'
            : 'LambdaFunctionFailed'
          : result.timedOut
            ? 'TaskTimedOut'
            : 'TaskFailed';
        const detailsField = `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
        written = execution.emit(
          thread,
          resultKey,
          type,
          {
            [detailsField]: plain ? failure : { ...taskFields, ...failure },
          },
          meta,
        ).durable;
      }
      await written;
      markRecorded();
      if (result.ok) return result.output;
      throw new StatesError(result.error, result.cause);
    } finally {
      markRecorded();
      for (const cleanup of cleanups) cleanup();
    }
  }

  private async runParallel(
    execution: Execution,
    state: AslState,
    input: unknown,
    attemptKey: string,
    thread: Thread,
    scope: CancelScope,
    context: ContextObject,
  ): Promise<unknown> {
    let effective = applyInputPath(input, state.InputPath, context);
    if (state.Parameters !== undefined)
      effective = applyPayloadTemplate(state.Parameters, effective, context, 'Parameters');
    const started = execution.emit(thread, `${attemptKey}>started`, 'ParallelStateStarted', {}).event.id;
    const branches = state.Branches ?? [];
    const threads = branches.map(
      (_, index): Thread => ({
        scope: `${attemptKey}/b${index}/`,
        last: started,
        visits: new Map(),
      }),
    );
    const outputs = await this.runAll(
      branches.length,
      branches.length,
      scope,
      (index, childScope) =>
        this.runMachine(execution, branches[index]!, effective, threads[index]!, childScope),
      () => false,
    );
    thread.last = Math.max(started, ...threads.map((child) => child.last));
    if (outputs.failure) {
      execution.emit(thread, `${attemptKey}>failed`, 'ParallelStateFailed', {});
      throw asStatesError(outputs.failure);
    }
    execution.emit(thread, `${attemptKey}>succeeded`, 'ParallelStateSucceeded', {});
    return this.finishResult(state, input, outputs.values, context);
  }

  private async runMap(
    execution: Execution,
    name: string,
    state: AslState,
    input: unknown,
    attemptKey: string,
    thread: Thread,
    scope: CancelScope,
    context: ContextObject,
  ): Promise<unknown> {
    const effective = applyInputPath(input, state.InputPath, context);
    const items =
      state.ItemsPath !== undefined
        ? evaluatePath(state.ItemsPath, effective, context, 'ItemsPath')
        : effective;
    if (!Array.isArray(items)) {
      throw new StatesError('States.Runtime', `the ItemsPath of ${name} must select a JSON array`);
    }
    const processor = (state.ItemProcessor ?? state.Iterator)!;
    const selector = state.ItemSelector ?? state.Parameters;
    const maxConcurrency =
      state.MaxConcurrency ??
      (state.MaxConcurrencyPath
        ? Number(evaluatePath(state.MaxConcurrencyPath, effective, context, 'MaxConcurrencyPath'))
        : 0);
    const toleratedCount =
      state.ToleratedFailureCount ??
      (state.ToleratedFailureCountPath
        ? Number(
            evaluatePath(state.ToleratedFailureCountPath, effective, context, 'ToleratedFailureCountPath'),
          )
        : undefined);
    const toleratedPercentage =
      state.ToleratedFailurePercentage ??
      (state.ToleratedFailurePercentagePath
        ? Number(
            evaluatePath(
              state.ToleratedFailurePercentagePath,
              effective,
              context,
              'ToleratedFailurePercentagePath',
            ),
          )
        : undefined);
    const tolerant = toleratedCount !== undefined || toleratedPercentage !== undefined;
    const withinTolerance = (failures: number): boolean =>
      tolerant &&
      (toleratedCount === undefined || failures <= toleratedCount) &&
      (toleratedPercentage === undefined || (failures / items.length) * 100 <= toleratedPercentage);

    const started = execution.emit(thread, `${attemptKey}>started`, 'MapStateStarted', {
      mapStateStartedEventDetails: { length: items.length },
    }).event.id;
    const threads = items.map(
      (_, index): Thread => ({ scope: `${attemptKey}/i${index}/`, last: started, visits: new Map() }),
    );
    const outputs = await this.runAll(
      items.length,
      maxConcurrency > 0 ? maxConcurrency : items.length,
      scope,
      async (index, childScope) => {
        const item = items[index];
        const iteration = threads[index]!;
        const itemInput =
          selector !== undefined
            ? applyPayloadTemplate(
                selector,
                effective,
                { ...context, Map: { Item: { Index: index, Value: item } } },
                'ItemSelector',
              )
            : item;
        const details = { name, index };
        execution.emit(iteration, `${attemptKey}/i${index}>started`, 'MapIterationStarted', {
          mapIterationStartedEventDetails: details,
        });
        try {
          const output = await this.runMachine(execution, processor, itemInput, iteration, childScope);
          execution.emit(iteration, `${attemptKey}/i${index}>ended`, 'MapIterationSucceeded', {
            mapIterationSucceededEventDetails: details,
          });
          return output;
        } catch (error) {
          if (!(error instanceof CancelledError)) {
            execution.emit(iteration, `${attemptKey}/i${index}>ended`, 'MapIterationFailed', {
              mapIterationFailedEventDetails: details,
            });
          }
          throw error;
        }
      },
      withinTolerance,
    );
    thread.last = Math.max(started, ...threads.map((child) => child.last));
    if (outputs.failure) {
      execution.emit(thread, `${attemptKey}>failed`, 'MapStateFailed', {});
      if (tolerant) {
        throw new StatesError(
          'States.ExceedToleratedFailureThreshold',
          `The number of failed items (${outputs.failures}) exceeded the tolerated failure threshold.`,
        );
      }
      throw asStatesError(outputs.failure);
    }
    execution.emit(thread, `${attemptKey}>succeeded`, 'MapStateSucceeded', {});
    return this.finishResult(state, input, outputs.values, context);
  }

  /**
   * Runs `count` children at most `concurrency` at a time. A child's failure cancels the rest,
   * unless `tolerated(failuresSoFar)` says it may be borne: its output is then its error.
   */
  private async runAll(
    count: number,
    concurrency: number,
    scope: CancelScope,
    child: (index: number, childScope: CancelScope) => Promise<unknown>,
    tolerated: (failures: number) => boolean,
  ): Promise<{ values: unknown[]; failure?: unknown; failures: number }> {
    const { quiescence } = this.deps;
    const childScope = new CancelScope(scope);
    const values: unknown[] = new Array(count).fill(null);
    let failure: unknown;
    let failures = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      quiescence.enter();
      try {
        while (next < count && !childScope.cancelled) {
          const index = next++;
          try {
            values[index] = await child(index, childScope);
          } catch (error) {
            if (error instanceof CancelledError) return;
            failures += 1;
            if (tolerated(failures)) {
              const bad = asStatesError(error);
              values[index] = { Error: bad.error, Cause: bad.cause };
            } else if (failure === undefined) {
              failure = error;
              childScope.cancel('a branch or iteration failed');
            }
          }
        }
      } finally {
        quiescence.leave();
      }
    };
    try {
      await quiescence.blocked(Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker)));
    } finally {
      childScope.dispose();
    }
    scope.throwIfCancelled();
    return { values, failure, failures };
  }

  private finishResult(state: AslState, input: unknown, result: unknown, context: ContextObject): unknown {
    const selected =
      state.ResultSelector !== undefined
        ? applyPayloadTemplate(state.ResultSelector, result, context, 'ResultSelector')
        : result;
    return applyOutputPath(applyResultPath(input, selected, state.ResultPath), state.OutputPath, context);
  }
}

/** The result of a task attempt recorded before a restart. */
function outcomeOf(event: { type: string; [field: string]: unknown }): unknown {
  const detailsField = `${event.type[0]!.toLowerCase()}${event.type.slice(1)}EventDetails`;
  const details = (event[detailsField] ?? {}) as { output?: string; error?: string; cause?: string };
  if (event.type === 'TaskSucceeded' || event.type === 'LambdaFunctionSucceeded') {
    return JSON.parse(details.output ?? 'null') as unknown;
  }
  throw new StatesError(details.error ?? '', details.cause ?? '');
}
