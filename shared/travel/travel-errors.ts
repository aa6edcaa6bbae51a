/**
 * Named errors of travel booking. The case workflow matches these names in its Retry/Catch
 * (typed by shared/workflow/workflow-error-names.ts): a transient failure is retried with
 * backoff, a permanent one hands the case to operations (a `manual_booking` task).
 */
import type { TravelRefusal } from '../contracts/travel';
import { ConflictError } from '../errors';

/** The provider did not answer, answered 5xx or 429, or took too long: trying again may work. */
export class TravelProviderUnavailableError extends Error {
  override readonly name = 'TravelProviderUnavailableError';
}

/** The provider refused for good (no route, no seats, ...): trying again will not help. */
export class TravelBookingRefusedError extends ConflictError {
  override readonly name = 'TravelBookingRefusedError';
  constructor(
    /** Why, as a code (never free text, so it may go on the case and in the audit log). */
    readonly code: TravelRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** The case already has another attempt's booking: cancel it before booking the next attempt. */
export class TravelAlreadyBookedError extends ConflictError {
  override readonly name = 'TravelAlreadyBookedError';
}

/** A manual booking asked to be recorded from a task that holds none (open, cancelled, another kind). */
export class ManualBookingMissingError extends ConflictError {
  override readonly name = 'ManualBookingMissingError';
}
