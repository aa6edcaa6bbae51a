/**
 * Retry and Catch, in one place: a Task, Parallel or Map runs attempt by attempt as its Retry
 * allows (each retry's due time noted in the journal, so that a restart waits for the same
 * moment), and a state whose failure a Catcher matches goes on to the Catcher's Next with the
 * error at its ResultPath. Which rule matches is error-matching.ts's (AWS's rules).
 */
import { asStatesError, StatesError } from './asl/errors';
import { stateOutput } from './asl/io';
import { applyResultPath, type ContextObject } from './asl/paths';
import { CancelledError } from './cancel-scope';
import { findCatcher, findRetrier, mayRetry, retryDelayMs } from './error-matching';
import { type StepResult, type Visit, waitUntil } from './states/visit';

/** One attempt of a Task, Parallel or Map. */
export interface Attempt {
  /** 0 for the first attempt: `$$.State.RetryCount`. */
  readonly number: number;
  /** `<visit key>/a<number>`: what the keys of this attempt's events start with. */
  readonly key: string;
}

/** Runs `attempt` until it succeeds or Retry allows no more; its result, or the last failure. */
export function withRetry<T>(visit: Visit, attempt: (attempt: Attempt) => Promise<T>): Promise<T> {
  // Without Retry the one attempt is all there is (and costs no frame of its own).
  if (!visit.state.Retry?.length) return attempt({ number: 0, key: `${visit.key}/a0` });
  return retrying(visit, attempt);
}

async function retrying<T>(visit: Visit, attempt: (attempt: Attempt) => Promise<T>): Promise<T> {
  const retriers = visit.state.Retry;
  const retries = retriers ? retriers.map(() => 0) : [];
  for (let number = 0; ; number++) {
    const key = `${visit.key}/a${number}`;
    try {
      return await attempt({ number, key });
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      const failure = asStatesError(error);
      const index = findRetrier(retriers, failure.error);
      const retrier = retriers?.[index];
      if (!retrier || !mayRetry(retrier, retries[index]!)) throw failure;
      const due = visit.execution.note(
        `${key}:retry`,
        () => visit.runtime.clock.now() + retryDelayMs(retrier, retries[index]!),
      );
      retries[index]! += 1;
      await due.durable;
      await waitUntil(visit, due.value);
    }
  }
}

/** The step after a failure that a Catcher matches; the failure, thrown again, when none does. */
export function caught(visit: Visit, error: unknown): StepResult {
  if (error instanceof CancelledError) throw error;
  const failure = asStatesError(error);
  const catcher = findCatcher(visit.state.Catch, failure.error);
  if (!catcher) throw failure;
  const errorOutput = { Error: failure.error, Cause: failure.cause };
  return { output: applyResultPath(visit.input, errorOutput, catcher.ResultPath), next: catcher.Next };
}

/**
 * A Task's, Parallel's or Map's output from its work's result (ResultSelector, ResultPath,
 * OutputPath), applied after the retry loop: the work has succeeded, so a failure here runs
 * nothing again, and it is States.Runtime, which no Retry nor Catch matches, as on AWS.
 */
export function outputAfterRetry(visit: Visit, result: unknown, context: ContextObject): unknown {
  try {
    return stateOutput(visit.state, visit.input, result, context);
  } catch (error) {
    const failure = asStatesError(error);
    throw failure.error === 'States.Runtime' ? failure : new StatesError('States.Runtime', failure.cause);
  }
}
