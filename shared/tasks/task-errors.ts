/** Named errors of tasks, mapped to HTTP in one place (409, 403, 404). */
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';

/** The task is no longer open (completed, expired or cancelled): it can be decided once only. */
export class TaskAlreadyCompletedError extends ConflictError {
  override readonly name = 'TaskAlreadyCompletedError';
}

/** The caller's role or country is not the task's assignee. */
export class NotTaskAssigneeError extends ForbiddenError {
  override readonly name = 'NotTaskAssigneeError';
}

/** Nobody decides a case they submitted. */
export class SubmitterCannotDecideError extends ForbiddenError {
  override readonly name = 'SubmitterCannotDecideError';
}

/** The country has already decided this case (through another task). */
export class CountryAlreadyDecidedError extends ConflictError {
  override readonly name = 'CountryAlreadyDecidedError';
}

export class TaskNotFoundError extends NotFoundError {
  override readonly name = 'TaskNotFoundError';
}

/** The one message of a task that is not there or not the caller's to see: the two must read alike. */
export function taskNotFoundMessage(taskId: string): string {
  return `task ${taskId} not found`;
}
