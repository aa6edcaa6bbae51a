/**
 * One model for every human step of a case: country approvals, the Secretariat's disbursement
 * approval, arrival confirmation, reintegration check-ins and manual bookings. The workflow's
 * task token is not part of it: it is stored apart and never leaves the server.
 */
import type { CountryCode } from '../countries';
import type { Actor, Role } from '../roles';

// The kinds and statuses are the API's (shared/contracts/task): one list for both.
export { TASK_KINDS, TASK_STATUSES, type TaskKind, type TaskStatus } from '../contracts/task';

import { TASK_KINDS, type TaskKind, type TaskStatus } from '../contracts/task';

/** Who must act: a role, and for country roles the country. */
export interface TaskAssignee {
  readonly role: Role;
  /** Required for consular, authority and reintegration; absent for secretariat and operations. */
  readonly country?: CountryCode;
}

/** Who completed a task (actorOf the principal who did). */
export type TaskActor = Actor;

export type TaskData = Readonly<Record<string, unknown>>;

export interface Task {
  /** Deterministic: see taskIdFor. */
  readonly taskId: string;
  readonly kind: TaskKind;
  readonly caseId: string;
  /** 1 for the first task of this kind and country in the case; a re-issued task counts up. */
  readonly attempt: number;
  readonly assignee: TaskAssignee;
  readonly dueAt: string;
  readonly reminderAt?: string;
  readonly status: TaskStatus;
  /** What the assignee needs to decide, set by the workflow (e.g. approvalRole, dayAfterArrival). */
  readonly context?: TaskData;
  /** The decision or form submitted (e.g. `{decision: 'approve', comment}`). */
  readonly decision?: TaskData;
  readonly completedBy?: TaskActor;
  readonly completedAt?: string;
  /** When it expired or was cancelled, and why. */
  readonly closedAt?: string;
  readonly closeReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * True when the task is open and its due date has passed at `now`. Overdue is a reading of the
 * clock, not a status: an overdue task stays open (an arrival confirmation is reminded and flagged,
 * and the case fails only when the workflow's own timeout runs out).
 */
export function isOverdue(task: Pick<Task, 'status' | 'dueAt'>, now: Date): boolean {
  return task.status === 'open' && task.dueAt < now.toISOString();
}

/** What the workflow gives to create a task. */
export interface NewTask {
  readonly caseId: string;
  readonly kind: TaskKind;
  readonly assignee: TaskAssignee;
  /** @default 1 */
  readonly attempt?: number;
  readonly dueAt: string;
  readonly reminderAt?: string;
  readonly context?: TaskData;
}

const TASK_ID = new RegExp(`^([A-Za-z0-9_-]+)\\.(${TASK_KINDS.join('|')})\\.([A-Z]{2}|rcm)\\.([1-9][0-9]*)$`);
const CASE_ID = /^[A-Za-z0-9_-]+$/;

/** Thrown for a task id that no task can have (the API answers 404 for it). */
export class MalformedTaskIdError extends RangeError {
  override readonly name = 'MalformedTaskIdError';
}

/**
 * The task's id from what makes it unique, so a retried workflow step creates the same task:
 * `<caseId>.<kind>.<country or rcm>.<attempt>`, e.g. `RET-7K2M9Q.country_approval.MX.1`.
 */
export function taskIdFor(
  task: Pick<NewTask, 'caseId' | 'kind' | 'attempt'> & { readonly country?: CountryCode },
): string {
  if (!CASE_ID.test(task.caseId))
    throw new MalformedTaskIdError(`case id ${task.caseId} cannot carry a task id`);
  const attempt = task.attempt ?? 1;
  if (!Number.isSafeInteger(attempt) || attempt < 1)
    throw new MalformedTaskIdError(`attempt ${attempt} must be 1 or more`);
  return `${task.caseId}.${task.kind}.${task.country ?? 'rcm'}.${attempt}`;
}

/** The case a task id belongs to. @throws MalformedTaskIdError */
export function caseIdOfTask(taskId: string): string {
  const match = TASK_ID.exec(taskId);
  if (!match?.[1]) throw new MalformedTaskIdError(`${taskId} is not a task id`);
  return match[1];
}
