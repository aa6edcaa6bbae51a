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
import { eventValue, json, NOT_TRUNCATED } from '../history';
import { classifyResource, invokeFunctionArn, invokeIntegration, type LambdaResource } from '../lambda-task';
import { type Attempt, outputAfterRetry, withRetry } from '../retry-catch';
import { newTaskToken, tokenNoteKey } from '../task-tokens';
import type { Timer } from '../timers';
import { contextOf, next, type StepResult, type TaskOutcome, type Visit } from './visit';

export async function task(visit: Visit): Promise<StepResult> {
  // Validated at create time: only the Lambda resources reach here.
  const resource = classifyResource(visit.state.Resource ?? '') as LambdaResource;
  const done = await withRetry(visit, (attempt) => new TaskAttempt(visit, resource, attempt).run());
  return next(visit.state, outputAfterRetry(visit, done.result, done.context));
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

/** One attempt of a Task: schedules it, waits for its outcome, records the outcome. */
class TaskAttempt {
  private readonly plain: boolean;
  private readonly taskFields: { resourceType: string; resource: string };

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
    const startedAt = this.schedule(parameters, limits);
    const race = new FirstOutcome();
    const { quiescence } = visit.runtime;
    try {
      race.onEnd(visit.scope.onCancel((reason) => race.cancel(reason)));
      this.start(race, parameters, token, limits, startedAt);
      // Waiting on something outside the runtime: not busy (the clock may fire timers).
      quiescence.leave();
      let outcome: TaskOutcome;
      try {
        outcome = await race.outcome;
      } finally {
        quiescence.enter();
      }
      await this.record(outcome);
      race.recorded();
      if (outcome.ok) return { result: outcome.output, context };
      throw new StatesError(outcome.error, outcome.cause);
    } finally {
      race.end();
    }
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
  private start(
    race: FirstOutcome,
    parameters: unknown,
    token: string | undefined,
    limits: Limits,
    startedAt: number,
  ): void {
    const { execution, thread, runtime } = this.visit;
    const { timers, quiescence, invoker, pendingTasks, clock } = runtime;
    const key = this.attempt.key;
    if (limits.timeoutSeconds) race.endsAt(timers.at(startedAt + limits.timeoutSeconds * 1000), TIMED_OUT);
    const heartbeatSeconds = limits.heartbeatSeconds;
    let heartbeat: Timer | undefined;
    const armHeartbeat = (): void => {
      if (!heartbeatSeconds) return;
      heartbeat?.cancel();
      const last = Math.max(startedAt, Number(execution.getNote(`${key}:heartbeat`) ?? 0));
      heartbeat = race.endsAt(timers.at(last + heartbeatSeconds * 1000), HEARTBEAT_TIMED_OUT);
    };
    armHeartbeat();
    const failed = (error: unknown): void => {
      const failure = asStatesError(error);
      race.finish({ ok: false, error: failure.error, cause: failure.cause });
    };
    if (token === undefined) {
      const invocation =
        this.resource.kind === 'function-arn'
          ? invokeFunctionArn(invoker, this.resource.functionArn, parameters)
          : invokeIntegration(invoker, parameters);
      quiescence.enter();
      invocation.then(
        (output) => {
          quiescence.leave();
          race.finish({ ok: true, output });
        },
        (error: unknown) => {
          quiescence.leave();
          failed(error);
        },
      );
      return;
    }
    pendingTasks.set(token, {
      complete: async (outcome) => {
        if (!race.finish(outcome)) return false;
        await race.onDisk();
        return true;
      },
      heartbeat: async () => {
        await execution.setNote(`${key}:heartbeat`, clock.now()).durable;
        armHeartbeat();
      },
    });
    race.onEnd(() => pendingTasks.delete(token));
    if (execution.recorded(`${key}>submitted`)) return;
    void quiescence.track(invokeIntegration(invoker, parameters)).then((response) => {
      if (race.ended || execution.status !== 'RUNNING') return;
      execution.emit(thread, `${key}>submitted`, 'TaskSubmitted', {
        taskSubmittedEventDetails: {
          ...this.taskFields,
          output: json(response),
          outputDetails: NOT_TRUNCATED,
        },
      });
    }, failed);
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

/**
 * The first of the ways an attempt can end wins; the others are then ignored. What was set up to
 * end it (timers, a pending token) is undone by `end`.
 */
class FirstOutcome {
  readonly outcome: Promise<TaskOutcome>;
  ended = false;
  private settle!: (outcome: TaskOutcome) => void;
  private fail!: (reason: unknown) => void;
  private readonly cleanups: Array<() => unknown> = [];
  private markRecorded: (() => void) | undefined;
  private recordedOnDisk: Promise<void> | undefined;

  constructor() {
    this.outcome = new Promise<TaskOutcome>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
  }

  /** Ends the attempt without an outcome: what it belongs to was cancelled (`reason` is thrown). */
  cancel(reason: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.fail(reason);
  }

  /** Ends the attempt with `outcome`, unless it has ended; whether it did. */
  finish(outcome: TaskOutcome): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.settle(outcome);
    return true;
  }

  /** Ends the attempt with `outcome` when `timer` fires; returns the timer. */
  endsAt(timer: Timer, outcome: TaskOutcome): Timer {
    this.cleanups.push(() => timer.cancel());
    void timer.fired.then(() => this.finish(outcome));
    return timer;
  }

  onEnd(cleanup: () => unknown): void {
    this.cleanups.push(cleanup);
  }

  /** Resolves once the outcome is recorded on disk (for SendTask*, which answers after that). */
  onDisk(): Promise<void> {
    this.recordedOnDisk ??= new Promise<void>((resolve) => {
      this.markRecorded = resolve;
    });
    return this.recordedOnDisk;
  }

  recorded(): void {
    this.markRecorded?.();
  }

  end(): void {
    this.recorded();
    for (const cleanup of this.cleanups) cleanup();
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
