/**
 * The reintegration workflow's steps (workflows/reintegration-workflow.ts): once arrival is
 * confirmed the case workflow starts it (StartReintegration); it plans the check-ins (by default
 * 30, 90 and 180 days after arrival), records each one as its officer's form found it (or as
 * missed when no one recorded it in time, which is not a failure), and closes the case with a
 * summary after the last. Steps carry ids, dates and codes; the findings stay on the case.
 */
import * as z from 'zod';
import { AUDIT_ACTIONS, SYSTEM_ACTOR } from '../audit/audit-entry';
import type { AuditTrail } from '../audit/audit-trail';
import type { CaseService } from '../cases/case-service';
import { type CheckIn, checkInFindingsShape, type ReintegrationSummary } from '../contracts/case';
import { caseIdSchema } from '../contracts/case-id';
import { closedObject } from '../contracts/closed-object';
import { addDays, calendarDateSchema } from '../contracts/dates';
import type { CountryCode } from '../countries';
import { LOCALES } from '../locales';
import type { StartedExecution, WorkflowEngine } from '../ports/workflow-engine';
import type { TaskService } from '../tasks/task-service';
import { caseStepInputSchema } from './step-contracts';
import { CaseAlreadyFinalError } from './workflow-errors';

/** A calendar day written for people in a timeline sentence ("Jan 4, 2027", "4 ene 2027"). */
const calendarDay = (isoDate: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );

export const startReintegrationInputSchema = /* @__PURE__ */ (() =>
  closedObject({
    caseId: caseIdSchema,
    /** The day the receiving country confirmed (the arrival form's arrivedOn). */
    arrivedOn: calendarDateSchema,
  }))();
export type StartReintegrationInput = z.infer<typeof startReintegrationInputSchema>;

export const planCheckInsInputSchema = /* @__PURE__ */ (() =>
  closedObject({
    caseId: caseIdSchema,
    arrivedOn: calendarDateSchema,
    /** Days after arrival of each check-in, ascending. */
    days: z.array(z.number().int().positive().max(3650)).min(1).max(12),
    /** How long before its day a check-in's task opens. */
    leadSeconds: z.number().int().nonnegative(),
  }))();
export type PlanCheckInsInput = z.infer<typeof planCheckInsInputSchema>;

export const recordCheckInInputSchema = /* @__PURE__ */ (() =>
  closedObject({
    caseId: caseIdSchema,
    /** 1 for the first check-in: its place in the plan, and its task's attempt. */
    attempt: z.number().int().positive(),
    outcome: z.enum(['completed', 'missed']),
    /** The completed task (for `completed`). */
    taskId: z.string().min(1).optional(),
  }))();
export type RecordCheckInInput = z.infer<typeof recordCheckInInputSchema>;

export const closeReintegrationInputSchema = caseStepInputSchema;
export type CloseReintegrationInput = z.infer<typeof closeReintegrationInputSchema>;

export interface StartReintegrationResult {
  readonly caseId: string;
  readonly executionArn: string;
}

export interface PlannedCheckIn {
  readonly attempt: number;
  readonly day: number;
  /** When the check-in's task opens (an instant, for the Wait state's TimestampPath). */
  readonly opensAt: string;
}

export interface PlanCheckInsResult {
  readonly caseId: string;
  /** The return country, whose reintegration officer records the check-ins. */
  readonly country: CountryCode;
  readonly checkIns: readonly PlannedCheckIn[];
}

export interface RecordCheckInResult {
  readonly caseId: string;
  readonly attempt: number;
  readonly status: CheckIn['status'];
}

export interface CloseReintegrationResult {
  readonly caseId: string;
  readonly summary: ReintegrationSummary;
}

export interface ReintegrationStepDeps {
  readonly cases: CaseService;
  readonly audit: AuditTrail;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * Starts the reintegration workflow of a case that arrived. Named after the case, so a retried
 * step answers the same execution.
 */
export async function startReintegration(
  deps: { readonly reintegration: Pick<WorkflowEngine, 'startCase'> },
  input: StartReintegrationInput,
): Promise<StartReintegrationResult> {
  const started: StartedExecution = await deps.reintegration.startCase(input.caseId, {
    caseId: input.caseId,
    arrivedOn: input.arrivedOn,
  });
  return { caseId: input.caseId, executionArn: started.executionArn };
}

/**
 * Writes the planned check-ins on the case (scheduled, with their due days) and answers when each
 * task opens. Safe to run twice: a plan already on the case is kept.
 * @throws CaseAlreadyFinalError
 */
export async function planCheckIns(
  deps: ReintegrationStepDeps,
  input: PlanCheckInsInput,
): Promise<PlanCheckInsResult> {
  const record = await deps.cases.getForSystem(input.caseId);
  if (record.status !== 'REINTEGRATION') {
    throw new CaseAlreadyFinalError(`case ${input.caseId} is ${record.status}: no check-ins to plan`);
  }
  const plan = input.days.map((day) => ({ day, dueOn: addDays(input.arrivedOn, day) }));
  if (record.checkIns.length === 0) {
    await deps.cases.mutate(input.caseId, (current) =>
      current.checkIns.length > 0
        ? {}
        : {
            changes: {
              checkIns: plan.map(({ day, dueOn }) => ({ dayAfterArrival: day, dueOn, status: 'scheduled' })),
            },
            timeline: [
              {
                at: (deps.now?.() ?? new Date()).toISOString(),
                event: 'checkins_planned',
                es: `Seguimiento de reintegración: ${plan.map(({ dueOn }) => calendarDay(dueOn, LOCALES.es)).join(', ')}.`,
                en: `Reintegration follow-up: ${plan.map(({ dueOn }) => calendarDay(dueOn, LOCALES.en)).join(', ')}.`,
                status: current.status,
              },
            ],
          },
    );
  }
  return {
    caseId: input.caseId,
    country: record.returnCountry,
    checkIns: plan.map(({ day, dueOn }, index) => ({
      attempt: index + 1,
      day,
      opensAt: new Date(Date.parse(`${dueOn}T00:00:00Z`) - input.leadSeconds * 1000).toISOString(),
    })),
  };
}

/** The fields a check-in's form fills on the case: its findings and notes. */
const FINDINGS = [...Object.keys(checkInFindingsShape), 'notes'] as const;

/**
 * Records a check-in on the case: what the officer's form found (read from the completed task, so
 * the findings never travel through the execution), or that it was missed. Safe to run twice.
 * @throws TaskNotFoundError (a completed check-in names its task)
 */
export async function recordCheckIn(
  deps: ReintegrationStepDeps & { readonly tasks: TaskService },
  input: RecordCheckInInput,
): Promise<RecordCheckInResult> {
  const task = input.taskId ? await deps.tasks.getForSystem(input.taskId) : undefined;
  const form = (task?.decision ?? {}) as Record<string, unknown>;
  const at = (deps.now?.() ?? new Date()).toISOString();
  let status: CheckIn['status'] = input.outcome;
  let wrote = false;
  let recordedBefore = false;
  await deps.cases.mutate(input.caseId, (current) => {
    const index = input.attempt - 1;
    const planned = current.checkIns[index];
    wrote = planned !== undefined && (planned.status === 'scheduled' || planned.status === 'open');
    recordedBefore = planned !== undefined && !wrote;
    status = planned?.status ?? input.outcome;
    if (!planned || !wrote) return {};
    status = input.outcome;
    const findings = Object.fromEntries(FINDINGS.filter((field) => field in form).map((f) => [f, form[f]]));
    const checkIn: CheckIn = {
      ...planned,
      status: input.outcome,
      ...(task ? { taskId: task.taskId } : {}),
      ...findings,
      ...(task?.completedBy ? { recordedBy: task.completedBy } : {}),
      recordedAt: task?.completedAt ?? at,
    };
    const day = planned.dayAfterArrival;
    return {
      changes: { checkIns: current.checkIns.map((existing, i) => (i === index ? checkIn : existing)) },
      timeline: [
        input.outcome === 'completed'
          ? {
              at,
              event: 'checkin_recorded',
              es: `Seguimiento del día ${day} registrado.`,
              en: `Day ${day} check-in recorded.`,
              status: current.status,
            }
          : {
              at,
              event: 'checkin_missed',
              es: `El seguimiento del día ${day} no se registró a tiempo.`,
              en: `The day ${day} check-in was not recorded in time.`,
              status: current.status,
            },
      ],
    };
  });
  const audit = {
    actor: SYSTEM_ACTOR,
    action: AUDIT_ACTIONS.checkInRecorded,
    details: { attempt: input.attempt, outcome: status, ...(task ? { taskId: task.taskId } : {}) },
  };
  if (wrote) await deps.audit.append(input.caseId, audit);
  // The run that recorded the check-in may have died before auditing it.
  else if (recordedBefore)
    await deps.audit.appendOnce(
      input.caseId,
      audit,
      (entry) => entry.action === AUDIT_ACTIONS.checkInRecorded && entry.details.attempt === input.attempt,
    );
  return { caseId: input.caseId, attempt: input.attempt, status };
}

/** Counts the check-ins: how many were done, how many reached the person, the last intention. */
export function reintegrationSummary(checkIns: readonly CheckIn[]): ReintegrationSummary {
  const completed = checkIns.filter((checkIn) => checkIn.status === 'completed');
  const last = completed.at(-1)?.intendsToMigrateAgain;
  return {
    checkIns: checkIns.length,
    completed: completed.length,
    contactMade: completed.filter((checkIn) => checkIn.contactMade === true).length,
    ...(last ? { intendsToMigrateAgain: last } : {}),
  };
}

/** Writes the reintegration summary on the case before it is CLOSED. Safe to run twice. */
export async function closeReintegration(
  deps: ReintegrationStepDeps,
  input: CloseReintegrationInput,
): Promise<CloseReintegrationResult> {
  const after = await deps.cases.mutate(input.caseId, (current) =>
    current.reintegration ? {} : { changes: { reintegration: reintegrationSummary(current.checkIns) } },
  );
  return { caseId: input.caseId, summary: after.reintegration ?? reintegrationSummary(after.checkIns) };
}
