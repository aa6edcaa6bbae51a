/** Who may see and who may complete a task: pure rules, checked in the domain on every call. */
import type { Principal } from '../roles';
import type { Task } from './task';
import {
  NotTaskAssigneeError,
  SubmitterCannotDecideError,
  TaskNotFoundError,
  taskNotFoundMessage,
} from './task-errors';

/** True when the principal is the task's assignee: same role and, for country tasks, same country. */
export function isAssignee(task: Pick<Task, 'assignee'>, principal: Principal): boolean {
  if (principal.role !== task.assignee.role) return false;
  return task.assignee.country === undefined || task.assignee.country === principal.country;
}

/**
 * The assignee sees a task; the Secretariat and the auditor see every task (the cross-case view of
 * who each case is waiting on). Others see nothing, not even that it exists.
 */
export function mayViewTask(task: Pick<Task, 'assignee'>, principal: Principal): boolean {
  return isAssignee(task, principal) || principal.role === 'secretariat' || principal.role === 'auditor';
}

/**
 * Throws unless the principal may complete the task: they must be its assignee, and must not be
 * the person who submitted the case. Someone who may not even see the task is answered as if it
 * did not exist, so that trying to complete it tells them nothing (not whether it exists, nor whose).
 * @param submitterSubject the `sub` of the case's submitter
 * @throws TaskNotFoundError (404) for a principal who may not see the task,
 *   NotTaskAssigneeError (403) for one who sees it but is not its assignee, SubmitterCannotDecideError (403)
 */
export function assertMayComplete(
  task: Pick<Task, 'assignee' | 'taskId'>,
  principal: Principal,
  submitterSubject: string,
): void {
  if (!mayViewTask(task, principal)) throw new TaskNotFoundError(taskNotFoundMessage(task.taskId));
  if (!isAssignee(task, principal)) {
    const wanted = task.assignee.country
      ? `${task.assignee.role} of ${task.assignee.country}`
      : task.assignee.role;
    throw new NotTaskAssigneeError(`task ${task.taskId} is for ${wanted}`);
  }
  if (principal.subject === submitterSubject) {
    throw new SubmitterCannotDecideError(
      `task ${task.taskId} concerns a case you submitted: someone else must decide it`,
    );
  }
}

declare const granted: unique symbol;

/**
 * A task and a principal that authoriseCompletion found may complete it. TaskService.decide takes
 * one instead of checking again, so a completion is read and authorised once.
 */
export type CompletionGrant = {
  readonly task: Task;
  readonly principal: Principal;
  readonly [granted]: true;
};

/**
 * Checks with assertMayComplete that the principal may complete the task, and answers the grant.
 * @param submitterSubject the `sub` of the case's submitter
 * @throws TaskNotFoundError, NotTaskAssigneeError, SubmitterCannotDecideError
 */
export function authoriseCompletion(
  task: Task,
  principal: Principal,
  submitterSubject: string,
): CompletionGrant {
  assertMayComplete(task, principal, submitterSubject);
  return { task, principal } as CompletionGrant;
}
