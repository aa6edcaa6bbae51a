/**
 * The statistics of `GET /api/statistics`, computed from stored case records and nothing else:
 * pure, so every definition is unit-tested on hand-made records. What each figure counts is
 * written beside it here and stated on the page (web/src/screens/statistics/).
 *
 * The cohort: cases submitted (createdAt, UTC) in the months from `from` to `to` (both included),
 * that concern `country` as the case list's country filter reads it (the person is in, crosses or
 * returns to it). Every figure is about that cohort as the cases stand now.
 *
 * The answer carries counts, shares and durations only; nothing of a record is copied into it but
 * country codes, statuses, vulnerability codes and months.
 */
import type { CaseRecord } from '../cases/case-record';
import { viewsOfCase } from '../cases/case-views';
import { CASE_STATUSES } from '../contracts/case';
import { VULNERABILITIES } from '../contracts/case-request';
import type {
  ApprovalRate,
  CheckInStatistic,
  DurationMeasure,
  DurationStatistic,
  Statistics,
  StatisticsQuery,
} from '../contracts/statistics';
import { type CountryCode, RCM_COUNTRY_CODES } from '../countries';

const DAY_MS = 86_400_000;

/** The check-in days every answer lists, even before any case reaches them. */
export const STATISTICS_CHECK_IN_DAYS: readonly number[] = [30, 90, 180];

/** The eligibility flag of a person who already had an assisted return (shared/eligibility/rules.ts). */
export const REPEAT_RETURN_FLAG = 'repeat_return';

/** What the computation reads of a case. */
export type StatisticsCase = Pick<
  CaseRecord,
  | 'status'
  | 'request'
  | 'nationality'
  | 'locationCountry'
  | 'returnCountry'
  | 'transitCountries'
  | 'eligibility'
  | 'approvals'
  | 'checkIns'
  | 'timeline'
  | 'createdAt'
>;

/** The UTC month (YYYY-MM) of an instant. */
export const monthOf = (instant: string): string => new Date(instant).toISOString().slice(0, 7);

/** The month after `month`. */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** True when the case belongs to the cohort the query asks for. */
export function inCohort(record: StatisticsCase, query: StatisticsQuery): boolean {
  const month = monthOf(record.createdAt);
  if (query.from && month < query.from) return false;
  if (query.to && month > query.to) return false;
  if (query.country && !viewsOfCase(record).includes(`concerns#${query.country}`)) return false;
  return true;
}

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** numerator / denominator to 4 decimals, or nothing when there is nothing to divide by. */
function shareOf(numerator: number, denominator: number): { share?: number } {
  return denominator > 0 ? { share: round(numerator / denominator, 4) } : {};
}

/** Days from the submission to an instant; a clock that went backwards counts as 0. */
function daysSince(record: StatisticsCase, instant: string): number {
  return Math.max(0, (Date.parse(instant) - Date.parse(record.createdAt)) / DAY_MS);
}

/** The first time the case's timeline recorded `event`. */
function eventAt(record: StatisticsCase, event: string): string | undefined {
  return record.timeline.find((entry) => entry.event === event)?.at;
}

function durationOf(measure: DurationMeasure, values: readonly number[]): DurationStatistic {
  if (values.length === 0) return { measure, count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    measure,
    count: sorted.length,
    meanDays: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length, 2),
    medianDays: round(median, 2),
    maxDays: round(sorted[sorted.length - 1] as number, 2),
  };
}

/**
 * From the submission to: each member state's decision on its approval (approved or rejected;
 * one measure per decision); the moment every country on the route had approved; the
 * Secretariat's decision on the disbursement; the arrival, as the return country confirmed it.
 * A case without that step yet is not measured for it.
 */
function durations(cases: readonly StatisticsCase[]): DurationStatistic[] {
  const measured: Record<DurationMeasure, number[]> = {
    country_decision: [],
    all_countries_approved: [],
    disbursement_decision: [],
    arrival: [],
  };
  for (const record of cases) {
    for (const approval of record.approvals) {
      if (!approval.decidedAt || (approval.status !== 'approved' && approval.status !== 'rejected')) continue;
      const key = approval.approvalRole === 'disbursement' ? 'disbursement_decision' : 'country_decision';
      measured[key].push(daysSince(record, approval.decidedAt));
    }
    const granted = eventAt(record, 'approvals_granted');
    if (granted) measured.all_countries_approved.push(daysSince(record, granted));
    const arrived = eventAt(record, 'arrived');
    if (arrived) measured.arrival.push(daysSince(record, arrived));
  }
  return (Object.keys(measured) as DurationMeasure[]).map((measure) =>
    durationOf(measure, measured[measure]),
  );
}

/** Approved and rejected decisions by member state, then the Secretariat's. */
function approvals(cases: readonly StatisticsCase[]): ApprovalRate[] {
  const tally = new Map<string, { approved: number; rejected: number }>();
  for (const record of cases) {
    for (const approval of record.approvals) {
      if (approval.status !== 'approved' && approval.status !== 'rejected') continue;
      const key = approval.approvalRole === 'disbursement' ? 'secretariat' : (approval.country ?? '');
      const entry = tally.get(key) ?? { approved: 0, rejected: 0 };
      entry[approval.status] += 1;
      tally.set(key, entry);
    }
  }
  const row = (approver: ApprovalRate['approver'], key: string, country?: CountryCode): ApprovalRate => {
    const { approved, rejected } = tally.get(key) ?? { approved: 0, rejected: 0 };
    const decided = approved + rejected;
    const approval = shareOf(approved, decided);
    const rejection = shareOf(rejected, decided);
    return {
      approver,
      ...(country ? { country } : {}),
      decided,
      approved,
      rejected,
      ...(approval.share !== undefined ? { approvalRate: approval.share } : {}),
      ...(rejection.share !== undefined ? { rejectionRate: rejection.share } : {}),
    };
  };
  return [
    ...RCM_COUNTRY_CODES.map((country) => row('country', country, country)),
    row('secretariat', 'secretariat'),
  ];
}

/**
 * At each check-in day: due = completed + missed (scheduled, open and cancelled ones have not
 * fallen due); the share in contact is contact made over due; the share intending to migrate
 * again is `yes` over the completed check-ins where contact was made (only a person reached can
 * answer).
 */
function checkIns(cases: readonly StatisticsCase[]): CheckInStatistic[] {
  const days = [
    ...new Set([
      ...STATISTICS_CHECK_IN_DAYS,
      ...cases.flatMap((c) => c.checkIns.map((k) => k.dayAfterArrival)),
    ]),
  ].sort((a, b) => a - b);
  return days.map((day) => {
    let completed = 0;
    let missed = 0;
    let contactMade = 0;
    let intends = 0;
    for (const record of cases) {
      for (const checkIn of record.checkIns) {
        if (checkIn.dayAfterArrival !== day) continue;
        if (checkIn.status === 'missed') missed += 1;
        if (checkIn.status !== 'completed') continue;
        completed += 1;
        if (checkIn.contactMade !== true) continue;
        contactMade += 1;
        if (checkIn.intendsToMigrateAgain === 'yes') intends += 1;
      }
    }
    const due = completed + missed;
    const contact = shareOf(contactMade, due);
    const intention = shareOf(intends, contactMade);
    return {
      dayAfterArrival: day,
      due,
      completed,
      missed,
      contactMade,
      ...(contact.share !== undefined ? { contactShare: contact.share } : {}),
      intendsToMigrateAgain: intends,
      ...(intention.share !== undefined ? { intentionShare: intention.share } : {}),
    };
  });
}

const isRepeatReturn = (record: StatisticsCase): boolean =>
  record.eligibility?.flags.some((flag) => flag.code === REPEAT_RETURN_FLAG) ?? false;

const isArrived = (record: StatisticsCase): boolean => eventAt(record, 'arrived') !== undefined;

function countBy<T extends string>(
  keys: readonly T[],
  values: Iterable<T>,
): Array<{ key: T; cases: number }> {
  const counts = new Map<T, number>(keys.map((key) => [key, 0]));
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return keys.map((key) => ({ key, cases: counts.get(key) ?? 0 }));
}

/** Every month of the period: the query's, or from the first submission to the last. */
function months(
  cases: readonly StatisticsCase[],
  query: StatisticsQuery,
): Array<{ month: string; cases: number }> {
  const submitted = cases.map((record) => monthOf(record.createdAt)).sort();
  const first = query.from ?? submitted[0];
  const last = query.to ?? submitted[submitted.length - 1];
  if (!first || !last) return [];
  const range: string[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) range.push(month);
  return countBy(range, submitted).map(({ key, cases: n }) => ({ month: key, cases: n }));
}

/** The statistics of the cases in the query's cohort (the others are left out here). */
export function computeStatistics(records: readonly StatisticsCase[], query: StatisticsQuery): Statistics {
  const cases = records.filter((record) => inCohort(record, query));
  const arrived = cases.filter(isArrived);
  const repeat = cases.filter(isRepeatReturn);
  const byCountry = (
    pick: (record: StatisticsCase) => CountryCode,
    from: readonly StatisticsCase[] = cases,
  ) => countBy(RCM_COUNTRY_CODES, from.map(pick)).map(({ key, cases: n }) => ({ country: key, cases: n }));
  const nationals = byCountry((record) => record.nationality);
  const repeatNationals = byCountry((record) => record.nationality, repeat);
  const returning = byCountry((record) => record.returnCountry);
  const arrivedHome = byCountry((record) => record.returnCountry, arrived);
  const repeatShare = shareOf(repeat.length, cases.length);
  return {
    query: {
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(query.country ? { country: query.country } : {}),
    },
    totals: {
      cases: cases.length,
      arrived: arrived.length,
      repeatReturns: repeat.length,
      ...(repeatShare.share !== undefined ? { repeatReturnShare: repeatShare.share } : {}),
    },
    byNationality: nationals,
    byHostCountry: byCountry((record) => record.locationCountry),
    byVulnerability: countBy(
      VULNERABILITIES,
      cases.flatMap((record) => [...new Set(record.request.vulnerabilities)]),
    ).map(({ key, cases: n }) => ({ vulnerability: key, cases: n })),
    byOutcome: countBy(
      CASE_STATUSES,
      cases.map((record) => record.status),
    ).map(({ key, cases: n }) => ({ status: key, cases: n })),
    byMonth: months(cases, query),
    durations: durations(cases),
    approvals: approvals(cases),
    arrivals: returning.map((row, index) => ({
      country: row.country,
      cases: row.cases,
      arrived: arrivedHome[index]?.cases ?? 0,
    })),
    checkIns: checkIns(cases),
    repeatReturns: nationals.map((row, index) => {
      const flagged = repeatNationals[index]?.cases ?? 0;
      const rowShare = shareOf(flagged, row.cases);
      return {
        country: row.country,
        cases: row.cases,
        repeatReturns: flagged,
        ...(rowShare.share !== undefined ? { share: rowShare.share } : {}),
      };
    }),
  };
}
