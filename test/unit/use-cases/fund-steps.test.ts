import { AUDIT_ACTIONS } from '../../../shared/audit/audit-entry';
import { InsufficientFundsError } from '../../../shared/fund/fund-errors';
import { disburseFunds, releaseFunds, reserveFunds } from '../../../shared/workflow/fund-steps';
import { submittedCase } from './case-fixture-flow';
import { auditActions, type MemoryServices, memoryServices, secretariat } from './memory-services';

let services: MemoryServices;
let caseId: string;
const deps = () => ({ ...services, ledger: services.adapters.ledger });

beforeEach(async () => {
  services = memoryServices();
  caseId = await submittedCase(services);
  await services.fund.contribute({ reference: 'seed', amountUsd: 1000, actor: secretariat });
});

describe('the fund steps', () => {
  it('reserves the requested amount once, however often the step runs', async () => {
    const reserved = await reserveFunds(deps(), { caseId });
    await reserveFunds(deps(), { caseId });
    expect(reserved).toMatchObject({ caseId, amountUsd: 210.75, approvers: ['MX', 'GT', 'HN'] });
    expect(await services.fund.balance()).toMatchObject({ available: 789.25, reserved: 210.75 });
    const actions = await auditActions(services, caseId);
    expect(actions.filter((action) => action === AUDIT_ACTIONS.fundReserved)).toHaveLength(1);
    expect((await services.cases.getForSystem(caseId)).amounts.reservedUsd).toBe(210.75);
  });

  it('gives a reservation back once, the compensation of every failure path', async () => {
    await reserveFunds(deps(), { caseId });
    expect(await releaseFunds(deps(), { caseId, reason: 'rejected' })).toMatchObject({ movement: 'release' });
    expect(await releaseFunds(deps(), { caseId, reason: 'rejected' })).toMatchObject({ movement: 'none' });
    expect(await services.fund.balance()).toMatchObject({ available: 1000, reserved: 0 });
    expect(await services.fund.verify()).toEqual([]);
  });

  it('disburses the hold, and reverses a disbursement when the case fails after it', async () => {
    await reserveFunds(deps(), { caseId });
    expect(await disburseFunds(deps(), { caseId })).toEqual({ caseId, amountUsd: 210.75 });
    expect(await services.fund.balance()).toMatchObject({ reserved: 0, disbursed: 210.75 });
    expect(await releaseFunds(deps(), { caseId, reason: 'withdrawn' })).toMatchObject({
      movement: 'reversal',
    });
    expect(await services.fund.balance()).toMatchObject({ available: 1000, disbursed: 0 });
  });

  it('audits each movement once when the step died between its audit and its case write', async () => {
    // The case write of the first run of each step fails, as a killed process would leave it.
    let crashes = 0;
    const crashing = () => {
      const cases = Object.create(services.cases) as typeof services.cases;
      cases.mutate = async () => {
        crashes++;
        throw new Error('killed');
      };
      return { ...deps(), cases };
    };
    await expect(reserveFunds(crashing(), { caseId })).rejects.toThrow('killed');
    await reserveFunds(deps(), { caseId });
    await expect(disburseFunds(crashing(), { caseId })).rejects.toThrow('killed');
    await disburseFunds(deps(), { caseId });
    await expect(releaseFunds(crashing(), { caseId, reason: 'withdrawn' })).rejects.toThrow('killed');
    await releaseFunds(deps(), { caseId, reason: 'withdrawn' });
    expect(crashes).toBe(3);

    const actions = await auditActions(services, caseId);
    for (const action of [
      AUDIT_ACTIONS.fundReserved,
      AUDIT_ACTIONS.fundDisbursed,
      AUDIT_ACTIONS.fundReversed,
    ])
      expect({ action, count: actions.filter((a) => a === action).length }).toEqual({ action, count: 1 });
    const record = await services.cases.getForSystem(caseId);
    const events = record.timeline.map((entry) => entry.event);
    for (const event of ['funds_reserved', 'funds_disbursed', 'funds_released'])
      expect(events.filter((e) => e === event)).toHaveLength(1);
    expect(await services.fund.balance()).toMatchObject({ available: 1000, reserved: 0, disbursed: 0 });
    expect((await services.audit.verify(caseId)).valid).toBe(true);
  });

  it('refuses a reservation the fund cannot cover', async () => {
    const poor = memoryServices();
    const poorCase = await submittedCase(poor);
    await expect(reserveFunds(poor, { caseId: poorCase })).rejects.toThrow(InsufficientFundsError);
  });
});
