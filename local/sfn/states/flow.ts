/**
 * The states that direct the flow and do no work of their own: Pass, Succeed, Fail, Choice, Wait.
 * All but Wait answer at once (no promise), so a run of them costs no turn of the event loop.
 */
import { selectNext } from '../asl/choice';
import { StatesError } from '../asl/errors';
import { evaluateIntrinsic, isIntrinsicCall } from '../asl/intrinsics';
import { effectiveInput, stateOutput } from '../asl/io';
import { type ContextObject, evaluatePath } from '../asl/paths';
import type { AslState } from '../asl-types';
import { contextOf, next, type StepResult, type Visit, waitUntil } from './visit';

export function pass(visit: Visit): StepResult {
  const { state, input } = visit;
  const context = contextOf(visit);
  const effective = effectiveInput(state, input, context);
  const result = 'Result' in state ? state.Result : effective;
  return next(state, stateOutput(state, input, result, context));
}

export function succeed(visit: Visit): StepResult {
  const context = contextOf(visit);
  const effective = effectiveInput(visit.state, visit.input, context);
  return { output: stateOutput(visit.state, effective, effective, context), next: null };
}

export function fail(visit: Visit): StepResult {
  const { state, input, name } = visit;
  const context = contextOf(visit);
  const error =
    state.Error ?? (state.ErrorPath ? pathOrIntrinsic(state.ErrorPath, input, context, 'ErrorPath') : '');
  const cause =
    state.Cause ?? (state.CausePath ? pathOrIntrinsic(state.CausePath, input, context, 'CausePath') : '');
  if (typeof error !== 'string' || typeof cause !== 'string') {
    throw new StatesError('States.Runtime', `the ErrorPath and CausePath of ${name} must give strings`);
  }
  throw new StatesError(error, cause);
}

export function choice(visit: Visit): StepResult {
  const { state } = visit;
  const context = contextOf(visit);
  const effective = effectiveInput(state, visit.input, context);
  const chosen = selectNext({ Choices: state.Choices ?? [], Default: state.Default }, effective, context);
  return { output: stateOutput(state, effective, effective, context), next: chosen };
}

export async function wait(visit: Visit): Promise<StepResult> {
  const { state } = visit;
  const context = contextOf(visit);
  const effective = effectiveInput(state, visit.input, context);
  await waitUntil(visit, waitDue(visit, effective, context));
  return next(state, stateOutput(state, effective, effective, context));
}

/** ErrorPath and CausePath take a path or an intrinsic function. */
function pathOrIntrinsic(expression: string, input: unknown, context: ContextObject, field: string): unknown {
  return isIntrinsicCall(expression)
    ? evaluateIntrinsic(expression, input, context)
    : evaluatePath(expression, input, context, field);
}

/** When a Wait ends: Seconds or SecondsPath after it was entered, or Timestamp(Path). */
function waitDue({ state, name, enteredAt }: Visit, input: unknown, context: ContextObject): number {
  if (state.Seconds !== undefined) return enteredAt + state.Seconds * 1000;
  if (state.SecondsPath !== undefined) {
    const seconds = evaluatePath(state.SecondsPath, input, context, 'SecondsPath');
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw new StatesError('States.Runtime', `the SecondsPath of ${name} must give a non-negative integer`);
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

/** A state type the runtime does not know (a definition is validated, so only by mistake). */
export function unknownType(state: AslState): never {
  throw new StatesError('States.Runtime', `the state type ${String(state.Type)} is not known`);
}
