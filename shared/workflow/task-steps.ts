/**
 * The workflow's human-task steps: open a task whose token the execution waits on, and close
 * tasks whose wait ended without a decision (a deadline passed, or the case ended elsewhere).
 * Task contexts carry ids, codes and amounts: what the assignee decides on, no personal data.
 */
import { AUDIT_ACTIONS, type AuditEntry, SYSTEM_ACTOR } from '../audit/audit-entry';
import type { AppendInput, AuditTrail } from '../audit/audit-trail';
import type { CaseRecord } from '../cases/case-record';
import type { CaseService } from '../cases/case-service';
import { isFinalStatus } from '../contracts/case';
import type { TaskKind } from '../contracts/task';
import type { CountryCode } from '../countries';
import { type NotifierDeps, type NotifyResult, notify } from '../notifications/notifier';
import type { Task, TaskData } from '../tasks/task';
import { taskIdFor } from '../tasks/task';
import { TaskAlreadyCompletedError } from '../tasks/task-errors';
import type { TaskService } from '../tasks/task-service';
import { approversOf } from './approvers';
import type { CloseTaskInput, CreateTaskInput } from './step-contracts';
import { CaseAlreadyFinalError } from './workflow-errors';

export interface TaskStepDeps {
  readonly tasks: TaskService;
  readonly audit: AuditTrail;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface CreateTaskResult {
  readonly taskId: string;
  /** False when a retried step found the task already open (its token is refreshed). */
  readonly created: boolean;
  /** The assignee's email (task_assigned): sent, skipped as sent before, or failed and pending. */
  readonly emails: NotifyResult;
}

export interface CloseTaskResult {
  readonly caseId: string;
  /** Tasks this step moved to expired or cancelled (or found already so: a retry). */
  readonly closed: readonly string[];
  /** Tasks decided before they could be closed: the decision stands, the workflow has moved on. */
  readonly alreadyDecided: readonly string[];
}

const DAY_SECONDS = 86_400;

/** How long after its due date an overdue reintegration check-in is reminded (issue 9, item 6). */
export const CHECKIN_OVERDUE_REMINDER_SECONDS = 14 * DAY_SECONDS;

/**
 * When a task's one reminder is due, from its creation: decisions (approvals, a manual booking)
 * when half their deadline has passed; an arrival confirmation when it falls due, since arrival
 * cannot be confirmed before the person travels and overdue is what needs a nudge; a
 * reintegration check-in 14 days after its due date, overdue being its reminder's cue.
 */
export function reminderOffsetSeconds(kind: TaskKind, dueInSeconds: number): number {
  switch (kind) {
    case 'arrival_confirmation':
      return dueInSeconds;
    case 'reintegration_checkin':
      return dueInSeconds + CHECKIN_OVERDUE_REMINDER_SECONDS;
    case 'country_approval':
    case 'disbursement_approval':
    case 'manual_booking':
      return Math.floor(dueInSeconds / 2);
  }
}

/** What the assignee needs to decide: the route, the amount and the approvers' flags (codes). */
export function taskContext(record: CaseRecord, input: Pick<CreateTaskInput, 'kind' | 'country'>): TaskData {
  const approvalRole =
    input.kind === 'disbursement_approval'
      ? 'disbursement'
      : approversOf(record).find(({ country }) => country === input.country)?.approvalRole;
  return {
    ...(approvalRole ? { approvalRole } : {}),
    ...(input.country ? { country: input.country } : {}),
    amountUsd: record.amounts.requestedUsd,
    currency: 'USD',
    routeMode: record.request.route.mode,
    locationCountry: record.locationCountry,
    transitCountries: [...record.transitCountries],
    returnCountry: record.returnCountry,
    flags: (record.eligibility?.flags ?? []).map(({ code }) => code),
  };
}

/**
 * Opens the task the execution waits on (waitForTaskToken), keeps its token server-side, then
 * emails the assignee (task_assigned). A retried step lands on the same task id, so it never
 * opens a second task, and on the same outbox entry, so the assignee is emailed once.
 *
 * A failed send does not fail the step: the task is what the execution waits on and it is
 * stored; the email stays pending in the outbox and the reconciler sends it. Failing the step
 * instead would, after its retries, compensate and end the case over an email. A failure to
 * write the outbox is thrown like any other storage failure (a retry records it).
 * @throws CaseNotFoundError, CaseAlreadyFinalError, ValidationError (role and country disagree)
 */
export async function createTask(
  deps: TaskStepDeps & { readonly cases: CaseService; readonly notifier: NotifierDeps },
  input: CreateTaskInput,
): Promise<CreateTaskResult> {
  const record = await deps.cases.getForSystem(input.caseId);
  if (isFinalStatus(record.status)) {
    throw new CaseAlreadyFinalError(`case ${input.caseId} is ${record.status}: no task to open`);
  }
  const nowMs = (deps.now?.() ?? new Date()).getTime();
  const dueAt = new Date(nowMs + input.dueInSeconds * 1000).toISOString();
  const { task, created } = await deps.tasks.create(
    {
      caseId: input.caseId,
      kind: input.kind,
      assignee: { role: input.role, ...(input.country ? { country: input.country } : {}) },
      ...(input.attempt ? { attempt: input.attempt } : {}),
      dueAt,
      reminderAt: new Date(
        nowMs + reminderOffsetSeconds(input.kind, input.dueInSeconds) * 1000,
      ).toISOString(),
      context: taskContext(record, input),
    },
    input.taskToken,
  );
  const audit: AppendInput = {
    actor: SYSTEM_ACTOR,
    action: AUDIT_ACTIONS.taskCreated,
    details: {
      taskId: task.taskId,
      kind: task.kind,
      role: task.assignee.role,
      country: task.assignee.country,
      dueAt: task.dueAt,
    },
  };
  if (created) await deps.audit.append(input.caseId, audit);
  // The run that created the task may have died before auditing it.
  else await deps.audit.appendOnce(input.caseId, audit, (entry) => isAuditOf(entry, audit, task.taskId));
  const emails = await notify(deps.notifier, record, { kind: 'task_assigned', task });
  return { taskId: task.taskId, created, emails };
}

/** True when the entry is the task's audit of that kind (a task is created and closed once). */
function isAuditOf(entry: AuditEntry, audit: AppendInput, taskId: string): boolean {
  return entry.action === audit.action && entry.details.taskId === taskId;
}

/** The ids the input names: one task, or every open task of the case. */
function idsToClose(caseTasks: readonly Task[], input: CloseTaskInput): string[] {
  if ('all' in input) return caseTasks.filter((task) => task.status === 'open').map((task) => task.taskId);
  if ('taskId' in input) return [input.taskId];
  return [
    taskIdFor({
      caseId: input.caseId,
      kind: input.kind,
      ...(input.attempt ? { attempt: input.attempt } : {}),
      ...(input.country ? { country: input.country as CountryCode } : {}),
    }),
  ];
}

/**
 * Expires or cancels a task (or every open task of the case). Safe to run twice: a task already
 * closed the same way counts as closed (and is not audited again), and a task decided in the
 * meantime is left as decided.
 * @throws TaskNotFoundError (a named task that does not exist)
 */
export async function closeTask(deps: TaskStepDeps, input: CloseTaskInput): Promise<CloseTaskResult> {
  const caseTasks = await deps.tasks.forCase(input.caseId);
  const closed: string[] = [];
  const alreadyDecided: string[] = [];
  for (const taskId of idsToClose(caseTasks, input)) {
    const before = caseTasks.find((task) => task.taskId === taskId);
    const audit = (task: Task): AppendInput => ({
      actor: SYSTEM_ACTOR,
      action: input.outcome === 'expired' ? AUDIT_ACTIONS.taskExpired : AUDIT_ACTIONS.taskCancelled,
      details: { taskId, kind: task.kind, country: task.assignee.country, reason: input.reason },
    });
    if (before?.status === input.outcome) {
      // The run that closed it may have died before auditing it.
      await deps.audit.appendOnce(input.caseId, audit(before), (entry) =>
        isAuditOf(entry, audit(before), taskId),
      );
      closed.push(taskId);
      continue;
    }
    let task: Task;
    try {
      task =
        input.outcome === 'expired'
          ? await deps.tasks.expire(taskId, input.reason)
          : await deps.tasks.cancel(taskId, input.reason);
    } catch (error) {
      // Decided just as its wait ended: the decision stands and the workflow has moved on.
      if (error instanceof TaskAlreadyCompletedError) {
        alreadyDecided.push(taskId);
        continue;
      }
      throw error;
    }
    closed.push(taskId);
    await deps.audit.append(input.caseId, audit(task));
  }
  return { caseId: input.caseId, closed, alreadyDecided };
}
