/**
 * The error names the case workflow matches in its Retry, Catch and Choice states, as types, so
 * that a misspelt name in the definition (workflows/case-workflow.ts) does not compile. A domain
 * error's name is its class's `name`; the workflow's own failures have no class, the state machine
 * raises them in its Fail states and Pass notes.
 */
import type { AuditContentionError } from '../audit/audit-trail';
import type { CaseNotFoundError, CaseVersionConflictError } from '../cases/case-errors';
import type {
  CeilingExceededError,
  HoldNotFoundError,
  HoldStateError,
  InsufficientFundsError,
  MovementConflictError,
} from '../fund/fund-errors';
import type { TaskAlreadyCompletedError, TaskNotFoundError } from '../tasks/task-errors';
import type {
  ManualBookingMissingError,
  TravelAlreadyBookedError,
  TravelBookingRefusedError,
  TravelProviderUnavailableError,
} from '../travel/travel-errors';
import type { CASE_WITHDRAWN_ERROR } from '../use-cases/withdraw-case';
import type { CaseAlreadyFinalError, InvalidCaseTransitionError } from './workflow-errors';

/** Named errors the workflow's steps throw, by class name. */
type StepErrorName = (
  | AuditContentionError
  | CaseAlreadyFinalError
  | CaseNotFoundError
  | CaseVersionConflictError
  | CeilingExceededError
  | HoldNotFoundError
  | HoldStateError
  | InsufficientFundsError
  | InvalidCaseTransitionError
  | ManualBookingMissingError
  | MovementConflictError
  | TaskAlreadyCompletedError
  | TaskNotFoundError
  | TravelAlreadyBookedError
  | TravelBookingRefusedError
  | TravelProviderUnavailableError
)['name'];

/** Failures the state machine itself raises (Fail states and the notes before compensation). */
export type WorkflowFailure =
  | 'CountryRejected'
  | 'DisbursementRejected'
  | 'ApprovalExpired'
  | 'UnknownDecision'
  | 'FundsUnavailable'
  | 'FundsWaitExpired'
  | 'ManualBookingExpired'
  | 'ArrivalNotConfirmed'
  | 'CaseWorkflowFailed';

/** Every name the case workflow may match: step errors, its own failures, and a withdrawal's. */
export type CaseWorkflowErrorName = StepErrorName | WorkflowFailure | typeof CASE_WITHDRAWN_ERROR;
