/**
 * Tasks as the API and the workflow use them. The workflow creates, expires and cancels; people
 * read their inbox and complete. Every completion checks the assignee and the submitter in the
 * domain (authoriseCompletion), not only at the gateway.
 */

import { ForbiddenError, ValidationError } from '../errors';
import type { Page } from '../ports/page';
import type { TaskListRequest, TaskStore } from '../ports/task-store';
import { actorOf, COUNTRY_ROLES, type Principal, type Role } from '../roles';
import { type NewTask, type Task, type TaskData, type TaskStatus, taskIdFor } from './task';
import { authoriseCompletion, type CompletionGrant, mayViewTask } from './task-authorization';
import { TaskAlreadyCompletedError, TaskNotFoundError, taskNotFoundMessage } from './task-errors';

/** Who may list the tasks of every country. */
const ALL_TASKS_ROLES: readonly Role[] = ['secretariat', 'auditor'];

/** What a task listing asks for. */
export interface TaskListQuery extends TaskListRequest {
  /** `mine`: the caller's inbox, soonest due first; `all`: every country, oldest first. @default 'mine' */
  readonly view?: 'mine' | 'all';
  /** @default 'open' */
  readonly status?: TaskStatus;
  /** Only the tasks whose due date has passed (with the status open, the overdue ones). @default false */
  readonly overdue?: boolean;
}

export interface TaskServiceOptions {
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export class TaskService {
  private readonly now: () => Date;

  constructor(
    private readonly store: TaskStore,
    options: TaskServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Creates a task (the workflow's waitForTaskToken step). Idempotent: the id comes from case,
   * kind, country and attempt, so a retried step answers the existing task and keeps the new token.
   */
  async create(
    input: NewTask,
    taskToken?: string,
  ): Promise<{ readonly task: Task; readonly created: boolean }> {
    const needsCountry = COUNTRY_ROLES.includes(input.assignee.role);
    if (needsCountry !== (input.assignee.country !== undefined)) {
      throw new ValidationError(
        needsCountry
          ? `a task for ${input.assignee.role} needs a country`
          : `a task for ${input.assignee.role} has no country`,
      );
    }
    const at = this.now().toISOString();
    const task: Task = {
      taskId: taskIdFor({ ...input, ...(input.assignee.country ? { country: input.assignee.country } : {}) }),
      kind: input.kind,
      caseId: input.caseId,
      attempt: input.attempt ?? 1,
      assignee: input.assignee,
      dueAt: input.dueAt,
      ...(input.reminderAt ? { reminderAt: input.reminderAt } : {}),
      status: 'open',
      ...(input.context ? { context: input.context } : {}),
      createdAt: at,
      updatedAt: at,
    };
    return this.store.create(task, taskToken);
  }

  /** A task the principal may see. @throws TaskNotFoundError (also when they may not see it) */
  async get(taskId: string, principal: Principal): Promise<Task> {
    const task = await this.store.get(taskId);
    // Answering 404 rather than 403 does not tell outsiders which tasks exist.
    if (!task || !mayViewTask(task, principal)) throw new TaskNotFoundError(taskNotFoundMessage(taskId));
    return task;
  }

  /**
   * A task for the workflow's own code and for deciders before their checks, whoever asks.
   * Never answer it to a caller without mayViewTask or authoriseCompletion first.
   * @throws TaskNotFoundError
   */
  async getForSystem(taskId: string): Promise<Task> {
    const task = await this.store.get(taskId);
    if (!task) throw new TaskNotFoundError(taskNotFoundMessage(taskId));
    return task;
  }

  /** The principal's inbox: their role's (and country's) tasks in a status, soonest due first. */
  inbox(principal: Principal, status: TaskStatus = 'open', page?: TaskListRequest): Promise<Page<Task>> {
    const assignee = { role: principal.role, ...(principal.country ? { country: principal.country } : {}) };
    return this.store.listForAssignee(assignee, status, page);
  }

  /** Every task in a status across all countries, oldest first: who each case is waiting on. */
  byStatus(status: TaskStatus = 'open', page?: TaskListRequest): Promise<Page<Task>> {
    return this.store.listByStatus(status, page);
  }

  /**
   * A page of tasks as `GET /api/tasks` lists them: the caller's inbox (`mine`), or every
   * country's tasks (`all`, the Secretariat's and the auditor's only), in a status and optionally
   * of one kind, or only overdue (due before now); exactly `limit` tasks unless it is the last page.
   * @throws ForbiddenError for `all` asked by any other role
   */
  async list(principal: Principal, query: TaskListQuery): Promise<Page<Task>> {
    const { view = 'mine', status = 'open', overdue = false, ...rest } = query;
    const page = overdue ? { ...rest, dueBefore: this.now().toISOString() } : rest;
    if (view === 'all' && !ALL_TASKS_ROLES.includes(principal.role)) {
      throw new ForbiddenError(
        'only the secretariat and the auditor see the tasks of every country (view=all)',
      );
    }
    return view === 'all' ? this.byStatus(status, page) : this.inbox(principal, status, page);
  }

  forCase(caseId: string): Promise<Task[]> {
    return this.store.listForCase(caseId);
  }

  /**
   * Completes a task once, as the principal: reads it, checks who may (authoriseCompletion) and
   * records the decision (decide).
   * @param submitterSubject the `sub` of whoever submitted the case
   * @throws TaskNotFoundError (404), NotTaskAssigneeError / SubmitterCannotDecideError (403),
   *   TaskAlreadyCompletedError / CountryAlreadyDecidedError (409)
   */
  async complete(
    taskId: string,
    principal: Principal,
    decision: TaskData,
    submitterSubject: string,
  ): Promise<Task> {
    return this.decide(
      authoriseCompletion(await this.getForSystem(taskId), principal, submitterSubject),
      decision,
    );
  }

  /**
   * Records the decision on a task already read and authorised, once. A country approval also
   * records the country's once-per-case decision. Hand the decision to the workflow afterwards
   * with takeTaskToken.
   * @throws TaskAlreadyCompletedError / CountryAlreadyDecidedError (409)
   */
  async decide({ task, principal }: CompletionGrant, decision: TaskData): Promise<Task> {
    if (task.status !== 'open')
      throw new TaskAlreadyCompletedError(`task ${task.taskId} is already ${task.status}`);
    return this.store.complete(task, {
      decision,
      completedBy: actorOf(principal),
      completedAt: this.now().toISOString(),
      ...(task.kind === 'country_approval' && task.assignee.country
        ? { decidingCountry: task.assignee.country }
        : {}),
    });
  }

  /** The deadline passed (the workflow's timeout). Idempotent for a task already expired. */
  expire(taskId: string, reason = 'deadline passed'): Promise<Task> {
    return this.closeTask(taskId, 'expired', reason);
  }

  /** The case no longer needs it (rejection elsewhere, withdrawal). Idempotent for a cancelled task. */
  cancel(taskId: string, reason: string): Promise<Task> {
    return this.closeTask(taskId, 'cancelled', reason);
  }

  /** The workflow callback's token. Only the callback code calls this; never answer it. */
  takeTaskToken(taskId: string): Promise<string | undefined> {
    return this.store.takeTaskToken(taskId);
  }

  /** Completed tasks, completed before `before`, whose decision may not have reached the workflow. */
  pendingHandOvers(before: Date, limit?: number): Promise<Task[]> {
    return this.store.pendingHandOvers(before.toISOString(), limit);
  }

  /** The workflow has the task's decision, or no longer waits for it. */
  handedOver(task: Task): Promise<void> {
    return this.store.handedOver(task);
  }

  private async closeTask(taskId: string, status: 'expired' | 'cancelled', reason: string): Promise<Task> {
    const task = await this.store.get(taskId);
    if (!task) throw new TaskNotFoundError(taskNotFoundMessage(taskId));
    if (task.status === status) return task;
    if (task.status !== 'open')
      throw new TaskAlreadyCompletedError(`task ${taskId} is already ${task.status}`);
    return this.store.close(task, status, this.now().toISOString(), reason);
  }
}
