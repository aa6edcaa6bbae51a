/**
 * Reading cases. Opening one discloses personal data (to the extent of the caller's profile) and
 * is recorded in the case's audit chain before the data is answered: if the audit cannot be
 * written, nothing is disclosed.
 */
import type { AuditTrail } from '../audit/audit-trail';
import type { CaseService } from '../cases/case-service';
import { disclosesPersonalData } from '../cases/disclosure';
import type { Approval, CaseDetail, CaseList, CaseStatus } from '../contracts/case';
import type { CountryCode } from '../countries';
import type { PageRequest } from '../ports/page';
import type { Principal } from '../roles';
import type { Task } from '../tasks/task';
import { approvalOf, isApprovalTask } from '../tasks/task-approval';
import type { TaskService } from '../tasks/task-service';
import { caseDetail, caseSummary } from './case-answers';

/**
 * Every approval the case needs, decided or not: the decisions recorded on the case, and for the
 * rest the approval tasks as they stand (whom the case is waiting on, and by when).
 */
function approvalsWithTasks(recorded: readonly Approval[], tasks: readonly Task[]): Approval[] {
  const recordedTasks = new Set(recorded.map((approval) => approval.taskId).filter(Boolean));
  const fromTasks = tasks
    .filter((task) => isApprovalTask(task) && !recordedTasks.has(task.taskId))
    .map(approvalOf);
  return [...recorded, ...fromTasks];
}

export async function viewCase(
  deps: { readonly cases: CaseService; readonly tasks: TaskService; readonly audit: AuditTrail },
  principal: Principal,
  caseId: string,
): Promise<CaseDetail> {
  const record = await deps.cases.get(caseId, principal);
  const { detail: base, profile } = caseDetail(record, principal);
  const detail = {
    ...base,
    approvals: approvalsWithTasks(base.approvals, await deps.tasks.forCase(caseId)),
  };
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
