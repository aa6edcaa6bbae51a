/**
 * What every state handler is given: the visit of one state (its definition, its input, the key
 * its events are recorded under, when it was entered) on one strand of an execution (the
 * execution itself, a Parallel branch or a Map iteration), with the runtime it runs on.
 */
import type { LocalClock } from '../../clock';
import type { LambdaInvoker } from '../../lambda/invoker';
import type { ContextObject } from '../asl/paths';
import type { AslMachine, AslState } from '../asl-types';
import type { CancelScope } from '../cancel-scope';
import type { Execution, Thread } from '../execution';
import type { Quiescence } from '../quiescence';
import type { TaskTokenIndex } from '../task-tokens';
import type { TimerService } from '../timers';

/** How a task attempt ended. */
export type TaskOutcome =
  | { readonly ok: true; readonly output: unknown }
  | { readonly ok: false; readonly error: string; readonly cause: string; readonly timedOut?: boolean };

/** A `.waitForTaskToken` task waiting for SendTask*. */
export interface PendingTask {
  /** Ends the task; resolves once recorded, with false when it had already ended. */
  complete(outcome: TaskOutcome): Promise<boolean>;
  /** Restarts the heartbeat countdown; resolves once recorded. */
  heartbeat(): Promise<void>;
}

/** What the interpreter runs on, given by the service. */
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

/** The runtime as handlers see it: its parts, and how to run a branch or an iteration. */
export interface Runtime extends InterpreterDeps {
  /** Runs a machine (a branch, an item processor) on `strand` from StartAt to its end; its output. */
  runMachine(strand: Strand, machine: AslMachine, input: unknown): Promise<unknown>;
}

/** A sequential line of work as it runs: the execution itself, a Parallel branch or a Map iteration. */
export interface Strand {
  readonly execution: Execution;
  readonly thread: Thread;
  /** Cancelled when what this strand belongs to ends: its waits stop, it records nothing more. */
  readonly scope: CancelScope;
  readonly runtime: Runtime;
}

/** One visit of a state. */
export interface Visit extends Strand {
  readonly name: string;
  readonly state: AslState;
  /** The state's raw input. */
  readonly input: unknown;
  /** `<thread scope><State>#<visit>`: what the keys of this visit's events start with. */
  readonly key: string;
  /** When the state was entered (epoch ms of the local clock). */
  readonly enteredAt: number;
}

/** What a state did: its output, and the state to go to (null: its machine ends). */
export interface StepResult {
  readonly output: unknown;
  readonly next: string | null;
}

/** A state handler: runs one visit of a state of its type. */
export type StateHandler = (visit: Visit) => StepResult | Promise<StepResult>;

/** The step of a state that ends with `Next` or `End`. */
export function next(state: AslState, output: unknown): StepResult {
  return { output, next: state.End || state.Next === undefined ? null : state.Next };
}

/**
 * The context object (`$$`) as the visit sees it on retry `retryCount`, with the fields only some
 * states have (`Task.Token`, `Map.Item`).
 */
export function contextOf(visit: Visit, retryCount = 0, extra?: Record<string, unknown>): ContextObject {
  const { Execution, StateMachine } = visit.execution.context;
  const State = {
    EnteredTime: isoTime(visit.enteredAt),
    Name: visit.name,
    RetryCount: retryCount,
  };
  return extra ? { Execution, State, StateMachine, ...extra } : { Execution, State, StateMachine };
}

/** The last time written, kept: states entered in the same millisecond are many. */
let lastIso = { ms: Number.NaN, text: '' };

/** An epoch-ms time as ISO 8601 text. */
function isoTime(ms: number): string {
  if (lastIso.ms !== ms) lastIso = { ms, text: new Date(ms).toISOString() };
  return lastIso.text;
}

/** Blocks until the local clock reaches `due`, or the strand is cancelled. */
export async function waitUntil(strand: Strand, due: number): Promise<void> {
  const { clock, timers, quiescence } = strand.runtime;
  if (due <= clock.now()) return;
  const timer = timers.at(due);
  try {
    await quiescence.blocked(strand.scope.race(timer.fired));
  } finally {
    timer.cancel();
  }
}
