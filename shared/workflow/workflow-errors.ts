/**
 * Named errors of the case workflow's steps. The state machine matches these names in its
 * Retry/Catch (workflows/case-workflow.ts, typed by ./workflow-error-names), so renaming one is a
 * change to the definition.
 */
import { ConflictError } from '../errors';

/** The case is already final (withdrawn, rejected...): nothing more may happen to it. */
export class CaseAlreadyFinalError extends ConflictError {
  override readonly name = 'CaseAlreadyFinalError';
}

/** A status change the case's life does not allow (e.g. SUBMITTED straight to BOOKING). */
export class InvalidCaseTransitionError extends ConflictError {
  override readonly name = 'InvalidCaseTransitionError';
}
