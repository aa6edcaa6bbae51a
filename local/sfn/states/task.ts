/**
 * Task states. Each attempt runs its Lambda resource (lambda-task.ts) and ends with the first of:
 * the function's answer, the answer sent with its task token, its TimeoutSeconds, its
 * HeartbeatSeconds. The outcome is recorded before the state goes on, so that a restart never
 * runs again a task whose result is recorded. ResultSelector, ResultPath and OutputPath come
 * after the retry loop (retry-catch.ts, outputAfterRetry).
 */
import { asStatesError, StatesError } from '../asl/errors';
import { parametersOf } from '../asl/io';
import { applyInputPath, type ContextObject, evaluatePath } from '../asl/paths';
import type { HistoryEvent } from '../history';
import { eventValue, json, jsonText, NOT_TRUNCATED } from '../history';
import { classifyResource, invokeFunctionArn, invokeIntegration, type LambdaResource } from '../lambda-task';
import { type Attempt, outputAfterRetry, withRetry } from '../retry-catch';
import { newTaskToken, tokenNoteKey } from '../task-tokens';
import type { Timer } from '../timers';
import { contextOf, next, type PendingTask, type StepResult, type TaskOutcome, type Visit } from './visit';

export function task(visit: Visit): Promise<StepResult> {
  // Validated at create time: only the Lambda resources reach here.
  const resource = classifyResource(visit.state.Resource ?? '') as LambdaResource;
  return withRetry(visit, (attempt) => new TaskAttempt(visit, resource, attempt).run()).then((done) =>
    next(visit.state, outputAfterRetry(visit, done.result, done.context)),
  );
}

/** What bounds an attempt, in seconds. */
interface Limits {
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
}

/** AWS records a task's timeouts without a cause. */
const TIMED_OUT: TaskOutcome = { ok: false, error: 'States.Timeout', cause: '', timedOut: true };
const HEARTBEAT_TIMED_OUT: TaskOutcome = {
  ok: false,
  error: 'States.HeartbeatTimeout',
  cause: '',
  timedOut: true,
};

/**
 * One attempt of a Task: schedules it, waits for its outcome, records the outcome. The first of
 * the ways it can end wins (the function's answer, the token's, a timer) and the others are then
 * ignored. While it waits for a token it is itself the pending task, so that ten thousand waiting
 * executions hold one object each here, not a handful of closures.
 */
class TaskAttempt implements PendingTask {
  private readonly plain: boolean;
  private readonly taskFields: { resourceType: string; resource: string };
  private ended = false;
  private settle!: (outcome: TaskOutcome) => void;
  private fail!: (reason: unknown) => void;
  /** What undoes the ways the attempt could end (timers, the pending token, the scope's listener). */
  private readonly cleanups: Array<() => unknown> = [];
  private startedAt = 0;
  private heartbeatSeconds: number | undefined;
  private heartbeatTimer: Timer | undefined;
  private markRecorded: (() => void) | undefined;
  private recordedOnDisk: Promise<void> | undefined;

  constructor(
    private readonly visit: Visit,
    private readonly resource: LambdaResource,
    private readonly attempt: Attempt,
  ) {
    this.plain = resource.kind === 'function-arn';
    this.taskFields = {
      resourceType: 'lambda',
      resource: resource.kind === 'function-arn' ? resource.functionArn : resource.resource,
    };
  }

  /** The task's result (its context too, for the output that follows); throws its failure. */
  async run(): Promise<{ result: unknown; context: ContextObject }> {
    const { visit, attempt } = this;
    const token = this.resource.kind === 'invoke-token' ? await this.issueToken() : undefined;
    const context = contextOf(visit, attempt.number, token ? { Task: { Token: token } } : undefined);
    const selected = applyInputPath(visit.input, visit.state.InputPath, context);
    const parameters = parametersOf(visit.state, selected, context);
    const limits: Limits = {
      timeoutSeconds: positiveSeconds(visit, 'TimeoutSeconds', selected, context),
      heartbeatSeconds: positiveSeconds(visit, 'HeartbeatSeconds', selected, context),
    };
    const recorded = visit.execution.recorded(`${attempt.key}>result`);
    if (recorded) {
      // Ended before a restart: its recorded result, and nothing run again.
      visit.thread.last = recorded.event.id;
      return { result: outcomeOf(recorded.event), context };
    }
    this.startedAt = this.schedule(parameters, limits);
    const outcomePromise = new Promise<TaskOutcome>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    const { quiescence } = visit.runtime;
    try {
      this.cleanups.push(visit.scope.onCancel((reason) => this.cancel(reason)));
      this.start(parameters, token, limits);
      // Waiting on something outside the runtime: not busy (the clock may fire timers).
      quiescence.leave();
      let outcome: TaskOutcome;
      try {
        outcome = await outcomePromise;
      } finally {
        quiescence.enter();
      }
      await this.record(outcome);
      this.markRecorded?.();
      if (outcome.ok) return { result: outcome.output, context };
      throw new StatesError(outcome.error, outcome.cause);
    } finally {
      this.markRecorded?.();
      for (const cleanup of this.cleanups) cleanup();
    }
  }

  /** SendTaskSuccess/Failure: ends the attempt; false when it had already ended. */
  async complete(outcome: TaskOutcome): Promise<boolean> {
    if (!this.finish(outcome)) return false;
    // SendTask* answers once the outcome is on disk.
    this.recordedOnDisk ??= new Promise<void>((resolve) => {
      this.markRecorded = resolve;
    });
    await this.recordedOnDisk;
    return true;
  }

  /** SendTaskHeartbeat: noted (the same after a restart), and the countdown starts again. */
  async heartbeat(): Promise<void> {
    const { execution, runtime } = this.visit;
    await execution.setNote(`${this.attempt.key}:heartbeat`, runtime.clock.now()).durable;
    this.armHeartbeat();
  }

  /** Ends the attempt with `outcome`, unless it has ended; whether it did. */
  private finish(outcome: TaskOutcome): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.settle(outcome);
    return true;
  }

  /** Ends the attempt without an outcome: what it belongs to was cancelled (`reason` is thrown). */
  private cancel(reason: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.fail(reason);
  }

  /** Ends the attempt with `outcome` when `timer` fires; returns the timer. */
  private endsAt(timer: Timer, outcome: TaskOutcome): Timer {
    this.cleanups.push(() => timer.cancel());
    void timer.fired.then(() => this.finish(outcome));
    return timer;
  }

  /** (Re)starts the heartbeat countdown from the latest heartbeat, or from the start. */
  private armHeartbeat(): void {
    if (!this.heartbeatSeconds) return;
    this.heartbeatTimer?.cancel();
    const { execution, runtime } = this.visit;
    const last = Math.max(this.startedAt, Number(execution.getNote(`${this.attempt.key}:heartbeat`) ?? 0));
    this.heartbeatTimer = this.endsAt(
      runtime.timers.at(last + this.heartbeatSeconds * 1000),
      HEARTBEAT_TIMED_OUT,
    );
  }

  /** The outcome of a failed invocation. */
  private failed(error: unknown): void {
    const failure = asStatesError(error);
    this.finish({ ok: false, error: failure.error, cause: failure.cause });
  }

  /**
   * The attempt's task token: noted once (the same after a restart) and durable before it
   * leaves with the invocation, so a token the function has stored still leads here after a kill.
   */
  private async issueToken(): Promise<string> {
    const { execution, runtime } = this.visit;
    const issued = execution.note(tokenNoteKey(this.attempt.key), newTaskToken);
    await issued.durable;
    runtime.taskTokens.remember(issued.value, execution.arn, this.attempt.key);
    return issued.value;
  }

  /** Records TaskScheduled and TaskStarted (LambdaFunction* for a plain ARN); when it started. */
  private schedule(parameters: unknown, limits: Limits): number {
    const { execution, thread, runtime } = this.visit;
    const key = this.attempt.key;
    let details: Record<string, unknown>;
    if (this.resource.kind === 'function-arn') {
      details = { resource: this.resource.functionArn, input: json(parameters), inputDetails: NOT_TRUNCATED };
    } else {
      const { resourceType, resource } = this.taskFields;
      details = { resourceType, resource, region: runtime.region, parameters: json(parameters) };
      if (limits.heartbeatSeconds) details.heartbeatInSeconds = limits.heartbeatSeconds;
    }
    if (limits.timeoutSeconds) details.timeoutInSeconds = limits.timeoutSeconds;
    const scheduled = this.plain
      ? execution.emit(thread, `${key}>scheduled`, 'LambdaFunctionScheduled', {
          lambdaFunctionScheduledEventDetails: details,
        })
      : execution.emit(thread, `${key}>scheduled`, 'TaskScheduled', { taskScheduledEventDetails: details });
    execution.emit(
      thread,
      `${key}>started`,
      this.plain ? 'LambdaFunctionStarted' : 'TaskStarted',
      this.plain ? {} : { taskStartedEventDetails: this.taskFields },
    );
    return scheduled.event.timestamp;
  }

  /** Sets going everything that may end the attempt: the invocation (or token wait) and its timers. */
  private start(parameters: unknown, token: string | undefined, limits: Limits): void {
    const { execution, thread, runtime } = this.visit;
    const { timers, quiescence, invoker, pendingTasks } = runtime;
    const key = this.attempt.key;
    if (limits.timeoutSeconds) {
      this.endsAt(timers.at(this.startedAt + limits.timeoutSeconds * 1000), TIMED_OUT);
    }
    this.heartbeatSeconds = limits.heartbeatSeconds;
    this.armHeartbeat();
    quiescence.enter();
    if (token === undefined) {
      const invocation =
        this.resource.kind === 'function-arn'
          ? invokeFunctionArn(invoker, this.resource.functionArn, parameters)
          : invokeIntegration(invoker, parameters);
      invocation.then(
        (output) => {
          quiescence.leave();
          this.finish({ ok: true, output });
        },
        (error: unknown) => {
          quiescence.leave();
          this.failed(error);
        },
      );
      return;
    }
    pendingTasks.set(token, this);
    this.cleanups.push(() => pendingTasks.delete(token));
    if (execution.recorded(`${key}>submitted`)) {
      quiescence.leave();
      return;
    }
    invokeIntegration(invoker, parameters).then(
      (response) => {
        quiescence.leave();
        if (this.ended || execution.status !== 'RUNNING') return;
        const { resourceType, resource } = this.taskFields;
        execution.emit(thread, `${key}>submitted`, 'TaskSubmitted', {
          // As text: a waiting task keeps this event as long as it waits, and the response's
          // text is a fraction of its objects (its headers, twice).
          taskSubmittedEventDetails: {
            resourceType,
            resource,
            output: jsonText(response),
            outputDetails: NOT_TRUNCATED,
          },
        });
      },
      (error: unknown) => {
        quiescence.leave();
        this.failed(error);
      },
    );
  }

  /** Records how the attempt ended; resolves once that is on disk. */
  private record(outcome: TaskOutcome): Promise<void> {
    const { execution, thread } = this.visit;
    const key = `${this.attempt.key}>result`;
    const meta = { ok: outcome.ok };
    if (outcome.ok) {
      const output = { output: json(outcome.output), outputDetails: NOT_TRUNCATED };
      return this.plain
        ? execution.emit(
            thread,
            key,
            'LambdaFunctionSucceeded',
            { lambdaFunctionSucceededEventDetails: output },
            meta,
          ).durable
        : execution.emit(
            thread,
            key,
            'TaskSucceeded',
            {
              taskSucceededEventDetails: {
                resourceType: this.taskFields.resourceType,
                resource: this.taskFields.resource,
                output: output.output,
                outputDetails: NOT_TRUNCATED,
              },
            },
            meta,
          ).durable;
    }
    const failure =
      outcome.cause === '' ? { error: outcome.error } : { error: outcome.error, cause: outcome.cause };
    const type = this.plain
      ? outcome.timedOut
        ? 'LambdaFunctionTimedOut'
        : 'LambdaFunctionFailed'
      : outcome.timedOut
        ? 'TaskTimedOut'
        : 'TaskFailed';
    return execution.emit(
      thread,
      key,
      type,
      { [detailsField(type)]: this.plain ? failure : { ...this.taskFields, ...failure } },
      meta,
    ).durable;
  }
}

/** TimeoutSeconds(Path) or HeartbeatSeconds(Path): a positive integer, or undefined when absent. */
function positiveSeconds(
  { state }: Visit,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
  input: unknown,
  context: ContextObject,
): number | undefined {
  const fixed = state[field];
  if (fixed !== undefined) return fixed;
  const path = state[`${field}Path`];
  if (path === undefined) return undefined;
  const value = evaluatePath(path, input, context, `${field}Path`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new StatesError(
      'States.Runtime',
      `${field}Path must give a positive integer, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** `TaskFailed` → `taskFailedEventDetails`. */
function detailsField(type: string): string {
  return `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
}

/** The result of a task attempt recorded before a restart. */
function outcomeOf(event: HistoryEvent): unknown {
  const details = (event[detailsField(event.type)] ?? {}) as {
    output?: unknown;
    error?: string;
    cause?: string;
  };
  if (event.type === 'TaskSucceeded' || event.type === 'LambdaFunctionSucceeded')
    return eventValue(details.output);
  throw new StatesError(details.error ?? '', details.cause ?? '');
}
