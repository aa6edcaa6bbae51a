/**
 * `GET /api/statistics`: figures comparable across the member states, computed from the cases
 * (shared/statistics/). The answer holds counts, shares and durations only: no names, no dates of
 * birth, no case ids, no free text. Counts are given as they are (no small-cell suppression): the
 * route is for the Secretariat and the auditor, who read every case in full anyway, and each table
 * breaks the cases down by one dimension only, never a cross-tabulation of a person's attributes.
 */
import * as z from 'zod';
import { CASE_STATUSES } from './case';
import { VULNERABILITIES } from './case-request';
import { countryCodeSchema } from './country';

const MONTH_SHAPE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The longest period one answer covers, so the table of months stays a table. */
export const MAX_STATISTICS_MONTHS = 120;

/** A calendar month, YYYY-MM (UTC). */
export const monthSchema = /* @__PURE__ */ (() =>
  z
    .string({ error: 'must be a month written YYYY-MM' })
    .regex(MONTH_SHAPE, { message: 'must be a month written YYYY-MM' })
    .meta({ example: '2024-05' }))();

/** Months from `from` to `to`, both counted (0 when `to` is before `from`). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** `?from=YYYY-MM&to=YYYY-MM&country=XX`: cases submitted in those months that concern the country. */
export const statisticsQuerySchema = /* @__PURE__ */ (() =>
  z
    .object({
      from: monthSchema.optional().meta({ description: 'First month of submissions counted (UTC).' }),
      to: monthSchema.optional().meta({ description: 'Last month of submissions counted (UTC), included.' }),
      country: countryCodeSchema
        .optional()
        .meta({ description: 'Only cases that concern this country, as the case list filters them.' }),
    })
    .superRefine((query, ctx) => {
      if (!query.from || !query.to) return;
      if (query.to < query.from) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'must not be before from',
          params: { rule: 'period' },
        });
      } else if (monthsBetween(query.from, query.to) > MAX_STATISTICS_MONTHS) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `must be at most ${MAX_STATISTICS_MONTHS} months after from`,
          params: { rule: 'period_length' },
        });
      }
    }))();
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>;

const count = /* @__PURE__ */ (() => z.number().int().nonnegative())();
/** A share between 0 and 1, rounded to 4 decimals; absent when its denominator is 0. */
const share = /* @__PURE__ */ (() => z.number().min(0).max(1))();
/** Days, rounded to 2 decimals. */
const days = /* @__PURE__ */ (() => z.number().nonnegative())();

export const countryCountSchema = /* @__PURE__ */ (() =>
  z.object({ country: countryCodeSchema, cases: count }))();

/** The durations measured, each from the submission. */
export const DURATION_MEASURES = [
  'country_decision',
  'all_countries_approved',
  'disbursement_decision',
  'arrival',
] as const;
export type DurationMeasure = (typeof DURATION_MEASURES)[number];

export const durationSchema = /* @__PURE__ */ (() =>
  z.object({
    measure: z.enum(DURATION_MEASURES),
    /** How many durations were measured. */
    count,
    meanDays: days.optional(),
    medianDays: days.optional(),
    maxDays: days.optional(),
  }))();

/**
 * Decisions recorded on the cases, by who decided: a member state (`country`, as exit, transit
 * or return country), or the Secretariat's disbursement approval. An approval that ran out of
 * time is no decision (the case is EXPIRED, see byOutcome).
 */
export const approvalRateSchema = /* @__PURE__ */ (() =>
  z.object({
    approver: z.enum(['country', 'secretariat']),
    country: countryCodeSchema.optional(),
    decided: count,
    approved: count,
    rejected: count,
    /** approved / (approved + rejected). */
    approvalRate: share.optional(),
    /** rejected / (approved + rejected). */
    rejectionRate: share.optional(),
  }))();

export const arrivalRowSchema = /* @__PURE__ */ (() =>
  z.object({ country: countryCodeSchema, cases: count, arrived: count }))();

export const checkInStatisticSchema = /* @__PURE__ */ (() =>
  z.object({
    dayAfterArrival: z.number().int().nonnegative(),
    /** Check-ins whose time came: completed or missed. */
    due: count,
    completed: count,
    missed: count,
    contactMade: count,
    /** contactMade / due. */
    contactShare: share.optional(),
    /** Completed check-ins with contact whose answer was `yes`. */
    intendsToMigrateAgain: count,
    /** intendsToMigrateAgain / completed check-ins with contact. */
    intentionShare: share.optional(),
  }))();

export const repeatReturnRowSchema = /* @__PURE__ */ (() =>
  z.object({
    country: countryCodeSchema,
    cases: count,
    repeatReturns: count,
    share: share.optional(),
  }))();

export const statisticsSchema = /* @__PURE__ */ (() =>
  z.object({
    /** The filters the figures answer, as asked. */
    query: z.object({
      from: monthSchema.optional(),
      to: monthSchema.optional(),
      country: countryCodeSchema.optional(),
    }),
    totals: z.object({
      cases: count,
      arrived: count,
      repeatReturns: count,
      repeatReturnShare: share.optional(),
    }),
    byNationality: z.array(countryCountSchema),
    /** Where the person is when the case is submitted (the location country). */
    byHostCountry: z.array(countryCountSchema),
    /** A case counts once under each vulnerability it names. */
    byVulnerability: z.array(z.object({ vulnerability: z.enum(VULNERABILITIES), cases: count })),
    /** The case's status now. */
    byOutcome: z.array(z.object({ status: z.enum(CASE_STATUSES), cases: count })),
    /** Cases by month of submission. */
    byMonth: z.array(z.object({ month: monthSchema, cases: count })),
    durations: z.array(durationSchema),
    approvals: z.array(approvalRateSchema),
    /** By return country. */
    arrivals: z.array(arrivalRowSchema),
    checkIns: z.array(checkInStatisticSchema),
    /** By nationality. */
    repeatReturns: z.array(repeatReturnRowSchema),
  }))();
export type Statistics = z.infer<typeof statisticsSchema>;
export type DurationStatistic = z.infer<typeof durationSchema>;
export type ApprovalRate = z.infer<typeof approvalRateSchema>;
export type CheckInStatistic = z.infer<typeof checkInStatisticSchema>;
