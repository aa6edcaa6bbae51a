/**
 * Which status a case may move to from each status, as the workflow drives it. Final statuses
 * lead nowhere; every open status may end in WITHDRAWN (until departure) or FAILED. Staying in
 * the same status is always allowed: it only adds a timeline entry.
 */
import { type CaseStatus, isFinalStatus } from '../contracts/case';
import { CaseAlreadyFinalError, InvalidCaseTransitionError } from './workflow-errors';

export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  SUBMITTED: ['AWAITING_APPROVALS', 'WAITING_FOR_FUNDS', 'INELIGIBLE', 'WITHDRAWN', 'FAILED'],
  // Resumed by a contribution, or REJECTED when the wait runs out.
  WAITING_FOR_FUNDS: ['AWAITING_APPROVALS', 'REJECTED', 'WITHDRAWN', 'FAILED'],
  AWAITING_APPROVALS: ['AWAITING_DISBURSEMENT', 'REJECTED', 'EXPIRED', 'WITHDRAWN', 'FAILED'],
  AWAITING_DISBURSEMENT: ['BOOKING', 'REJECTED', 'EXPIRED', 'WITHDRAWN', 'FAILED'],
  BOOKING: ['AWAITING_DEPARTURE', 'WITHDRAWN', 'FAILED'],
  // A cancelled flight sends the case back to booking.
  AWAITING_DEPARTURE: ['TRAVELLING', 'BOOKING', 'WITHDRAWN', 'FAILED'],
  TRAVELLING: ['ARRIVED', 'FAILED'],
  ARRIVED: ['REINTEGRATION', 'CLOSED', 'FAILED'],
  REINTEGRATION: ['CLOSED', 'FAILED'],
  INELIGIBLE: [],
  CLOSED: [],
  REJECTED: [],
  EXPIRED: [],
  WITHDRAWN: [],
  FAILED: [],
};

/** True when a case in `from` may move to `to` (or stays where it is). */
export function mayMoveTo(from: CaseStatus, to: CaseStatus): boolean {
  return from === to || CASE_TRANSITIONS[from].includes(to);
}

/**
 * Refuses a move the case's life does not allow.
 * @throws CaseAlreadyFinalError when `from` is final and differs from `to`
 * @throws InvalidCaseTransitionError for any other move not in CASE_TRANSITIONS
 */
export function assertTransition(caseId: string, from: CaseStatus, to: CaseStatus): void {
  if (from === to) return;
  if (isFinalStatus(from)) throw new CaseAlreadyFinalError(`case ${caseId} is already ${from}`);
  if (!mayMoveTo(from, to)) {
    throw new InvalidCaseTransitionError(`case ${caseId} cannot move from ${from} to ${to}`);
  }
}
