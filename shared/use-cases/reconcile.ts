/**
 * The reconciler: repairs, on a schedule, what a crash between two writes left undone, so that
 * nothing is lost (docs/architecture.md, "Nothing lost"). A submission stores its case, then
 * starts its workflow; a process killed between the two leaves the case SUBMITTED with no
 * execution, and the person's one open case blocked. The reconciler starts the workflow of every
 * case still SUBMITTED after a grace period. Starting is idempotent (the execution is named after
 * the case), so a case whose execution is only slow, or a second reconciler, changes nothing.
 *
 * A decision is recorded on its task (with its hand-over marked pending, in the same write), then
 * handed to the waiting execution. A process killed between the two leaves the execution waiting
 * until the deadline expires the case. The reconciler sends every hand-over still pending after
 * the grace period again; an execution that already has it answers that it no longer waits
 * (TaskClosedError), which also settles it. Either way the decision reaches the workflow once.
 *
 * A contribution serves the fund's queue after it is recorded; a process killed in between leaves
 * cases waiting that the money covers. Every round serves the queue too (shared/workflow/fund-wait).
 *
 * Every email is recorded in the outbox before it is sent; a process killed in between (or an SES
 * outage) leaves it unsent. Every round sends what is still unsent after the grace period, once. A
 * sender killed after SES accepted its email leaves it claimed; SES's Send event marks it sent, and
 * its claim is taken over only after the lease and the send event's grace (the notifier's
 * sendEventGraceSeconds), so such an email is not sent again. An email that keeps failing is given
 * up after the notifier's maxAttempts (failed, the Secretariat alerted) and no longer tried.
 */
import type { AuditTrail } from '../audit/audit-trail';
import type { CaseService } from '../cases/case-service';
import { ConflictError } from '../errors';
import { type NotifierDeps, resendUnsent } from '../notifications/notifier';
import type { WorkflowEngine } from '../ports/workflow-engine';
import type { TaskService } from '../tasks/task-service';
import { type FundWaitDeps, resumeWaitingCases } from '../workflow/fund-wait';
import { finishDecision } from './complete-task';

export interface ReconcileDeps {
  readonly cases: CaseService;
  readonly audit: AuditTrail;
  readonly tasks: TaskService;
  readonly workflow: WorkflowEngine;
  /** The fund's queue, served each round in case a crash kept a contribution from serving it. */
  readonly queue: FundWaitDeps;
  /** The email outbox, whose unsent emails each round sends again. */
  readonly notifier: NotifierDeps;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface ReconcileOptions {
  /** How long a submission may take to start its own workflow before the reconciler does. @default 60 */
  readonly graceSeconds?: number;
}

export interface ReconcileResult {
  /** Cases whose workflow was started (or found running) by this run. */
  readonly started: readonly string[];
  /** Cases still SUBMITTED whose execution exists and has ended: for the Secretariat to look at. */
  readonly stuck: readonly string[];
  /** Tasks whose decision was handed to the waiting execution again by this run. */
  readonly handedOver: readonly string[];
  /** Cases waiting for funds that this run resumed (oldest first). */
  readonly resumed: readonly string[];
  /** Emails recorded but not sent (a crash, an SES outage) that this run sent. */
  readonly emailsSent: number;
}

/**
 * Starts the workflow of every case left SUBMITTED, and sends again every decision's hand-over
 * left pending, for longer than the grace period.
 */
export async function reconcile(
  deps: ReconcileDeps,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const cutoff = (deps.now?.() ?? new Date()).getTime() - (options.graceSeconds ?? 60) * 1000;
  const { started, stuck } = await startStrandedCases(deps, cutoff);
  const handedOver = await resendHandOvers(deps, new Date(cutoff));
  const { resumed } = await resumeWaitingCases(deps.queue);
  const emails = await resendUnsent(deps.notifier, { before: new Date(cutoff) });
  return { started, stuck, handedOver, resumed, emailsSent: emails.sent.length };
}

async function resendHandOvers(deps: ReconcileDeps, before: Date): Promise<string[]> {
  const sent: string[] = [];
  for (let batch = await deps.tasks.pendingHandOvers(before); batch.length > 0; ) {
    for (const task of batch) {
      // The whole decision, not only its hand-over: the crash may also have come before the case's
      // timeline or the audit entry was written, and the person may never retry. Each part is
      // written once; an execution that already had the decision answers that it no longer waits.
      if (await finishDecision(deps, task, { firstTime: false })) sent.push(task.taskId);
    }
    batch = await deps.tasks.pendingHandOvers(before);
  }
  return sent;
}

async function startStrandedCases(
  deps: ReconcileDeps,
  cutoff: number,
): Promise<{ started: string[]; stuck: string[] }> {
  const started: string[] = [];
  const stuck: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.cases.listForSystem('SUBMITTED', { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const record of page.items) {
      if (Date.parse(record.createdAt) > cutoff) continue;
      try {
        await deps.workflow.startCase(record.caseId, { caseId: record.caseId });
        started.push(record.caseId);
      } catch (error) {
        // An execution of that name exists and has ended without moving the case: not ours to redo.
        if (!(error instanceof ConflictError)) throw error;
        stuck.push(record.caseId);
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { started, stuck };
}
