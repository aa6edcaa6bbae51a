/**
 * Who may see, submit and withdraw which case, checked in the domain on every call (docs/architecture.md:
 * roles from the token's groups, checked in the domain, not only at the gateway).
 *   consular       cases of their nationals (their country = the migrant's nationality)
 *   authority      cases that concern their country (where the person is, transit, or return)
 *                  and whose person consented to share their data with it
 *   reintegration  returns to their country
 *   secretariat, operations, auditor: every case
 * What each may see of the personal data is the disclosure profile (disclosure.ts).
 */
import { type CaseStatus, WITHDRAWABLE_CASE_STATUSES } from '../contracts/case';
import type { CaseRequest } from '../contracts/case-request';
import { ForbiddenError } from '../errors';
import type { Principal } from '../roles';
import { CaseNotFoundError, CaseNotWithdrawableError } from './case-errors';
import type { CaseRecord } from './case-record';
import { mayViewCase } from './visibility';

export { type DisclosureProfile, disclosureProfile } from './disclosure';
export { mayViewCase } from './visibility';

type Scoped = Pick<
  CaseRecord,
  'nationality' | 'locationCountry' | 'transitCountries' | 'returnCountry' | 'request'
>;

/**
 * Throws CaseNotFoundError when the principal may not see the case: answering 404, not 403, does
 * not tell a caller which case ids exist in other countries.
 */
export function assertMayViewCase(principal: Principal, record: Scoped & Pick<CaseRecord, 'caseId'>): void {
  if (!mayViewCase(principal, record)) throw new CaseNotFoundError(`case ${record.caseId} not found`);
}

/** Only a consular officer of the migrant's nationality submits. @throws ForbiddenError */
export function assertMaySubmit(principal: Principal, request: Pick<CaseRequest, 'migrant'>): void {
  if (principal.role !== 'consular') throw new ForbiddenError('only consular officers submit cases');
  if (principal.country !== request.migrant.nationality) {
    throw new ForbiddenError(
      `a consular officer of ${principal.country} cannot submit for a national of ${request.migrant.nationality}`,
    );
  }
}

/**
 * A consular officer of the nationality withdraws, until departure.
 * @throws CaseNotFoundError (not visible), ForbiddenError (visible, other role), CaseNotWithdrawableError (409)
 */
export function assertMayWithdraw(
  principal: Principal,
  record: Scoped & Pick<CaseRecord, 'caseId' | 'status'>,
): void {
  assertMayViewCase(principal, record);
  if (principal.role !== 'consular')
    throw new ForbiddenError('only the consular officer of the nationality withdraws a case');
  if (!WITHDRAWABLE_CASE_STATUSES.includes(record.status as CaseStatus)) {
    throw new CaseNotWithdrawableError(
      `case ${record.caseId} is ${record.status}: it can no longer be withdrawn`,
    );
  }
}
