/**
 * Which Retrier or Catcher handles an error, and how long a retry waits, by the rules of the
 * Amazon States Language ("Error handling in Step Functions"): names match exactly; States.ALL
 * matches every error but States.Runtime (and the terminal States.DataLimitExceeded);
 * States.TaskFailed matches every error but States.Timeout; States.Runtime is never retried nor
 * caught; rules are tried in order and the first match wins.
 */
import type { Catcher, Retrier } from './asl-types';

const UNCATCHABLE = new Set(['States.Runtime', 'States.DataLimitExceeded']);

/** Whether a rule's ErrorEquals matches the error name. */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (UNCATCHABLE.has(error)) return false;
  return errorEquals.some(
    (name) =>
      name === error || name === 'States.ALL' || (name === 'States.TaskFailed' && error !== 'States.Timeout'),
  );
}

/** Index of the first Retrier that matches, or -1. */
export function findRetrier(retriers: readonly Retrier[] | undefined, error: string): number {
  return (retriers ?? []).findIndex((retrier) => errorMatches(retrier.ErrorEquals, error));
}

/** The first Catcher that matches, if any. */
export function findCatcher(catchers: readonly Catcher[] | undefined, error: string): Catcher | undefined {
  return (catchers ?? []).find((catcher) => errorMatches(catcher.ErrorEquals, error));
}

/**
 * The wait before retry number `retryIndex` (0 for the first retry) of a Retrier, in ms:
 * IntervalSeconds × BackoffRate^retryIndex, capped at MaxDelaySeconds, and with JitterStrategy
 * FULL a random duration between 0 and that.
 */
export function retryDelayMs(
  retrier: Retrier,
  retryIndex: number,
  random: () => number = Math.random,
): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  let seconds = interval * rate ** retryIndex;
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds *= random();
  return Math.round(seconds * 1000);
}

/** Whether a Retrier may retry once more after `retriesSoFar` retries. */
export function mayRetry(retrier: Retrier, retriesSoFar: number): boolean {
  return retriesSoFar < (retrier.MaxAttempts ?? 3);
}
