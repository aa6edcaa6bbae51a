/**
 * Cases as the API answers them (shared/contracts): summaries carry no personal data beyond the
 * display name for roles whose disclosure profile includes identity; details carry the request
 * cut down to the caller's profile.
 */

import type { CaseRecord } from '../cases/case-record';
import { disclosesPersonalData, type RedactedCase, redactCase } from '../cases/disclosure';
import { type CaseDetail, type CaseSummary, displayNameOf } from '../contracts/case';
import { ageOn } from '../contracts/dates';
import type { Principal } from '../roles';

function summaryOf(record: CaseRecord | RedactedCase, request: CaseRecord['request']): CaseSummary {
  return {
    caseId: record.caseId,
    status: record.status,
    nationality: record.nationality,
    locationCountry: record.locationCountry,
    returnCountry: record.returnCountry,
    routeMode: request.route.mode,
    transitCountries: [...record.transitCountries],
    vulnerabilities: [...request.vulnerabilities],
    isChild: ageOn(request.migrant.dateOfBirth, record.createdAt.slice(0, 10)) < 18,
    totalUsd: record.amounts.requestedUsd,
    submittedAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/**
 * A list item. Listing is not an audited read of personal data, so it names nobody: the caller
 * opens the case (an audited read) to see who it is for.
 */
export function caseSummary(record: CaseRecord): CaseSummary {
  return summaryOf(record, record.request);
}

/** The case as the principal may see it, with whether personal data was disclosed (to audit). */
export function caseDetail(
  record: CaseRecord,
  principal: Principal,
): { readonly detail: CaseDetail; readonly profile: RedactedCase['disclosure'] } {
  const redacted = redactCase(record, principal);
  // Free text written about the person (a withdrawal's reason, a decider's comment, a check-in's
  // findings) is personal data too: not for a caller whose profile discloses none.
  const personal = disclosesPersonalData(redacted.disclosure);
  const approvals = personal ? record.approvals : record.approvals.map(({ comment: _c, ...rest }) => rest);
  const checkIns = personal
    ? record.checkIns
    : record.checkIns.map(({ notes: _n, needs: _needs, wellbeing: _w, ...rest }) => rest);
  const withdrawal =
    record.withdrawal && !personal
      ? { at: record.withdrawal.at, by: record.withdrawal.by }
      : record.withdrawal;
  const detail: CaseDetail = {
    ...summaryOf(record, record.request),
    ...(disclosesPersonalData(redacted.disclosure) ? { displayName: displayNameOf(record.request) } : {}),
    submittedBy: record.submittedBy,
    ...(record.eligibility ? { eligibility: record.eligibility } : {}),
    amounts: record.amounts,
    approvals: [...approvals],
    ...(record.booking ? { booking: record.booking } : {}),
    checkIns: [...checkIns],
    timeline: [...record.timeline],
    ...(redacted.request ? { request: redacted.request } : {}),
    ...(withdrawal ? { withdrawal } : {}),
  };
  return { detail, profile: redacted.disclosure };
}
