import { AUDIT_ACTIONS } from '../../../shared/audit/audit-entry';
import { CaseNotFoundError } from '../../../shared/cases/case-errors';
import { listCases, viewCase } from '../../../shared/use-cases/view-case';
import { approvalTask, submittedCase } from './case-fixture-flow';
import {
  auditActions,
  authority,
  consulGt,
  consulHn,
  type MemoryServices,
  memoryServices,
} from './memory-services';

let services: MemoryServices;
let caseId: string;
beforeEach(async () => {
  services = memoryServices();
  caseId = await submittedCase(services);
});

describe('viewing a case', () => {
  it('shows the case to the countries it concerns, and records each read of personal data first', async () => {
    const detail = await viewCase(services, consulHn, caseId);
    expect(detail.caseId).toBe(caseId);
    await viewCase(services, authority('GT'), caseId);
    const actions = await auditActions(services, caseId);
    expect(actions.filter((action) => action === AUDIT_ACTIONS.caseReadPersonalData)).toHaveLength(2);
  });

  it('hides the case from countries it does not concern, and audits nothing for them', async () => {
    await expect(viewCase(services, consulGt, caseId)).rejects.toThrow(CaseNotFoundError);
    await expect(viewCase(services, authority('CR'), caseId)).rejects.toThrow(CaseNotFoundError);
    expect(await auditActions(services, caseId)).toEqual([AUDIT_ACTIONS.caseSubmitted]);
  });

  it('shows the approvals the case waits on, from its tasks', async () => {
    await approvalTask(services, caseId, 'token-view');
    const detail = await viewCase(services, consulHn, caseId);
    expect(detail.approvals).toEqual([
      expect.objectContaining({ approvalRole: 'exit', country: 'MX', status: 'pending' }),
    ]);
  });

  it('lists only the cases of the caller’s scope', async () => {
    expect((await listCases(services, consulHn, {})).items.map((item) => item.caseId)).toEqual([caseId]);
    expect((await listCases(services, authority('CR'), {})).items).toEqual([]);
  });
});
