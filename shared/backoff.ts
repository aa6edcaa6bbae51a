/**
 * One jittered exponential backoff for every retry loop (DynamoDB transactions, audit appends,
 * batch reads). Full jitter spreads contending writers apart instead of retrying in lockstep.
 */

export interface BackoffOptions {
  /** Upper bound of the first attempt's wait. @default 10 */
  readonly baseMs?: number;
  /** Largest wait, whatever the attempt. @default 400 */
  readonly capMs?: number;
}

/** A random wait in [0, min(capMs, baseMs * 2^attempt)). */
export function backoffMs(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 10, capMs = 400 } = options;
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}

/** Waits the jittered backoff of `attempt`. */
export function backOff(attempt: number, options: BackoffOptions = {}): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, options)));
}
