/**
 * The migrant withdraws, through the consular officer of their country: allowed until the day of
 * departure, always free, at every stage (also after the disbursement, with the travel booked).
 * The case becomes WITHDRAWN at once; whatever the workflow waits on (a task, the fund's queue,
 * the departure) is failed with `CaseWithdrawn`, so the workflow runs its compensation (cancel the
 * booking, give the money back, cancel the rest, tell everyone already told) the same way as on
 * any other failure path. A workflow busy in a step meets the WITHDRAWN case at its next record. Repeating a withdrawal finishes that
 * hand-over before answering that the case is already withdrawn, so a crash loses nothing.
 */
import { AUDIT_ACTIONS } from '../audit/audit-entry';
import type { AuditTrail } from '../audit/audit-trail';
import { assertMayWithdraw } from '../cases/access';
import { CaseNotWithdrawableError } from '../cases/case-errors';
import { API_CASE_EVENTS, WITHDRAWN_EVENT } from '../cases/case-events';
import type { CaseRecord } from '../cases/case-record';
import type { CaseService } from '../cases/case-service';
import { type CaseCreated, WITHDRAWABLE_CASE_STATUSES } from '../contracts/case';
import { ConflictError } from '../errors';
import type { WorkflowEngine } from '../ports/workflow-engine';
import { WAIT_KINDS, type WorkflowWaits } from '../ports/workflow-waits';
import { actorOf, type Principal } from '../roles';
import { TaskAlreadyCompletedError } from '../tasks/task-errors';
import type { TaskService } from '../tasks/task-service';

export interface WithdrawCaseDeps {
  readonly cases: CaseService;
  readonly tasks: TaskService;
  readonly audit: AuditTrail;
  readonly workflow: WorkflowEngine;
  readonly waits: Pick<WorkflowWaits, 'get'>;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** The error name the workflow's Catch matches to compensate a withdrawal. */
export const CASE_WITHDRAWN_ERROR = 'CaseWithdrawn';

/** The status a withdrawal sets. */
const WITHDRAWN = API_CASE_EVENTS[WITHDRAWN_EVENT].status;

function assertBeforeDeparture(record: CaseRecord, today: string): void {
  const departure = record.booking?.departureAt?.slice(0, 10);
  if (departure && today > departure) {
    throw new CaseNotWithdrawableError(
      `case ${record.caseId} departed on ${departure}: it can no longer be withdrawn`,
    );
  }
}

/** Fails whatever the workflow waits on (a task, the fund's queue, the departure), so it compensates. */
async function handOverWithdrawal(deps: WithdrawCaseDeps, caseId: string): Promise<void> {
  for (const kind of WAIT_KINDS) {
    const wait = await deps.waits.get(caseId, kind);
    if (!wait) continue;
    await deps.workflow
      .failTask(wait.token, CASE_WITHDRAWN_ERROR, 'the migrant withdrew the request')
      .catch((error: unknown) => {
        // The wait already ended (resumed, departed, timed out): the workflow meets WITHDRAWN next.
        if (!(error instanceof ConflictError)) throw error;
      });
  }
  for (const task of await deps.tasks.forCase(caseId)) {
    if (task.status !== 'open') continue;
    const token = await deps.tasks.takeTaskToken(task.taskId);
    if (token) {
      await deps.workflow
        .failTask(token, CASE_WITHDRAWN_ERROR, 'the migrant withdrew the request')
        .catch((error: unknown) => {
          // The workflow already moved past this task (decided or expired): nothing to hand over.
          if (!(error instanceof ConflictError)) throw error;
        });
    }
    await deps.tasks.cancel(task.taskId, 'the migrant withdrew the request').catch((error: unknown) => {
      // Decided in the same instant: the decision stands and the workflow compensates anyway.
      if (!(error instanceof TaskAlreadyCompletedError)) throw error;
    });
  }
}

export async function withdrawCase(
  deps: WithdrawCaseDeps,
  principal: Principal,
  caseId: string,
  reason: string,
): Promise<CaseCreated> {
  const now = deps.now?.() ?? new Date();
  const record = await deps.cases.get(caseId, principal);
  if (record.status === WITHDRAWN) {
    // Only whoever may withdraw finishes a withdrawal (the status check is what answers 409 here).
    assertMayWithdraw(principal, { ...record, status: 'SUBMITTED' });
    // The attempt that withdrew may have died before auditing it or handing it over.
    const withdrawnAt = record.timeline.findIndex((entry) => entry.event === WITHDRAWN_EVENT);
    const before = record.timeline.slice(0, withdrawnAt < 0 ? undefined : withdrawnAt);
    const previousStatus = before.findLast((entry) => entry.status !== undefined)?.status;
    const by = record.withdrawal?.by;
    await deps.audit.appendOnce(
      caseId,
      {
        actor: by ? { ...by } : actorOf(principal),
        action: AUDIT_ACTIONS.caseWithdrawn,
        details: { ...(previousStatus ? { previousStatus } : {}) },
      },
      (entry) => entry.action === AUDIT_ACTIONS.caseWithdrawn,
    );
    await handOverWithdrawal(deps, caseId);
    throw new CaseNotWithdrawableError(`case ${caseId} is already withdrawn`);
  }
  assertMayWithdraw(principal, record);
  assertBeforeDeparture(record, now.toISOString().slice(0, 10));

  const by = actorOf(principal);
  const at = now.toISOString();
  await deps.cases.mutate(caseId, (current) => {
    // Checked again on the version being written: the workflow may have moved the case meanwhile.
    if (!WITHDRAWABLE_CASE_STATUSES.includes(current.status)) {
      throw new CaseNotWithdrawableError(
        `case ${caseId} is ${current.status}: it can no longer be withdrawn`,
      );
    }
    assertBeforeDeparture(current, at.slice(0, 10));
    return {
      changes: { status: WITHDRAWN, withdrawal: { reason, at, by } },
      timeline: [
        {
          at,
          event: WITHDRAWN_EVENT,
          es: 'La persona desistió del retorno.',
          en: 'The person withdrew from the return.',
          actor: by,
          status: WITHDRAWN,
        },
      ],
    };
  });
  await deps.audit.append(caseId, {
    actor: actorOf(principal),
    action: AUDIT_ACTIONS.caseWithdrawn,
    details: { previousStatus: record.status },
  });
  await handOverWithdrawal(deps, caseId);
  return { caseId, status: WITHDRAWN };
}
