/**
 * Completing a human task: the decision is recorded exactly once (a conditional write), on the
 * case (its approvals and timeline) and in the audit chain, and then handed to the workflow that
 * waits on the task's token. The token stays on the server. A retry of the same decision by the
 * same person after a crash re-sends the hand-over instead of failing, so no decision is lost
 * between the task store and the workflow.
 */
import { isDeepStrictEqual } from 'node:util';
import { AUDIT_ACTIONS } from '../audit/audit-entry';
import type { AuditTrail } from '../audit/audit-trail';
import type { CaseRecord } from '../cases/case-record';
import type { CaseService } from '../cases/case-service';
import type { Approval, TimelineEntry } from '../contracts/case';
import type { Task as TaskAnswer } from '../contracts/task';
import { completionFormSchemaFor } from '../contracts/task';
import { RCM_COUNTRIES } from '../countries';
import { ConflictError } from '../errors';
import type { WorkflowEngine } from '../ports/workflow-engine';
import type { Principal } from '../roles';
import { handOverOutput } from '../tasks/decision-codes';
import type { Task, TaskData } from '../tasks/task';
import { approvalOf, isApprovalTask } from '../tasks/task-approval';
import { authoriseCompletion } from '../tasks/task-authorization';
import { TaskAlreadyCompletedError } from '../tasks/task-errors';
import { TASK_KIND_NAMES } from '../tasks/task-kind-names';
import type { TaskService } from '../tasks/task-service';
import { parseInput } from '../validation';
import { taskAnswer } from './task-answers';

export interface CompleteTaskDeps {
  readonly tasks: TaskService;
  readonly cases: CaseService;
  readonly audit: AuditTrail;
  readonly workflow: WorkflowEngine;
}

/** The case's approvals with this task's decided: its entry updated, or added if the case had none. */
function decidedApprovals(approvals: readonly Approval[], decided: Task): Approval[] {
  const comment = (decided.decision as { comment?: string }).comment;
  const entry: Approval = { ...approvalOf(decided), ...(comment ? { comment } : {}) };
  const existing = approvals.find((approval) => approval.taskId === decided.taskId);
  return existing
    ? approvals.map((approval) =>
        approval.taskId === decided.taskId
          ? { ...approval, ...entry, approvalRole: approval.approvalRole }
          : approval,
      )
    : [...approvals, entry];
}

function timelineEntry(task: Task, decided: Task): TimelineEntry {
  const actor = decided.completedBy;
  const at = decided.completedAt ?? new Date().toISOString();
  if (isApprovalTask(task)) {
    const approve = (decided.decision as { decision: string }).decision === 'approve';
    const country = task.assignee.country;
    const who = country
      ? { es: RCM_COUNTRIES[country].es, en: RCM_COUNTRIES[country].en }
      : { es: 'Secretaría Técnica de la CRM', en: 'RCM Technical Secretariat' };
    const disbursement = task.kind === 'disbursement_approval';
    return {
      at,
      event: 'approval_decided',
      es: `${who.es}: ${approve ? 'aprobó' : 'rechazó'}${disbursement ? ' el desembolso' : ''}.`,
      en: `${who.en}: ${approve ? 'approved' : 'rejected'}${disbursement ? ' the disbursement' : ''}.`,
      ...(actor ? { actor } : {}),
    };
  }
  return {
    at,
    event: `${task.kind}_completed`,
    es: `Tarea completada: ${TASK_KIND_NAMES[task.kind].es.toLowerCase()}.`,
    en: `Task completed: ${TASK_KIND_NAMES[task.kind].en.toLowerCase()}.`,
    ...(actor ? { actor } : {}),
  };
}

async function hasCompletionEntry(audit: AuditTrail, caseId: string, taskId: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await audit.entries(caseId, { limit: 100, ...(cursor ? { cursor } : {}) });
    if (page.items.some((e) => e.action === AUDIT_ACTIONS.taskCompleted && e.details.taskId === taskId))
      return true;
    cursor = page.nextCursor;
  } while (cursor);
  return false;
}

export async function completeTask(
  deps: CompleteTaskDeps,
  principal: Principal,
  taskId: string,
  body: unknown,
): Promise<TaskAnswer> {
  // A task the caller may not see is answered as a missing one (404) before anything else is read.
  const task = await deps.tasks.get(taskId, principal);
  const record = await deps.cases.getForSystem(task.caseId);
  // Who may decide is settled before the form is read: 403 for anyone else who sees the task.
  const grant = authoriseCompletion(task, principal, record.submittedBy.subject);
  // The body does not name its kind: it is read with the form of the task's.
  const form = parseInput(completionFormSchemaFor(task.kind), body, `${task.kind} form`, 'body') as TaskData;

  let decided: Task;
  let firstTime = true;
  try {
    decided = await deps.tasks.decide(grant, form);
  } catch (error) {
    // The same person sending the same decision again (a retry after a lost answer or a crash):
    // finish what the first attempt may not have, rather than refuse it. Anything else stays a conflict.
    const current =
      error instanceof TaskAlreadyCompletedError ? await deps.tasks.getForSystem(taskId) : undefined;
    const sameDecision =
      current?.status === 'completed' &&
      current.completedBy?.subject === principal.subject &&
      isDeepStrictEqual(current.decision, form);
    if (!current || !sameDecision) throw error;
    decided = current;
    firstTime = false;
  }

  await finishDecision(deps, decided, { firstTime, read: record });
  return taskAnswer(decided, new Date());
}

/**
 * Everything a decision does after the task store recorded it: the case's approvals and timeline,
 * the audit entry, the hand-over to the waiting execution, and clearing the pending hand-over.
 * Each part is written once however often this runs, so the reconciler finishes with it what a
 * crash left undone after the decision was recorded, whether or not the person retries.
 * @param options.firstTime this run recorded the decision (a failed hand-over is then an error)
 * @param options.read the case as just read, to spare a read
 * @returns true when this run handed the decision to an execution that was waiting for it
 */
export async function finishDecision(
  deps: CompleteTaskDeps,
  decided: Task,
  options: { readonly firstTime: boolean; readonly read?: CaseRecord },
): Promise<boolean> {
  const { firstTime } = options;
  const task = decided;
  const taskId = decided.taskId;
  const actor = decided.completedBy;
  // The completion time is fixed in the task store, so (at, event) identifies this entry on retries.
  const entry = timelineEntry(task, decided);
  await deps.cases.mutate(
    task.caseId,
    (current) =>
      current.timeline.some((existing) => existing.at === entry.at && existing.event === entry.event)
        ? {}
        : {
            ...(isApprovalTask(task)
              ? { changes: { approvals: decidedApprovals(current.approvals, decided) } }
              : {}),
            timeline: [entry],
          },
    // The case read for the submitter check: a write by anyone since is a version conflict, re-read then.
    options.read ? { read: options.read } : {},
  );
  if (actor && (firstTime || !(await hasCompletionEntry(deps.audit, task.caseId, taskId)))) {
    await deps.audit.append(task.caseId, {
      actor,
      action: AUDIT_ACTIONS.taskCompleted,
      details: {
        taskId,
        kind: task.kind,
        ...(isApprovalTask(task) ? { decision: (decided.decision as { decision: string }).decision } : {}),
      },
    });
  }

  const token = await deps.tasks.takeTaskToken(taskId);
  let delivered = false;
  if (token) {
    try {
      await deps.workflow.completeTask(token, handOverOutput(decided));
      delivered = true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // A first hand-over refused: the execution waits on a newer token (its createTask step was
      // retried while the person decided; the store keeps the retry's token). The decision is
      // recorded, so it stays pending and the reconciler hands it to that token. A retry's refusal
      // means the first hand-over went through.
      if (firstTime) return false;
    }
  }
  // Until here a crash leaves the hand-over pending, and the reconciler finishes the decision.
  await deps.tasks.handedOver(decided);
  return delivered;
}
