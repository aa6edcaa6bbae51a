/**
 * What the state machine hands each step of the case workflow, and what each answers. Inputs are
 * closed, so a misspelt field in the definition fails loudly instead of being ignored. Executions
 * carry ids, codes, statuses and amounts only, never personal data (docs/architecture.md, data protection).
 */
import * as z from 'zod';
import { CASE_EVENT_CODES, CASE_EVENTS, quotesCode } from '../cases/case-events';
import { caseStatusSchema } from '../contracts/case';
import { caseIdSchema } from '../contracts/case-id';
import { closedObject } from '../contracts/closed-object';
import { countryCodeSchema } from '../contracts/country';
import { ROLES } from '../roles';
import { TASK_KINDS } from '../tasks/task';

/**
 * A machine-readable reason (an error name such as `CountryRejected` or `States.Timeout`): a code,
 * so that free text (which might carry personal data) cannot reach the ledger or the audit log.
 */
const reasonSchema = /* @__PURE__ */ (() =>
  z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a reason code'))();

export const caseStepInputSchema = /* @__PURE__ */ (() => closedObject({ caseId: caseIdSchema }))();
export type CaseStepInput = z.infer<typeof caseStepInputSchema>;

export const releaseFundsInputSchema = /* @__PURE__ */ (() =>
  closedObject({ caseId: caseIdSchema, reason: reasonSchema }))();
export type ReleaseFundsInput = z.infer<typeof releaseFundsInputSchema>;

export const createTaskInputSchema = /* @__PURE__ */ (() =>
  closedObject({
    caseId: caseIdSchema,
    kind: z.enum(TASK_KINDS),
    role: z.enum(ROLES),
    /** For country roles (authority, reintegration); absent for the Secretariat and operations. */
    country: countryCodeSchema.optional(),
    /** 1 for the first task of this kind and country; a re-issued task counts up. @default 1 */
    attempt: z.number().int().positive().optional(),
    /** The deadline, from now; the state machine's TimeoutSeconds for the same wait. */
    dueInSeconds: z
      .number()
      .int()
      .positive()
      .max(366 * 86_400),
    /** `$$.Task.Token`: kept server-side with the task, never answered. */
    taskToken: z.string().min(1),
  }))();
export type CreateTaskInput = z.infer<typeof createTaskInputSchema>;

const closeOutcomeSchema = /* @__PURE__ */ (() => z.enum(['expired', 'cancelled']))();

/** Closes one task (by id, or by what makes its id) or every open task of the case. */
export const closeTaskInputSchema = /* @__PURE__ */ (() =>
  z.union([
    closedObject({
      caseId: caseIdSchema,
      taskId: z.string().min(1),
      outcome: closeOutcomeSchema,
      reason: reasonSchema,
    }),
    closedObject({
      caseId: caseIdSchema,
      kind: z.enum(TASK_KINDS),
      country: countryCodeSchema.optional(),
      attempt: z.number().int().positive().optional(),
      outcome: closeOutcomeSchema,
      reason: reasonSchema,
    }),
    closedObject({
      caseId: caseIdSchema,
      all: z.literal(true),
      outcome: closeOutcomeSchema,
      reason: reasonSchema,
    }),
  ]))();
export type CloseTaskInput = z.infer<typeof closeTaskInputSchema>;

/**
 * Records one of the workflow's outcomes (shared/cases/case-events). The sentences are the
 * domain's: the definition passes the event and, for a sentence that quotes one, the code.
 */
export const recordCaseEventInputSchema = /* @__PURE__ */ (() =>
  closedObject({
    caseId: caseIdSchema,
    /** The status to move to: the event's own (CASE_EVENTS), stated so the definition reads whole. */
    status: caseStatusSchema.optional(),
    event: z.enum(CASE_EVENT_CODES),
    /** What the event's sentences quote: a country code, `ST-CRM`, or an error name. */
    code: reasonSchema.optional(),
  }).superRefine((input, ctx) => {
    if (input.status !== undefined && input.status !== CASE_EVENTS[input.event].status) {
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: `must be ${CASE_EVENTS[input.event].status}, the status of ${input.event}`,
        params: { rule: 'event_status' },
      });
    }
    if (quotesCode(input.event) !== (input.code !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: quotesCode(input.event)
          ? `is required: the sentences of ${input.event} quote it`
          : `must be absent: the sentences of ${input.event} quote no code`,
        params: { rule: 'event_code' },
      });
    }
  }))();
export type RecordCaseEventInput = z.infer<typeof recordCaseEventInputSchema>;

export const bookTravelInputSchema = /* @__PURE__ */ (() =>
  closedObject({
    caseId: caseIdSchema,
    /**
     * Which booking of the case: 1, then 2 once a cancelled booking is replaced. The booking key
     * `<caseId>#<attempt>` makes a retried step answer the same booking. @default 1
     */
    attempt: z.number().int().positive().max(99).optional(),
  }))();
export type BookTravelInput = z.infer<typeof bookTravelInputSchema>;

/** Records what operations entered in the case's completed `manual_booking` task. */
export const recordManualBookingInputSchema = /* @__PURE__ */ (() =>
  closedObject({
    caseId: caseIdSchema,
    /** The task's id, from the completion the wait answered with (`$.booking.taskId`). */
    taskId: z.string().min(1).max(200),
  }))();
export type RecordManualBookingInput = z.infer<typeof recordManualBookingInputSchema>;

/** Cancels the case's booking (a compensation): the reason is a code, e.g. `CaseWithdrawn`. */
export const cancelBookingInputSchema = /* @__PURE__ */ (() =>
  closedObject({ caseId: caseIdSchema, reason: reasonSchema }))();
export type CancelBookingInput = z.infer<typeof cancelBookingInputSchema>;
