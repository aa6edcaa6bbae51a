/**
 * The workflow's money steps: hold a case's requested amount, give it back (the compensation of
 * every failure path), and commit it once the Secretariat approves. Each is safe to run twice:
 * the ledger applies a movement once per case, and the case's timeline and the audit log are
 * written only while the case does not yet record the movement.
 */
import { AUDIT_ACTIONS, type AuditAction, type AuditDetails, SYSTEM_ACTOR } from '../audit/audit-entry';
import type { AuditTrail } from '../audit/audit-trail';
import type { CaseRecord } from '../cases/case-record';
import type { CaseService } from '../cases/case-service';
import { type CaseAmounts, isFinalStatus } from '../contracts/case';
import { formatUsd } from '../contracts/money';
import type { CountryCode } from '../countries';
import { centsToUsd } from '../fund/cents';
import { InsufficientFundsError } from '../fund/fund-errors';
import type { ReserveFund } from '../fund/reserve-fund';
import type { FundLedger } from '../ports/fund-ledger';
import type { WorkflowWaits } from '../ports/workflow-waits';
import { approversOf } from './approvers';
import { hasTimelineEvent } from './case-timeline';
import type { CaseStepInput, ReleaseFundsInput } from './step-contracts';
import { CaseAlreadyFinalError } from './workflow-errors';

export interface FundStepDeps {
  readonly cases: CaseService;
  readonly fund: ReserveFund;
  readonly audit: AuditTrail;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface ReserveFundsResult {
  readonly caseId: string;
  readonly amountUsd: number;
  /** The countries that approve, in route order: exit, transit..., reception. */
  readonly approvers: readonly CountryCode[];
}

export interface ReleaseFundsResult {
  readonly caseId: string;
  /** What gave the money back: a release of the hold, a reversal of a disbursement, or nothing. */
  readonly movement: 'release' | 'reversal' | 'none';
  readonly amountUsd: number;
}

export interface DisburseFundsResult {
  readonly caseId: string;
  readonly amountUsd: number;
}

const at = (deps: { readonly now?: () => Date }): string => (deps.now?.() ?? new Date()).toISOString();

/** A movement of the case's money as the case and the audit log record it. */
interface MovementRecord {
  readonly event: 'funds_reserved' | 'funds_released' | 'funds_disbursed';
  readonly action: AuditAction;
  readonly details: AuditDetails;
  /** The case's amounts after the movement. */
  readonly amounts: Partial<Pick<CaseAmounts, 'reservedUsd' | 'disbursedUsd'>>;
  readonly es: string;
  readonly en: string;
}

/**
 * Audits a movement, then records it on the case (its amounts and its timeline event) unless the
 * case already has the event. Audit first, once: if the step dies in between, the retry finds
 * the entry (a case moves each kind of money once) and records only what is missing.
 */
async function recordMovement(
  deps: FundStepDeps,
  record: CaseRecord,
  movement: MovementRecord,
): Promise<void> {
  const { caseId } = record;
  await deps.audit.appendOnce(
    caseId,
    { actor: SYSTEM_ACTOR, action: movement.action, details: movement.details },
    (entry) => entry.action === movement.action,
  );
  await deps.cases.mutate(
    caseId,
    (current) =>
      hasTimelineEvent(current, movement.event)
        ? {}
        : {
            changes: { amounts: { ...current.amounts, ...movement.amounts } },
            timeline: [
              {
                at: at(deps),
                event: movement.event,
                es: movement.es,
                en: movement.en,
                status: current.status,
              },
            ],
          },
    // The case as the step read it: the fund's and the audit's writes do not change its version.
    { read: record },
  );
}

/** What reserving needs beyond the fund: whether the case already holds money, and the queue. */
export interface ReserveStepDeps extends FundStepDeps {
  readonly ledger: Pick<FundLedger, 'getHold'>;
  readonly waits: Pick<WorkflowWaits, 'list'>;
}

/**
 * Holds the case's requested total in the fund and records it on the case. While other cases wait
 * for the fund, a new case queues behind them (InsufficientFundsError) even if it would fit:
 * the queue is served oldest first (./fund-wait.ts), which passes `servingQueue`.
 * @throws CaseNotFoundError, CaseAlreadyFinalError, InsufficientFundsError, CeilingExceededError
 */
export async function reserveFunds(
  deps: ReserveStepDeps,
  input: CaseStepInput,
  options: { readonly servingQueue?: boolean } = {},
): Promise<ReserveFundsResult> {
  const { caseId } = input;
  const record = await deps.cases.getForSystem(caseId);
  if (isFinalStatus(record.status)) {
    throw new CaseAlreadyFinalError(`case ${caseId} is ${record.status}: nothing to reserve for`);
  }
  const amountUsd = record.amounts.requestedUsd;
  const held = await deps.ledger.getHold(deps.fund.fundId, caseId);
  if (!held && !options.servingQueue) {
    const ahead = (await deps.waits.list('funds')).filter((wait) => wait.caseId !== caseId).length;
    if (ahead > 0) {
      throw new InsufficientFundsError(`${ahead} case(s) wait for the fund ahead of case ${caseId}`);
    }
  }
  await deps.fund.reserve({ caseId, amountUsd, actor: SYSTEM_ACTOR });
  if (!hasTimelineEvent(record, 'funds_reserved')) {
    await recordMovement(deps, record, {
      event: 'funds_reserved',
      action: AUDIT_ACTIONS.fundReserved,
      details: { fundId: deps.fund.fundId, amountUsd, currency: 'USD' },
      amounts: { reservedUsd: amountUsd },
      es: `Se reservaron ${formatUsd(amountUsd, 'es')} del Fondo de Reserva.`,
      en: `${formatUsd(amountUsd, 'en')} held in the Reserve Fund.`,
    });
  }
  return { caseId, amountUsd, approvers: approversOf(record).map(({ country }) => country) };
}

/**
 * Gives whatever the case holds back to the fund: a hold is released, a disbursement reversed;
 * nothing held (never reserved, or already given back) is a no-op. The compensation of every
 * failure path, so it never refuses a case for its status.
 * @throws CaseNotFoundError
 */
export async function releaseFunds(
  deps: FundStepDeps & { readonly ledger: Pick<FundLedger, 'getHold'> },
  input: ReleaseFundsInput,
): Promise<ReleaseFundsResult> {
  const { caseId, reason } = input;
  const record = await deps.cases.getForSystem(caseId);
  const hold = await deps.ledger.getHold(deps.fund.fundId, caseId);
  let movement: ReleaseFundsResult['movement'] = 'none';
  let amountUsd = 0;
  if (hold?.state === 'reserved') {
    amountUsd = (await deps.fund.release({ caseId, actor: SYSTEM_ACTOR })).entry.amount;
    movement = 'release';
  } else if (hold?.state === 'disbursed') {
    amountUsd = (await deps.fund.reverse({ caseId, actor: SYSTEM_ACTOR })).entry.amount;
    movement = 'reversal';
  }
  // A retry after the movement but before the case write finds the hold already given back.
  const givenBack = movement !== 'none' || hold?.state === 'released' || hold?.state === 'reversed';
  if (givenBack && !hasTimelineEvent(record, 'funds_released')) {
    const returned = amountUsd || centsToUsd(hold?.amountCents ?? 0);
    const reversal = movement === 'reversal' || hold?.state === 'reversed';
    await recordMovement(deps, record, {
      event: 'funds_released',
      action: reversal ? AUDIT_ACTIONS.fundReversed : AUDIT_ACTIONS.fundReleased,
      details: { fundId: deps.fund.fundId, amountUsd: returned, currency: 'USD', reason },
      amounts: { reservedUsd: 0, disbursedUsd: 0 },
      es: `Se devolvieron ${formatUsd(returned, 'es')} al Fondo de Reserva.`,
      en: `${formatUsd(returned, 'en')} returned to the Reserve Fund.`,
    });
    amountUsd = returned;
  }
  return { caseId, movement, amountUsd };
}

/**
 * Turns the case's hold into a disbursement (the Secretariat approved it).
 * @throws CaseNotFoundError, CaseAlreadyFinalError, HoldNotFoundError, HoldStateError
 */
export async function disburseFunds(deps: FundStepDeps, input: CaseStepInput): Promise<DisburseFundsResult> {
  const { caseId } = input;
  const record = await deps.cases.getForSystem(caseId);
  // A withdrawal that landed while the Secretariat decided wins: the money stays uncommitted.
  if (isFinalStatus(record.status)) {
    throw new CaseAlreadyFinalError(`case ${caseId} is ${record.status}: nothing to disburse`);
  }
  const amountUsd = (await deps.fund.disburse({ caseId, actor: SYSTEM_ACTOR })).entry.amount;
  if (!hasTimelineEvent(record, 'funds_disbursed')) {
    await recordMovement(deps, record, {
      event: 'funds_disbursed',
      action: AUDIT_ACTIONS.fundDisbursed,
      details: { fundId: deps.fund.fundId, amountUsd, currency: 'USD' },
      amounts: { reservedUsd: 0, disbursedUsd: amountUsd },
      es: `Se comprometieron ${formatUsd(amountUsd, 'es')} del Fondo de Reserva para el retorno.`,
      en: `${formatUsd(amountUsd, 'en')} committed from the Reserve Fund to the return.`,
    });
  }
  return { caseId, amountUsd };
}
