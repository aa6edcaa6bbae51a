/** Named errors of cases, mapped to HTTP in one place. */

import { ConflictError, NotFoundError } from '../errors';
import type { CaseRef } from './case-record';

export class CaseNotFoundError extends NotFoundError {
  override readonly name = 'CaseNotFoundError';
}

/** Someone else changed the case since it was read: read it again and retry. */
export class CaseVersionConflictError extends ConflictError {
  override readonly name = 'CaseVersionConflictError';
}

/** The Idempotency-Key was already used with another request body. */
export class IdempotencyKeyReusedError extends ConflictError {
  override readonly name = 'IdempotencyKeyReusedError';
}

/** The case can no longer be withdrawn (the person has departed, or it is final). */
export class CaseNotWithdrawableError extends ConflictError {
  override readonly name = 'CaseNotWithdrawableError';
}

/**
 * Another case holds the person's open-case claim, so this one cannot be stored as open. The
 * repository throws it; CaseService.submit answers it by re-evaluating with the holders in the
 * history (it is a 409 only if it ever escapes, after repeated races).
 */
export class OpenCaseClaimedError extends ConflictError {
  override readonly name = 'OpenCaseClaimedError';
  constructor(
    message: string,
    /** The open cases holding the claims, as read right after the refusal (may be empty if they closed). */
    readonly openCases: readonly CaseRef[],
  ) {
    super(message);
  }
}
