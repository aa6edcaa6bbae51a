/**
 * What the API answers about cases: statuses, approvals, booking, check-ins, the readable
 * timeline, and the list item and detail shapes. Personal data (the request) is optional in the
 * detail because each role sees only what its task needs (docs/architecture.md, data protection).
 */
import * as z from 'zod';
import { type CaseRequest, caseRequestSchema, ROUTE_MODES, VULNERABILITIES } from './case-request';
import { countryCodeSchema } from './country';
import { calendarDateSchema, instantSchema } from './dates';
import { eligibilityResultSchema } from './eligibility-result';
import { usdAmountSchema } from './money';
import { paginationQuerySchema } from './pagination';
import { travelLegSchema } from './travel';

/**
 * Where a case is in its life. SUBMITTED until eligibility runs; WAITING_FOR_FUNDS while the
 * Reserve Fund cannot cover it yet; INELIGIBLE, REJECTED, EXPIRED, WITHDRAWN, FAILED and CLOSED
 * are final.
 */
export const CASE_STATUSES = [
  'SUBMITTED',
  'INELIGIBLE',
  'WAITING_FOR_FUNDS',
  'AWAITING_APPROVALS',
  'AWAITING_DISBURSEMENT',
  'BOOKING',
  'AWAITING_DEPARTURE',
  'TRAVELLING',
  'ARRIVED',
  'REINTEGRATION',
  'CLOSED',
  'REJECTED',
  'EXPIRED',
  'WITHDRAWN',
  'FAILED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const caseStatusSchema = /* @__PURE__ */ (() =>
  z.enum(CASE_STATUSES, {
    error: `must be one of ${CASE_STATUSES.join(', ')}`,
  }))();

/** Statuses after which nothing more happens to a case. */
export const FINAL_CASE_STATUSES: readonly CaseStatus[] = [
  'INELIGIBLE',
  'CLOSED',
  'REJECTED',
  'EXPIRED',
  'WITHDRAWN',
  'FAILED',
];

/** Statuses in which a case is "open" for the one-open-case-per-person rule. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(
  (status) => !FINAL_CASE_STATUSES.includes(status),
);

/** Statuses from which the migrant may still withdraw (before departure). */
export const WITHDRAWABLE_CASE_STATUSES: readonly CaseStatus[] = [
  'SUBMITTED',
  'WAITING_FOR_FUNDS',
  'AWAITING_APPROVALS',
  'AWAITING_DISBURSEMENT',
  'BOOKING',
  'AWAITING_DEPARTURE',
];

/** True when a case in this status is final. */
export function isFinalStatus(status: CaseStatus): boolean {
  return FINAL_CASE_STATUSES.includes(status);
}

/** A caller as recorded on a decision or timeline entry (no personal data of the migrant). */
export const actorSchema = /* @__PURE__ */ (() =>
  z.object({
    subject: z.string(),
    username: z.string(),
    role: z.string(),
    country: countryCodeSchema.optional(),
  }))();
export type Actor = z.infer<typeof actorSchema>;

/** Why a country approves: it is where the person is (exit), crossed (transit) or home (reception). */
export const APPROVAL_ROLES = ['exit', 'transit', 'reception', 'disbursement'] as const;
export type ApprovalRole = (typeof APPROVAL_ROLES)[number];

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'cancelled'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** One approval a case waits on: a country's, or the Secretariat's disbursement approval. */
export const approvalSchema = /* @__PURE__ */ (() =>
  z.object({
    approvalRole: z.enum(APPROVAL_ROLES),
    /** Absent for the Secretariat's disbursement approval. */
    country: countryCodeSchema.optional(),
    status: z.enum(APPROVAL_STATUSES),
    taskId: z.string().optional(),
    dueAt: instantSchema.optional(),
    decidedBy: actorSchema.optional(),
    decidedAt: instantSchema.optional(),
    comment: z.string().optional(),
  }))();
export type Approval = z.infer<typeof approvalSchema>;

export const BOOKING_STATUSES = ['pending', 'booked', 'failed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * The case's travel booking. Every field but the status and who booked is optional, so bookings
 * recorded before legs and the rest existed still read.
 */
export const bookingSchema = /* @__PURE__ */ (() =>
  z.object({
    status: z.enum(BOOKING_STATUSES),
    /** Booked through the provider adapter, or by hand by operations. */
    bookedBy: z.enum(['provider', 'manual']),
    provider: z.string().optional(),
    reference: z.string().optional(),
    departureAt: instantSchema.optional(),
    arrivalAt: instantSchema.optional(),
    costUsd: usdAmountSchema.optional(),
    /** A code (`no_seats`, `no_route`...), never free text. */
    failureReason: z.string().optional(),
    /** Which booking of the case this is: 1, then 2 after a cancelled one was replaced. */
    attempt: z.number().int().positive().optional(),
    /** Flights, buses and ferries, in travel order. */
    legs: z.array(travelLegSchema).optional(),
    /** True when an escort's seat is booked beside the traveller's. */
    escortSeat: z.boolean().optional(),
    bookedAt: instantSchema.optional(),
    /** The operations officer who entered a manual booking. */
    recordedBy: actorSchema.optional(),
    cancelledAt: instantSchema.optional(),
  }))();
export type Booking = z.infer<typeof bookingSchema>;

/** What a reintegration officer finds at a check-in: each a closed list, so the statistics compare. */
export const HOUSING_SITUATIONS = ['stable', 'temporary', 'none', 'unknown'] as const;
export const WORK_SITUATIONS = ['employed', 'training', 'studying', 'seeking', 'none', 'unknown'] as const;
export const HEALTH_LEVELS = ['good', 'fair', 'poor', 'unknown'] as const;
export const PSYCHOSOCIAL_SUPPORT = ['receiving', 'referred', 'not_needed', 'unknown'] as const;
export const MIGRATION_INTENTIONS = ['yes', 'no', 'unsure'] as const;

/** The findings of one check-in, as its form records them (shared/contracts/task.ts). */
export const checkInFindingsShape = /* @__PURE__ */ (() =>
  ({
    contactMade: z.boolean({ error: 'must be true or false' }),
    housing: z.enum(HOUSING_SITUATIONS, { error: `must be one of ${HOUSING_SITUATIONS.join(', ')}` }),
    workOrTraining: z.enum(WORK_SITUATIONS, { error: `must be one of ${WORK_SITUATIONS.join(', ')}` }),
    health: z.enum(HEALTH_LEVELS, { error: `must be one of ${HEALTH_LEVELS.join(', ')}` }),
    psychosocialSupport: z.enum(PSYCHOSOCIAL_SUPPORT, {
      error: `must be one of ${PSYCHOSOCIAL_SUPPORT.join(', ')}`,
    }),
    intendsToMigrateAgain: z.enum(MIGRATION_INTENTIONS, {
      error: `must be one of ${MIGRATION_INTENTIONS.join(', ')}`,
    }),
  }) as const)();

/** scheduled: its day is still ahead; open: its task waits; missed: no one recorded it in time. */
export const CHECK_IN_STATUSES = ['scheduled', 'open', 'completed', 'missed', 'cancelled'] as const;

/** A reintegration check-in (by default 30, 90 and 180 days after arrival). */
export const checkInSchema = /* @__PURE__ */ (() =>
  z.object({
    dayAfterArrival: z.number().int().nonnegative(),
    dueOn: calendarDateSchema,
    status: z.enum(CHECK_IN_STATUSES),
    taskId: z.string().optional(),
    contactMade: checkInFindingsShape.contactMade.optional(),
    housing: checkInFindingsShape.housing.optional(),
    workOrTraining: checkInFindingsShape.workOrTraining.optional(),
    health: checkInFindingsShape.health.optional(),
    psychosocialSupport: checkInFindingsShape.psychosocialSupport.optional(),
    intendsToMigrateAgain: checkInFindingsShape.intendsToMigrateAgain.optional(),
    notes: z.string().optional(),
    recordedBy: actorSchema.optional(),
    recordedAt: instantSchema.optional(),
  }))();
export type CheckIn = z.infer<typeof checkInSchema>;

/** Why the workflow stopped a case it could not finish (FAILED): error names, never free text. */
export const caseFailureSchema = /* @__PURE__ */ (() =>
  z.object({
    /** The error's name, e.g. `ManualBookingExpired`, `ArrivalNotConfirmed`. */
    error: z.string(),
    /** When the workflow recorded the case FAILED. */
    at: instantSchema,
  }))();
export type CaseFailure = z.infer<typeof caseFailureSchema>;

/** What the last check-in leaves on a closed case: counts, so the statistics compare. */
export const reintegrationSummarySchema = /* @__PURE__ */ (() =>
  z.object({
    checkIns: z.number().int().nonnegative(),
    completed: z.number().int().nonnegative(),
    contactMade: z.number().int().nonnegative(),
    /** The last completed check-in's answer, when there is one. */
    intendsToMigrateAgain: z.enum(MIGRATION_INTENTIONS).optional(),
  }))();
export type ReintegrationSummary = z.infer<typeof reintegrationSummarySchema>;

/** One line of the readable timeline: what happened, when, by whom, in both languages. */
export const timelineEntrySchema = /* @__PURE__ */ (() =>
  z.object({
    at: instantSchema,
    /** Stable event code, e.g. `submitted`, `approval_decided`, `arrived`. */
    event: z.string(),
    es: z.string(),
    en: z.string(),
    actor: actorSchema.optional(),
    status: caseStatusSchema.optional(),
  }))();
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** Money of one case, in USD. */
export const caseAmountsSchema = /* @__PURE__ */ (() =>
  z.object({
    requestedUsd: usdAmountSchema,
    reservedUsd: usdAmountSchema,
    disbursedUsd: usdAmountSchema,
    currency: z.literal('USD'),
  }))();
export type CaseAmounts = z.infer<typeof caseAmountsSchema>;

/**
 * Every part of a request made optional, all the way down (a transit country sees `needs.escort`
 * alone): the request as an answer cut to a profile. The request's refinements are the input's
 * rules, so the answer is built from the bare shapes.
 */
function answerShapeOf(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional) return answerShapeOf(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, inner]) => [
        key,
        answerShapeOf(inner).optional(),
      ]),
    );
    return z.object(shape);
  }
  return schema;
}
export const caseRequestAnswerSchema = /* @__PURE__ */ (() =>
  answerShapeOf(caseRequestSchema) as z.ZodType<DeepPartial<CaseRequest>>)();

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** How much of a case's personal data an answer carries: the profiles of shared/cases/disclosure.ts. */
export const DISCLOSURE_PROFILES = [
  'full',
  'exit',
  'transit',
  'reception',
  'reintegration',
  'operations',
  'none',
] as const;
export type DisclosureProfile = (typeof DISCLOSURE_PROFILES)[number];

/**
 * A case in a list: enough to find and triage it, and no personal data at all (no name, no age,
 * no category): listing is not an audited read, so what is about the person is in the detail.
 */
export const caseSummarySchema = /* @__PURE__ */ (() =>
  z.object({
    caseId: z.string(),
    status: caseStatusSchema,
    nationality: countryCodeSchema,
    locationCountry: countryCodeSchema,
    returnCountry: countryCodeSchema,
    routeMode: z.enum(ROUTE_MODES),
    transitCountries: z.array(countryCodeSchema),
    totalUsd: usdAmountSchema,
    submittedAt: instantSchema,
    updatedAt: instantSchema,
  }))();
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/**
 * The eligibility check as the caller's profile shows it: whether the case is eligible always;
 * the reasons, the age and the flags only where the profile sees them (a reason may quote the
 * age or a vulnerability), and to approvers the repeat-return flag.
 */
export const eligibilityAnswerSchema = /* @__PURE__ */ (() =>
  eligibilityResultSchema.partial({
    reasons: true,
    flags: true,
    age: true,
  }))();
export type EligibilityAnswer = z.infer<typeof eligibilityAnswerSchema>;

/** One case, as `GET /api/cases/{caseId}` answers it, cut to the caller's disclosure profile. */
export const caseDetailSchema = /* @__PURE__ */ (() =>
  caseSummarySchema.extend({
    /** "Given Family", for profiles that see the person's identity. */
    displayName: z.string().optional(),
    /** True when the migrant is under 18 on the submission date; for profiles that see it. */
    isChild: z.boolean().optional(),
    /** Only for the consulate, the Secretariat and the auditor. */
    vulnerabilities: z.array(z.enum(VULNERABILITIES)).optional(),
    /** Which disclosure profile the answer was cut to (docs/domain.md). */
    disclosure: z.enum(DISCLOSURE_PROFILES),
    submittedBy: actorSchema,
    eligibility: eligibilityAnswerSchema.optional(),
    amounts: caseAmountsSchema,
    approvals: z.array(approvalSchema),
    booking: bookingSchema.optional(),
    checkIns: z.array(checkInSchema),
    timeline: z.array(timelineEntrySchema),
    /** The request as submitted, or the part of it the caller's disclosure profile sees. */
    request: caseRequestAnswerSchema.optional(),
    /** The reason is free text about the person: only for the consulate, the Secretariat and the auditor. */
    withdrawal: z.object({ reason: z.string().optional(), at: instantSchema, by: actorSchema }).optional(),
    /** A FAILED case's error and when it failed, for the profiles that review it. */
    failure: caseFailureSchema.optional(),
    /** A CLOSED case's follow-up in figures, for the profiles that see the check-ins' findings. */
    reintegration: reintegrationSummarySchema.optional(),
  }))();
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** `201` answer of `POST /api/cases` (also the answer of a withdrawal). */
export const caseCreatedSchema = /* @__PURE__ */ (() =>
  z.object({ caseId: z.string(), status: caseStatusSchema }))();
export type CaseCreated = z.infer<typeof caseCreatedSchema>;

/** `GET /api/cases?status=&country=&cursor=&limit=` */
export const caseListQuerySchema = /* @__PURE__ */ (() =>
  paginationQuerySchema.extend({
    status: caseStatusSchema.optional(),
    /** Cases that concern this country (nationality, location, transit or return). */
    country: countryCodeSchema.optional(),
  }))();
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const caseListSchema = /* @__PURE__ */ (() =>
  z.object({
    items: z.array(caseSummarySchema),
    nextCursor: z.string().optional(),
  }))();
export type CaseList = z.infer<typeof caseListSchema>;

/** The display name shown to roles that may see it: given names then family names. */
export function displayNameOf(request: Pick<CaseRequest, 'migrant'>): string {
  return `${request.migrant.givenNames} ${request.migrant.familyNames}`;
}
