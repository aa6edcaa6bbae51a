/** The port where tasks are kept. The task token is written with a task and read only by takeTaskToken. */
import type { CountryCode } from '../countries';
import type { Task, TaskActor, TaskAssignee, TaskData, TaskKind, TaskStatus } from '../tasks/task';
import type { Page, PageRequest } from './page';

export interface TaskCompletion {
  readonly decision: TaskData;
  readonly completedBy: TaskActor;
  readonly completedAt: string;
  /** For country approvals: the country's once-per-case decision marker is written with it. */
  readonly decidingCountry?: CountryCode;
}

/**
 * A page of a task listing, optionally of one kind only and only of tasks due before an instant:
 * exactly `limit` tasks unless it is the last.
 */
export interface TaskListRequest extends PageRequest {
  readonly kind?: TaskKind;
  /** Only tasks whose `dueAt` is before this instant (ISO 8601): with `now`, the overdue ones. */
  readonly dueBefore?: string;
}

export interface TaskStore {
  /** Creates the task unless its id exists; stores (or refreshes) the token either way while open. */
  create(task: Task, taskToken?: string): Promise<{ readonly task: Task; readonly created: boolean }>;
  get(taskId: string): Promise<Task | undefined>;
  /** Tasks of one assignee in one status (and kind), by due date (soonest first). */
  listForAssignee(assignee: TaskAssignee, status: TaskStatus, page?: TaskListRequest): Promise<Page<Task>>;
  /** Tasks in one status (and kind) across all assignees, oldest first. */
  listByStatus(status: TaskStatus, page?: TaskListRequest): Promise<Page<Task>>;
  listForCase(caseId: string): Promise<Task[]>;
  /**
   * Completes an open task, exactly once.
   * @throws TaskAlreadyCompletedError, CountryAlreadyDecidedError
   */
  complete(task: Task, completion: TaskCompletion): Promise<Task>;
  /** Moves an open task to expired or cancelled. @throws TaskAlreadyCompletedError */
  close(task: Task, status: 'expired' | 'cancelled', at: string, reason?: string): Promise<Task>;
  /** The workflow's task token, for SendTaskSuccess/Failure only. Never put it in an answer. */
  takeTaskToken(taskId: string): Promise<string | undefined>;
  /**
   * Completed tasks whose decision may not have reached the workflow yet (complete records the
   * hand-over as pending, in the same write; handedOver clears it), completed before `before`,
   * oldest first: what the reconciler re-sends after a crash.
   */
  pendingHandOvers(before: string, limit?: number): Promise<Task[]>;
  /** The workflow has the decision (or no longer waits for it): the hand-over is no longer pending. */
  handedOver(task: Task): Promise<void>;
}
