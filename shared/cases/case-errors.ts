/** Named errors of cases, mapped to HTTP in one place. */
import { ConflictError, NotFoundError } from '../errors';

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
