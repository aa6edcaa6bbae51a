/**
 * Human tasks: every step that waits on a person (an approval, an arrival confirmation, a
 * check-in, a manual booking) and the form that completes each kind. The body of
 * `POST /api/tasks/{taskId}/complete` carries no kind: the handler looks the task up and parses
 * the body with `completionFormSchemaFor(task.kind)`.
 */
import * as z from 'zod';
import { actorSchema, checkInFindingsShape } from './case';
import { closedObject } from './closed-object';
import { countryCodeSchema } from './country';
import { instantSchema, pastDateSchema } from './dates';
import { usdAmountSchema } from './money';
import { paginationQuerySchema } from './pagination';
import { identifierSchema, NAME_MAX, notesSchema, textSchema } from './text';
import { checkLegsInOrder, travelLegSchema } from './travel';

export const TASK_KINDS = [
  'country_approval',
  'disbursement_approval',
  'arrival_confirmation',
  'reintegration_checkin',
  'manual_booking',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const taskKindSchema = /* @__PURE__ */ (() =>
  z.enum(TASK_KINDS, { error: `must be one of ${TASK_KINDS.join(', ')}` }))();

export const TASK_STATUSES = ['open', 'completed', 'expired', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const taskStatusSchema = /* @__PURE__ */ (() =>
  z.enum(TASK_STATUSES, {
    error: `must be one of ${TASK_STATUSES.join(', ')}`,
  }))();

/** An approval (country or disbursement). A rejection ends the case, so it must say why. */
export const approvalFormSchema = /* @__PURE__ */ (() =>
  closedObject({
    decision: z.enum(['approve', 'reject'], { error: 'must be approve or reject' }),
    comment: notesSchema().optional(),
  }).refine((form) => form.decision !== 'reject' || form.comment !== undefined, {
    message: 'is required to reject: say why',
    path: ['comment'],
    params: { rule: 'required_for_reject' },
  }))();
export type ApprovalForm = z.infer<typeof approvalFormSchema>;

/** The receiving country confirms the person arrived and who received them. */
export const arrivalFormSchema = /* @__PURE__ */ (() =>
  closedObject({
    arrivedOn: pastDateSchema,
    /** The authority or person who received them (e.g. DINAF officer, mother). */
    receivedBy: textSchema(200),
    notes: notesSchema().optional(),
  }))();
export type ArrivalForm = z.infer<typeof arrivalFormSchema>;

/** A reintegration check-in: the findings (closed lists, so they compare across countries) and notes. */
export const checkInFormSchema = /* @__PURE__ */ (() =>
  closedObject({
    ...checkInFindingsShape,
    notes: notesSchema().optional(),
  }))();
export type CheckInForm = z.infer<typeof checkInFormSchema>;

/**
 * Operations books the travel by hand after the provider failed for good. The legs and the
 * escort's seat are optional (a form sent before they existed still parses); given, the legs run
 * in order from departureAt to arrivalAt.
 */
export const manualBookingFormSchema = /* @__PURE__ */ (() =>
  closedObject({
    provider: textSchema(NAME_MAX),
    reference: identifierSchema(NAME_MAX),
    departureAt: instantSchema,
    arrivalAt: instantSchema,
    cost: usdAmountSchema,
    legs: z.array(travelLegSchema).min(1, { message: 'must list at least one leg' }).max(12).optional(),
    escortSeat: z.boolean({ error: 'must be true or false' }).optional(),
  })
    .refine((form) => Date.parse(form.arrivalAt) > Date.parse(form.departureAt), {
      message: 'arrivalAt must be after departureAt',
      path: ['arrivalAt'],
      params: { rule: 'after_departure' },
    })
    .superRefine(checkLegsInOrder))();
export type ManualBookingForm = z.infer<typeof manualBookingFormSchema>;

/** The completion form of each task kind. */
export const COMPLETION_FORMS = {
  country_approval: approvalFormSchema,
  disbursement_approval: approvalFormSchema,
  arrival_confirmation: arrivalFormSchema,
  reintegration_checkin: checkInFormSchema,
  manual_booking: manualBookingFormSchema,
} as const satisfies Record<TaskKind, z.ZodType>;

/** The form a task of this kind is completed with. */
export type CompletionFormOf<K extends TaskKind> = z.infer<(typeof COMPLETION_FORMS)[K]>;

/** The schema that parses the completion body of a task of `kind`. */
export function completionFormSchemaFor<K extends TaskKind>(kind: K): (typeof COMPLETION_FORMS)[K] {
  return COMPLETION_FORMS[kind];
}

/** The completion body as documented: one of the forms (which one depends on the task's kind). */
export const taskCompletionBodySchema = /* @__PURE__ */ (() =>
  z.union([approvalFormSchema, arrivalFormSchema, checkInFormSchema, manualBookingFormSchema]))();

/** A completion tagged with its kind, as stored on the task and handed to the workflow. */
export const taskDecisionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('country_approval'), form: approvalFormSchema }),
    z.object({ kind: z.literal('disbursement_approval'), form: approvalFormSchema }),
    z.object({ kind: z.literal('arrival_confirmation'), form: arrivalFormSchema }),
    z.object({ kind: z.literal('reintegration_checkin'), form: checkInFormSchema }),
    z.object({ kind: z.literal('manual_booking'), form: manualBookingFormSchema }),
  ]))();
export type TaskDecision = z.infer<typeof taskDecisionSchema>;

/**
 * A completion as a task answer shows it: the decision, dates, codes and amounts of the form, never
 * its free text or findings (shared/tasks/decision-codes.ts), which the case's audited read shows.
 */
export const taskDecisionAnswerSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('country_approval'),
      form: z.object({ decision: approvalFormSchema.shape.decision }),
    }),
    z.object({
      kind: z.literal('disbursement_approval'),
      form: z.object({ decision: approvalFormSchema.shape.decision }),
    }),
    z.object({ kind: z.literal('arrival_confirmation'), form: z.object({ arrivedOn: pastDateSchema }) }),
    z.object({
      kind: z.literal('reintegration_checkin'),
      form: z.object({ contactMade: checkInFindingsShape.contactMade }),
    }),
    z.object({ kind: z.literal('manual_booking'), form: z.object(manualBookingFormSchema.shape) }),
  ]))();
export type TaskDecisionAnswer = z.infer<typeof taskDecisionAnswerSchema>;

/** A task as the API shows it. The task token never leaves the server, so it is not here. */
export const taskSchema = /* @__PURE__ */ (() =>
  z.object({
    taskId: z.string(),
    kind: taskKindSchema,
    caseId: z.string(),
    status: taskStatusSchema,
    assignedRole: z.string(),
    /** Absent for regional roles (secretariat, operations). */
    assignedCountry: countryCodeSchema.optional(),
    createdAt: instantSchema,
    dueAt: instantSchema,
    /**
     * True when the task is open and its `dueAt` has passed, by the server's clock when it answers:
     * computed at each read, never stored. An overdue arrival confirmation is reminded and flagged,
     * not failed (docs/domain.md, deadlines).
     */
    overdue: z.boolean(),
    /** A line for the inbox, e.g. "Approve exit from MX for case c-123". */
    title: z.string(),
    completedAt: instantSchema.optional(),
    completedBy: actorSchema.optional(),
    decision: taskDecisionAnswerSchema.optional(),
  }))();
export type Task = z.infer<typeof taskSchema>;

export const TASK_VIEWS = ['mine', 'all'] as const;

/** `GET /api/tasks?view=mine|all&status=open&kind=&overdue=true&cursor=&limit=` */
export const taskListQuerySchema = /* @__PURE__ */ (() =>
  paginationQuerySchema
    .extend({
      view: z
        .enum(TASK_VIEWS, { error: `must be one of ${TASK_VIEWS.join(', ')}` })
        .default('mine')
        .meta({
          description:
            "`mine`: the caller's inbox, soonest due first. `all`: every country's tasks, oldest first (the Secretariat and the auditor only).",
        }),
      status: taskStatusSchema.optional().meta({ description: 'The tasks in this status (default `open`).' }),
      kind: taskKindSchema.optional(),
      overdue: z
        .enum(['true', 'false'], { error: 'must be true or false' })
        .transform((value) => value === 'true')
        .optional()
        .meta({
          description:
            'With `true`, only the open tasks whose due date has passed: with `view=all`, the Secretariat’s list of every overdue task.',
        }),
    })
    .refine((query) => query.overdue !== true || query.status === undefined || query.status === 'open', {
      message: 'only open tasks are overdue: leave status out or set it to open',
      path: ['overdue'],
      params: { rule: 'open_only' },
    }))();
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

export const taskListSchema = /* @__PURE__ */ (() =>
  z.object({ items: z.array(taskSchema), nextCursor: z.string().optional() }))();
export type TaskListShape = z.infer<typeof taskListSchema>;
