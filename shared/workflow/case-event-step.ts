/**
 * The workflow's record step: moves a case to a status (only along CASE_TRANSITIONS, never out of
 * a final status) and adds the event, in the sentences of shared/cases/case-events, to its readable
 * timeline and its audit log. Safe to run
 * twice: an event the case already records at that status changes nothing (beyond auditing it, if
 * the run that recorded it died before its audit), which is also how the workflow's RecordWithdrawn
 * meets a case the withdrawal API has already marked WITHDRAWN.
 */

import { AUDIT_ACTIONS, type AuditEntry, SYSTEM_ACTOR } from '../audit/audit-entry';
import type { AppendInput, AuditTrail } from '../audit/audit-trail';
import { caseEventSentences } from '../cases/case-events';
import type { CaseRecord } from '../cases/case-record';
import type { CaseService } from '../cases/case-service';
import type { CaseStatus } from '../contracts/case';
import { type Notice, type NotifierDeps, type NotifyResult, notify } from '../notifications/notifier';
import { assertTransition } from './case-transitions';
import type { RecordCaseEventInput } from './step-contracts';

export interface CaseEventStepDeps {
  readonly cases: CaseService;
  readonly audit: AuditTrail;
  /** Emails the consulate when the status changes. */
  readonly notifier: NotifierDeps;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface RecordCaseEventResult {
  readonly caseId: string;
  readonly status: CaseStatus;
  /** False when the case already recorded this event (a retry): nothing was written. */
  readonly changed: boolean;
  /** The consulate's status_changed email, when the event moved the case; absent otherwise. */
  readonly emails?: NotifyResult;
}

/**
 * True when this event is what moved the case into `status`: the first timeline entry at that
 * status is the event's. Read from the timeline rather than from this run's write, so a retry
 * after a crash between the write and the email still sends it (the outbox makes it once).
 */
function movedBy(record: CaseRecord, input: RecordCaseEventInput, status: CaseStatus): boolean {
  return record.timeline.find((entry) => entry.status === status)?.event === input.event;
}

/**
 * The emails an event sends besides the consulate's status email, whenever it is recorded (a
 * retry sends nothing twice: the outbox keeps each to one): the Secretariat learns of a case
 * waiting for funds and of a failure; a withdrawal is told to everyone already told about the case.
 */
function followUpOf(input: RecordCaseEventInput): Notice | undefined {
  switch (input.event) {
    case 'funds_waiting':
      return { kind: 'funds_waiting' };
    case 'withdrawal_completed':
      return { kind: 'withdrawal_notice' };
    case 'workflow_failed':
      return { kind: 'case_failed', error: input.code ?? 'Unknown' };
    default:
      return undefined;
  }
}

/** Two runs of notify as one result (for the step's log line). */
function together(
  first: NotifyResult | undefined,
  second: NotifyResult | undefined,
): NotifyResult | undefined {
  if (!first || !second) return first ?? second;
  return {
    sent: [...first.sent, ...second.sent],
    skipped: [...first.skipped, ...second.skipped],
    refused: [...first.refused, ...second.refused],
    failed: [...first.failed, ...second.failed],
  };
}

/** True when the timeline already holds this event at this status. */
function recorded(record: CaseRecord, input: RecordCaseEventInput, status: CaseStatus): boolean {
  return record.timeline.some((entry) => entry.event === input.event && entry.status === status);
}

/** The audit entry of the event: a status change, or an event recorded at the case's status. */
function auditOf(input: RecordCaseEventInput, from: CaseStatus, target: CaseStatus): AppendInput {
  return from === target
    ? {
        actor: SYSTEM_ACTOR,
        action: AUDIT_ACTIONS.caseEventRecorded,
        details: { event: input.event, status: target },
      }
    : {
        actor: SYSTEM_ACTOR,
        action: AUDIT_ACTIONS.caseStatusChanged,
        details: { from, to: target, event: input.event },
      };
}

function isAuditOf(entry: AuditEntry, input: RecordCaseEventInput, target: CaseStatus): boolean {
  if (entry.details.event !== input.event) return false;
  if (entry.action === AUDIT_ACTIONS.caseStatusChanged) return entry.details.to === target;
  return entry.action === AUDIT_ACTIONS.caseEventRecorded && entry.details.status === target;
}

/** The status the case had when the event was recorded: that of the timeline entry before it. */
function statusBefore(record: CaseRecord, input: RecordCaseEventInput, status: CaseStatus): CaseStatus {
  const at = record.timeline.findIndex((entry) => entry.event === input.event && entry.status === status);
  return record.timeline.slice(0, at).findLast((entry) => entry.status !== undefined)?.status ?? status;
}

/**
 * Records the event, moving the case to `input.status` when given, and emails the submitting
 * consulate when the event moved the case (status_changed, once per status). As in createTask, a
 * failed send leaves the email pending for the reconciler instead of failing the step: the status
 * is recorded, and an email must not compensate a case.
 * @throws CaseNotFoundError, CaseAlreadyFinalError (the case is final and the status differs),
 *   InvalidCaseTransitionError
 */
export async function recordCaseEvent(
  deps: CaseEventStepDeps,
  input: RecordCaseEventInput,
): Promise<RecordCaseEventResult> {
  const { caseId } = input;
  const before = await deps.cases.getForSystem(caseId);
  const target = input.status ?? before.status;
  assertTransition(caseId, before.status, target);
  const email = async (record: CaseRecord) => {
    const status = movedBy(record, input, target)
      ? await notify(deps.notifier, record, { kind: 'status_changed', status: target, event: input.event })
      : undefined;
    const notice = followUpOf(input);
    const followUp = notice ? await notify(deps.notifier, record, notice) : undefined;
    const emails = together(status, followUp);
    return emails ? { emails } : {};
  };
  if (recorded(before, input, target)) {
    // A run that died between the case write and the audit left the event unaudited: audit it now.
    await deps.audit.appendOnce(
      caseId,
      auditOf(input, statusBefore(before, input, target), target),
      (entry) => isAuditOf(entry, input, target),
    );
    return { caseId, status: before.status, changed: false, ...(await email(before)) };
  }

  let from: CaseStatus = before.status;
  let wrote = false;
  const after = await deps.cases.mutate(
    caseId,
    (current) => {
      // Checked again on every optimistic attempt: someone may have moved the case meanwhile.
      assertTransition(caseId, current.status, target);
      from = current.status;
      wrote = !recorded(current, input, target);
      if (!wrote) return {};
      const at = (deps.now?.() ?? new Date()).toISOString();
      // A failure is kept on the case by its error name, for the Secretariat's review.
      const failure =
        input.event === 'workflow_failed' ? { failure: { error: input.code ?? 'Unknown', at } } : {};
      const status = current.status === target ? {} : { status: target };
      return {
        ...(Object.keys({ ...status, ...failure }).length > 0 ? { changes: { ...status, ...failure } } : {}),
        timeline: [
          {
            at,
            event: input.event,
            ...caseEventSentences(input.event, input.code),
            status: target,
          },
        ],
      };
    },
    { read: before },
  );
  if (!wrote) return { caseId, status: after.status, changed: false, ...(await email(after)) };
  await deps.audit.append(caseId, auditOf(input, from, target));
  return { caseId, status: after.status, changed: true, ...(await email(after)) };
}
