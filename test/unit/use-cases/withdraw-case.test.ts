import { AUDIT_ACTIONS } from '../../../shared/audit/audit-entry';
import { CaseNotWithdrawableError } from '../../../shared/cases/case-errors';
import { ForbiddenError, NotFoundError } from '../../../shared/errors';
import { CASE_WITHDRAWN_ERROR, withdrawCase } from '../../../shared/use-cases/withdraw-case';
import { approvalTask, submittedCase } from './case-fixture-flow';
import { auditActions, authority, consulHn, type MemoryServices, memoryServices } from './memory-services';

let services: MemoryServices;
let caseId: string;
beforeEach(async () => {
  services = memoryServices();
  caseId = await submittedCase(services);
});

describe('withdrawing a case', () => {
  it('withdraws the case, audits it, fails the waiting task with CaseWithdrawn and cancels it', async () => {
    const task = await approvalTask(services, caseId, 'token-w');
    expect(await withdrawCase(services, consulHn, caseId, 'stays with family')).toEqual({
      caseId,
      status: 'WITHDRAWN',
    });
    const record = await services.cases.getForSystem(caseId);
    expect(record).toMatchObject({ status: 'WITHDRAWN', withdrawal: { reason: 'stays with family' } });
    expect(await auditActions(services, caseId)).toContain(AUDIT_ACTIONS.caseWithdrawn);
    expect(services.workflow.callbacks).toEqual([
      { taskToken: 'token-w', error: CASE_WITHDRAWN_ERROR, cause: 'the migrant withdrew the request' },
    ]);
    expect((await services.tasks.getForSystem(task.taskId)).status).toBe('cancelled');
  });

  it('answers a repeated withdrawal with 409, without auditing or handing it over twice', async () => {
    await approvalTask(services, caseId, 'token-w2');
    await withdrawCase(services, consulHn, caseId, 'stays');
    await expect(withdrawCase(services, consulHn, caseId, 'stays')).rejects.toThrow(CaseNotWithdrawableError);
    const actions = await auditActions(services, caseId);
    expect(actions.filter((action) => action === AUDIT_ACTIONS.caseWithdrawn)).toHaveLength(1);
    expect(services.workflow.callbacks).toHaveLength(1);
  });

  it('interrupts a case waiting for its departure or for funds: each wait is failed with CaseWithdrawn', async () => {
    await services.waits.hold({
      caseId,
      kind: 'departure',
      since: services.now().toISOString(),
      token: 'dep',
    });
    await services.waits.hold({ caseId, kind: 'funds', since: services.now().toISOString(), token: 'funds' });
    await withdrawCase(services, consulHn, caseId, 'stays');
    expect(services.workflow.callbacks).toEqual(
      ['funds', 'dep'].map((taskToken) => ({
        taskToken,
        error: CASE_WITHDRAWN_ERROR,
        cause: 'the migrant withdrew the request',
      })),
    );
  });

  it('refuses a withdrawal after the day of departure, and changes nothing', async () => {
    await services.cases.mutate(caseId, () => ({
      changes: {
        booking: {
          status: 'booked',
          bookedBy: 'provider',
          departureAt: '2024-04-30T08:00:00.000Z',
          arrivalAt: '2024-04-30T20:00:00.000Z',
        },
      },
    }));
    await expect(withdrawCase(services, consulHn, caseId, 'stays')).rejects.toThrow(/departed on 2024-04-30/);
    expect((await services.cases.getForSystem(caseId)).status).toBe('SUBMITTED');
    expect(services.workflow.callbacks).toEqual([]);
  });

  it('lets only the consulate of the case withdraw it', async () => {
    await expect(withdrawCase(services, authority('MX'), caseId, 'no')).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(withdrawCase(services, authority('CR'), caseId, 'no')).rejects.toBeInstanceOf(NotFoundError);
    expect((await services.cases.getForSystem(caseId)).status).toBe('SUBMITTED');
  });
});
