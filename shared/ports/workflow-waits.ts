/**
 * The port where the workflow's waits that are not a person's task keep their task tokens: a
 * case waiting for funds (resumed, oldest first, when a contribution makes room) and a booked
 * case waiting for its departure (interrupted by a withdrawal). Like a task's, the token stays
 * on the server: the execution carries only the case id.
 */

/** funds: the Reserve Fund cannot cover the case yet; departure: booked, not yet travelling. */
export const WAIT_KINDS = ['funds', 'departure'] as const;
export type WaitKind = (typeof WAIT_KINDS)[number];

export interface WorkflowWait {
  readonly caseId: string;
  readonly kind: WaitKind;
  /** When the case started waiting: its place in the queue. */
  readonly since: string;
  /** The waiting execution's task token. Never put it in an answer or a log. */
  readonly token: string;
  /** For a funds wait: what the case needs, in cents. */
  readonly amountCents?: number;
}

export interface WorkflowWaits {
  /**
   * Keeps the wait. A retried step (a new token for the same wait) refreshes the token and keeps
   * the first `since`, so a retry never loses the case its place in the queue.
   */
  hold(wait: WorkflowWait): Promise<WorkflowWait>;
  get(caseId: string, kind: WaitKind): Promise<WorkflowWait | undefined>;
  /** Forgets the wait; true when it was there. */
  release(caseId: string, kind: WaitKind): Promise<boolean>;
  /** Every wait of a kind, oldest first (then by case id). */
  list(kind: WaitKind): Promise<WorkflowWait[]>;
}

/** Oldest first, then by case id: the queue's one order, for every adapter. */
export function queueOrder(a: WorkflowWait, b: WorkflowWait): number {
  return a.since.localeCompare(b.since) || a.caseId.localeCompare(b.caseId);
}
