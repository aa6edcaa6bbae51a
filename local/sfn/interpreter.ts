/**
 * Runs an execution's definition state by state, as Step Functions does. This file is the loop:
 * a machine's states one after another on a strand, each state entered, run by the handler of its
 * type, caught (Catch) and exited. The handlers are in states/ (flow.ts: Pass, Succeed, Fail,
 * Choice, Wait; task.ts; fan-out.ts: Parallel and Map), over one input/output pipeline
 * (asl/io.ts), with Retry and Catch in retry-catch.ts.
 *
 * The same code resumes an execution after a restart: each state's exit is recorded (with where
 * it went) before the next state starts, so replaying the definition skips every completed
 * state, and a Task whose result is recorded is not run again.
 */
import { asStatesError, StatesError } from './asl/errors';
import type { AslMachine, AslState } from './asl-types';
import { CancelledError } from './cancel-scope';
import type { Execution, Thread } from './execution';
import { eventValue, json, jsonText, NOT_TRUNCATED } from './history';
import { caught } from './retry-catch';
import { map, parallel } from './states/fan-out';
import { choice, fail, pass, succeed, unknownType, wait } from './states/flow';
import { task } from './states/task';
import type { InterpreterDeps, Runtime, StateHandler, StepResult, Strand, Visit } from './states/visit';

export type { InterpreterDeps, PendingTask, TaskOutcome } from './states/visit';

/** The handler of each state type. */
const HANDLERS: Readonly<Record<AslState['Type'], StateHandler>> = {
  Pass: pass,
  Succeed: succeed,
  Fail: fail,
  Choice: choice,
  Wait: wait,
  Task: task,
  Parallel: parallel,
  Map: map,
};

/** `PassStateEntered`, `PassStateExited`...: written once per type. */
const EVENT_TYPES = new Map<string, { readonly entered: string; readonly exited: string }>();
function eventTypes(state: AslState): { readonly entered: string; readonly exited: string } {
  let types = EVENT_TYPES.get(state.Type);
  if (!types) {
    types = { entered: `${state.Type}StateEntered`, exited: `${state.Type}StateExited` };
    EVENT_TYPES.set(state.Type, types);
  }
  return types;
}

/** AWS leaves Error/Cause out of events and outputs when there is none. */
const optional = (text: string): string | undefined => (text === '' ? undefined : text);

export class Interpreter {
  private readonly runtime: Runtime;

  constructor(deps: InterpreterDeps) {
    this.runtime = {
      ...deps,
      runMachine: (strand, machine, input) => this.runMachine(strand, machine, input),
    };
  }

  /** Runs (or resumes) an execution until it ends. */
  async run(execution: Execution): Promise<void> {
    const { quiescence, timers } = this.runtime;
    if (execution.status !== 'RUNNING') return;
    quiescence.enter();
    // The thread starts after ExecutionStarted, the first event.
    const thread: Thread = { scope: '', last: execution.events[0]?.id ?? 0, visits: new Map() };
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
      const strand: Strand = { execution, thread, scope: execution.scope, runtime: this.runtime };
      const output = jsonText(await this.runMachine(strand, execution.machine, execution.inputValue));
      await execution.close(thread.last, { status: 'SUCCEEDED', output }, 'ExecutionSucceeded', {
        executionSucceededEventDetails: { output, outputDetails: NOT_TRUNCATED },
      });
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
  private async runMachine(strand: Strand, machine: AslMachine, input: unknown): Promise<unknown> {
    const { execution, thread, scope } = strand;
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
        const details = exited.event.stateExitedEventDetails as { output: unknown };
        step = { output: eventValue(details.output), next: exited.meta?.next ?? null };
      } else {
        step = await this.runStep(strand, name, state, value, key);
      }
      if (step.next === null) return step.output;
      name = step.next;
      value = step.output;
    }
  }

  /** Enters a state, runs it, applies Catch, and records its exit before the next state starts. */
  private async runStep(
    strand: Strand,
    name: string,
    state: AslState,
    input: unknown,
    key: string,
  ): Promise<StepResult> {
    const { execution, thread } = strand;
    const entered = execution.emit(thread, `${key}>enter`, eventTypes(state).entered, {
      stateEnteredEventDetails: { name, input: json(input), inputDetails: NOT_TRUNCATED },
    });
    const visit: Visit = {
      execution,
      thread,
      scope: strand.scope,
      runtime: strand.runtime,
      name,
      state,
      input,
      key,
      enteredAt: entered.event.timestamp,
    };
    let step: StepResult;
    try {
      const handler = Object.hasOwn(HANDLERS, state.Type) ? HANDLERS[state.Type] : undefined;
      const running = handler ? handler(visit) : unknownType(state);
      step = running instanceof Promise ? await running : running;
    } catch (error) {
      step = caught(visit, error);
    }
    const exited = execution.emit(
      thread,
      `${key}>exit`,
      eventTypes(state).exited,
      { stateExitedEventDetails: { name, output: json(step.output), outputDetails: NOT_TRUNCATED } },
      { next: step.next },
    );
    // The exit, and with it everything the state did, is on disk before the next state starts.
    await exited.durable;
    return step;
  }
}
