/** Submissions and principals shared by the case repository's contract and DynamoDB tests. */
import { eligibilityHistory, type PersonHistory } from '../../shared/cases/case-service';
import type { CaseRequest, Migrant } from '../../shared/contracts/case-request';
import type { EligibilityResult } from '../../shared/contracts/eligibility-result';
import { evaluateEligibility, openCaseRule, repeatReturnRule } from '../../shared/eligibility';
import type { Principal } from '../../shared/roles';
import { caseRequest } from '../unit/cases/case-fixture';

export const consul = (country: 'HN' | 'GT' | 'SV', subject = `consul-${country}`): Principal => ({
  subject,
  username: subject,
  role: 'consular',
  country,
});
export const authority = (country: 'MX' | 'GT' | 'HN' | 'CR'): Principal => ({
  subject: `auth-${country}`,
  username: `auth-${country}`,
  role: 'authority',
  country,
});
export const secretariat: Principal = { subject: 'st', username: 'st', role: 'secretariat' };

/**
 * The fund's own person-history rules (one open case per person, repeat returns flagged) over the
 * history the service reads; the request-only rules are covered by the eligibility unit tests.
 */
export function evaluatorFor(request: CaseRequest) {
  return (history: PersonHistory): EligibilityResult =>
    evaluateEligibility(
      request,
      { today: '2024-05-01', ceilingUsd: 1000, ...eligibilityHistory(history) },
      undefined,
      [openCaseRule, repeatReturnRule],
    );
}

/** A submission for its own person: the document number also goes into the names, so no test shares a name key. */
export function person(documentNumber: string, request: Partial<CaseRequest> = {}) {
  const base = caseRequest(request);
  const migrant: Migrant = { ...base.migrant, givenNames: `María ${documentNumber}`, documentNumber };
  const body: CaseRequest = { ...base, migrant };
  return { request: body, evaluate: evaluatorFor(body) };
}

/** A submission for exactly this migrant (no renaming), with its own costs so the bodies differ. */
export function submissionOf(migrant: Migrant, transport: number) {
  const base = caseRequest();
  const request: CaseRequest = { ...base, migrant, costs: { ...base.costs, transport } };
  return { request, evaluate: evaluatorFor(request) };
}

export const withdrawal = { event: 'withdrawn', es: 'Retirado.', en: 'Withdrawn.' };
