/**
 * Reading cases. Opening one discloses personal data (to the extent of the caller's profile) and
 * is recorded in the case's audit chain before the data is answered: if the audit cannot be
 * written, nothing is disclosed.
 */
import type { AuditTrail } from '../audit/audit-trail';
import type { CaseService } from '../cases/case-service';
import { disclosesPersonalData } from '../cases/disclosure';
import type { CaseDetail, CaseList, CaseStatus } from '../contracts/case';
import type { CountryCode } from '../countries';
import type { PageRequest } from '../ports/page';
import type { Principal } from '../roles';
import { caseDetail, caseSummary } from './case-answers';

export async function viewCase(
  deps: { readonly cases: CaseService; readonly audit: AuditTrail },
  principal: Principal,
  caseId: string,
): Promise<CaseDetail> {
  const record = await deps.cases.get(caseId, principal);
  const { detail, profile } = caseDetail(record, principal);
  if (disclosesPersonalData(profile)) {
    await deps.audit.recordPersonalDataRead(caseId, principal, { profile, purpose: 'case view' });
  }
  return detail;
}

export async function listCases(
  deps: { readonly cases: CaseService },
  principal: Principal,
  filter: { readonly status?: CaseStatus; readonly country?: CountryCode } & PageRequest,
): Promise<CaseList> {
  const page = await deps.cases.list(principal, filter);
  return {
    items: page.items.map(caseSummary),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
