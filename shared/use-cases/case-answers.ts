/**
 * Cases as the API answers them (shared/contracts): list items carry no personal data at all;
 * details carry what the caller's disclosure profile sees (shared/cases/disclosure.ts), every part
 * of the answer cut by the same table: the request, the summary fields, the eligibility details,
 * the timeline, the approvals' comments, the check-ins, the booking, the withdrawal, a failure and
 * the reintegration summary.
 */

import { FAILED_EVENT, INELIGIBLE_EVENT } from '../cases/case-events';
import type { CaseRecord } from '../cases/case-record';
import { type DisclosureProfile, disclosureProfile, requestFor, sees } from '../cases/disclosure';
import {
  type Approval,
  type CaseDetail,
  type CaseSummary,
  checkInFindingsShape,
  displayNameOf,
  type EligibilityAnswer,
  type TimelineEntry,
} from '../contracts/case';
import { ageOn } from '../contracts/dates';
import type { Principal } from '../roles';

/** A list item. Listing is not an audited read of personal data, so it says nothing about the person. */
export function caseSummary(record: CaseRecord): CaseSummary {
  return {
    caseId: record.caseId,
    status: record.status,
    nationality: record.nationality,
    locationCountry: record.locationCountry,
    returnCountry: record.returnCountry,
    routeMode: record.request.route.mode,
    transitCountries: [...record.transitCountries],
    totalUsd: record.amounts.requestedUsd,
    submittedAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function eligibilityFor(profile: DisclosureProfile, record: CaseRecord): EligibilityAnswer | undefined {
  const result = record.eligibility;
  if (!result) return undefined;
  if (sees(profile, 'eligibility.details')) return result;
  const repeatReturn = sees(profile, 'eligibility.repeatReturn')
    ? result.flags.filter((flag) => flag.code === 'repeat_return')
    : [];
  return {
    eligible: result.eligible,
    totalUsd: result.totalUsd,
    ...(repeatReturn.length > 0 ? { flags: repeatReturn } : {}),
  };
}

/** The failure's sentence without the error it names, for the profiles that see only that it failed. */
const FAILED_UNNAMED = {
  es: 'El caso no pudo continuar por un error técnico. La Secretaría Técnica lo revisará.',
  en: 'The case could not continue because of a technical error. The Technical Secretariat will review it.',
} as const;

function timelineFor(profile: DisclosureProfile, timeline: readonly TimelineEntry[]): TimelineEntry[] {
  const reasons = sees(profile, 'timeline.reasons');
  const failure = sees(profile, 'failure');
  return timeline.map((entry) => {
    if (entry.event === INELIGIBLE_EVENT && !reasons)
      return { ...entry, es: 'No elegible.', en: 'Not eligible.' };
    if (entry.event === FAILED_EVENT && !failure) return { ...entry, ...FAILED_UNNAMED };
    return entry;
  });
}

function approvalsFor(profile: DisclosureProfile, approvals: readonly Approval[], principal: Principal) {
  return approvals.map((approval) => {
    const own = approval.country !== undefined && approval.country === principal.country;
    const shown = own ? sees(profile, 'approvals.ownComment') : sees(profile, 'approvals.comments');
    if (shown || approval.comment === undefined) return approval;
    const { comment: _comment, ...rest } = approval;
    return rest;
  });
}

function checkInsFor(profile: DisclosureProfile, record: CaseRecord): CaseDetail['checkIns'] {
  if (sees(profile, 'checkIns.findings')) return [...record.checkIns];
  const findings = new Set<string>([...Object.keys(checkInFindingsShape), 'notes']);
  return record.checkIns.map(
    (checkIn) =>
      Object.fromEntries(
        Object.entries(checkIn).filter(([field]) => !findings.has(field)),
      ) as CaseDetail['checkIns'][number],
  );
}

function bookingFor(profile: DisclosureProfile, record: CaseRecord): CaseDetail['booking'] {
  const booking = record.booking;
  if (!booking) return undefined;
  const { provider, reference, departureAt, arrivalAt, legs, escortSeat, costUsd, failureReason, ...status } =
    booking;
  return defined({
    ...status,
    ...(sees(profile, 'booking.itinerary')
      ? { provider, reference, departureAt, arrivalAt, legs, escortSeat }
      : {}),
    ...(sees(profile, 'booking.cost') ? { costUsd, failureReason } : {}),
  });
}

function withdrawalFor(profile: DisclosureProfile, record: CaseRecord): CaseDetail['withdrawal'] {
  const withdrawal = record.withdrawal;
  if (!withdrawal) return undefined;
  return sees(profile, 'withdrawal.reason') ? withdrawal : { at: withdrawal.at, by: withdrawal.by };
}

/** Drops the keys whose value is undefined, so an answer never carries `"key": undefined`. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The case as the principal may see it, with the profile it was cut to (to audit the read). */
export function caseDetail(
  record: CaseRecord,
  principal: Principal,
): { readonly detail: CaseDetail; readonly profile: DisclosureProfile } {
  const profile = disclosureProfile(principal, record);
  const { request } = record;
  const visible = requestFor(profile, request);
  const detail: CaseDetail = defined({
    ...caseSummary(record),
    displayName: sees(profile, 'displayName') ? displayNameOf(request) : undefined,
    isChild: sees(profile, 'isChild')
      ? ageOn(request.migrant.dateOfBirth, record.createdAt.slice(0, 10)) < 18
      : undefined,
    vulnerabilities: visible?.vulnerabilities ? [...visible.vulnerabilities] : undefined,
    disclosure: profile,
    submittedBy: record.submittedBy,
    eligibility: eligibilityFor(profile, record),
    amounts: record.amounts,
    approvals: approvalsFor(profile, record.approvals, principal),
    booking: bookingFor(profile, record),
    checkIns: checkInsFor(profile, record),
    timeline: timelineFor(profile, record.timeline),
    request: visible,
    withdrawal: withdrawalFor(profile, record),
    failure: sees(profile, 'failure') ? record.failure : undefined,
    reintegration: sees(profile, 'reintegration') ? record.reintegration : undefined,
  });
  return { detail, profile };
}
