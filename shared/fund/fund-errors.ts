/** Named errors of the Reserve Fund; state machines match these names in Retry/Catch. */
import { ConflictError, NotFoundError } from '../errors';

/** The fund's available balance cannot cover the movement. */
export class InsufficientFundsError extends ConflictError {
  override readonly name = 'InsufficientFundsError';
}

/** A reservation larger than the fund's per-case ceiling. */
export class CeilingExceededError extends ConflictError {
  override readonly name = 'CeilingExceededError';
}

/** The same movement key was used again with other data (amount, case, country). */
export class MovementConflictError extends ConflictError {
  override readonly name = 'MovementConflictError';
}

/** Release, disbursement or reversal asked of a case whose hold is not in the state it needs. */
export class HoldStateError extends ConflictError {
  override readonly name = 'HoldStateError';
}

export class FundNotFoundError extends NotFoundError {
  override readonly name = 'FundNotFoundError';
}

/** No reservation exists for the case in this fund. */
export class HoldNotFoundError extends NotFoundError {
  override readonly name = 'HoldNotFoundError';
}
