/**
 * Tasks in memory, with the DynamoDB adapter's semantics: a task is created once per id (a retry
 * refreshes the token while the task is open), completed or closed only while open, and each
 * country decides a case once. The token is kept apart and never answered by the reads.
 */

import type { Page } from '../../ports/page';
import type { TaskCompletion, TaskListRequest, TaskStore } from '../../ports/task-store';
import { caseIdOfTask, type Task, type TaskAssignee, type TaskStatus } from '../../tasks/task';
import { CountryAlreadyDecidedError, TaskAlreadyCompletedError } from '../../tasks/task-errors';
import { copy } from './copy';
import { pageOf } from './memory-page';

const inboxOf = (assignee: TaskAssignee) => `${assignee.role}#${assignee.country ?? '-'}`;

export class MemoryTaskStore implements TaskStore {
  private readonly tasks = new Map<string, Task>();
  private readonly tokens = new Map<string, string>();
  /** `<caseId>#<country>` of every country decision. */
  private readonly decisions = new Set<string>();
  /** Task ids whose decision's hand-over to the workflow is pending. */
  private readonly pending = new Set<string>();

  async create(task: Task, taskToken?: string): Promise<{ task: Task; created: boolean }> {
    const existing = this.tasks.get(task.taskId);
    // A retried waitForTaskToken state comes with a new token; the old one is dead, so keep the new,
    // also for a task decided in between: its hand-over is pending and must reach the new token.
    if (taskToken && (!existing || existing.status === 'open' || existing.status === 'completed'))
      this.tokens.set(task.taskId, taskToken);
    if (existing) return { task: copy(existing), created: false };
    this.tasks.set(task.taskId, copy(task));
    return { task: copy(task), created: true };
  }

  async get(taskId: string): Promise<Task | undefined> {
    const task = this.tasks.get(taskId);
    return task ? copy(task) : undefined;
  }

  async listForAssignee(
    assignee: TaskAssignee,
    status: TaskStatus,
    page?: TaskListRequest,
  ): Promise<Page<Task>> {
    const entries = this.matching(status, page)
      .filter((task) => inboxOf(task.assignee) === inboxOf(assignee))
      .map((task) => ({ sortKey: `${task.dueAt}#${task.taskId}`, item: task }));
    return pageOf(`inbox#${inboxOf(assignee)}#${status}`, entries, 'ascending', page);
  }

  async listByStatus(status: TaskStatus, page?: TaskListRequest): Promise<Page<Task>> {
    const entries = this.matching(status, page).map((task) => ({
      sortKey: `${task.createdAt}#${task.taskId}`,
      item: task,
    }));
    return pageOf(`status#${status}`, entries, 'ascending', page);
  }

  async listForCase(caseId: string): Promise<Task[]> {
    return [...this.tasks.values()]
      .filter((task) => task.caseId === caseId)
      .sort((a, b) => (a.taskId < b.taskId ? -1 : 1))
      .map((task) => copy(task));
  }

  async complete(task: Task, completion: TaskCompletion): Promise<Task> {
    this.assertOpen(task.taskId);
    const decision = completion.decidingCountry ? `${task.caseId}#${completion.decidingCountry}` : undefined;
    if (decision && this.decisions.has(decision)) {
      throw new CountryAlreadyDecidedError(
        `${completion.decidingCountry} has already decided case ${task.caseId}`,
      );
    }
    if (decision) this.decisions.add(decision);
    const fields = {
      status: 'completed' as const,
      decision: copy(completion.decision),
      completedBy: copy(completion.completedBy),
      completedAt: completion.completedAt,
      updatedAt: completion.completedAt,
    };
    this.pending.add(task.taskId);
    return this.transition(task, fields);
  }

  async pendingHandOvers(before: string, limit = 100): Promise<Task[]> {
    return [...this.pending]
      .map((taskId) => this.tasks.get(taskId) as Task)
      .filter((task) => (task.completedAt ?? '') < before)
      .sort((a, b) => `${a.completedAt}#${a.taskId}`.localeCompare(`${b.completedAt}#${b.taskId}`))
      .slice(0, limit)
      .map((task) => copy(task));
  }

  async handedOver(task: Task): Promise<void> {
    this.pending.delete(task.taskId);
  }

  async close(task: Task, status: 'expired' | 'cancelled', at: string, reason?: string): Promise<Task> {
    this.assertOpen(task.taskId);
    return this.transition(task, {
      status,
      closedAt: at,
      ...(reason ? { closeReason: reason } : {}),
      updatedAt: at,
    });
  }

  async takeTaskToken(taskId: string): Promise<string | undefined> {
    caseIdOfTask(taskId); // a malformed id is refused, as the DynamoDB adapter needs its case id
    return this.tokens.get(taskId);
  }

  /** Tasks in a status (and of the kind, and due before the instant, when the page asks). */
  private matching(status: TaskStatus, page?: TaskListRequest): Task[] {
    return [...this.tasks.values()].filter(
      (task) =>
        task.status === status &&
        (!page?.kind || task.kind === page.kind) &&
        // ISO instants, compared as text as DynamoDB compares them.
        (!page?.dueBefore || task.dueAt < page.dueBefore),
    );
  }

  /** @throws TaskAlreadyCompletedError unless the stored task is open */
  private assertOpen(taskId: string): void {
    const current = this.tasks.get(taskId);
    if (current?.status !== 'open') {
      throw new TaskAlreadyCompletedError(`task ${taskId} is already ${current?.status ?? 'closed'}`);
    }
  }

  /** Writes the fields over the stored task; answers them over the task given, as DynamoDB does. */
  private transition(task: Task, fields: Partial<Task>): Task {
    const stored = this.tasks.get(task.taskId) as Task;
    this.tasks.set(task.taskId, { ...stored, ...fields });
    return copy({ ...task, ...fields });
  }
}
