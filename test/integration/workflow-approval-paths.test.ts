/**
 * The case workflow's approval stage, path by path, on the whole local cloud (the built step
 * bundles, DynamoDB Local, the Step Functions runtime). One cloud for the file: the fund's money
 * carries from test to test, so each test compares balances with what it read before it acted,
 * and checks the fund's invariant after.
 */
import type { FundView } from '../../shared/fund/reserve-fund';
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';

/** Contributions are the Secretariat's to record. */
const SECRETARIAT = { subject: 'test-secretariat', username: 'secretariat', role: 'secretariat' } as const;

let h: WorkflowHarness;

beforeAll(async () => {
  h = await startWorkflowHarness();
  await h.fund.contribute({
    reference: 'workflow-tests-hn',
    amountUsd: 20_000,
    country: 'HN',
    actor: SECRETARIAT,
  });
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

/** The case at its start: submitted, workflow started and waiting on the three country approvals. */
async function caseAwaitingApprovals(settings?: Readonly<Record<string, number>>) {
  const before = await h.fund.balance();
  const caseId = await h.submitCase();
  const executionArn = await h.start(caseId, settings);
  return { caseId, executionArn, before };
}

function moved(before: FundView, after: FundView) {
  return {
    available: Math.round((after.available - before.available) * 100) / 100,
    reserved: Math.round((after.reserved - before.reserved) * 100) / 100,
    disbursed: Math.round((after.disbursed - before.disbursed) * 100) / 100,
  };
}

async function expectFundConsistent(): Promise<void> {
  expect(await h.fund.verify()).toEqual([]);
}

async function taskOf(caseId: string, country: string) {
  const task = (await h.openTasks(caseId)).find((t) => t.assignee.country === country);
  if (!task) throw new Error(`no open task for ${country} in ${caseId}`);
  return task;
}

describe('the case workflow, approval stage', () => {
  it('holds the money and asks exit, transit and reception countries to approve, each with a deadline', async () => {
    const { caseId, before } = await caseAwaitingApprovals();

    const record = await h.cases.getForSystem(caseId);
    expect(record.status).toBe('AWAITING_APPROVALS');
    expect(record.amounts).toMatchObject({ requestedUsd: 780, reservedUsd: 780 });
    expect(moved(before, await h.fund.balance())).toEqual({ available: -780, reserved: 780, disbursed: 0 });

    const open = await h.openTasks(caseId);
    expect(open.map((t) => `${t.kind}:${t.assignee.role}:${t.assignee.country}`).sort()).toEqual([
      'country_approval:authority:GT',
      'country_approval:authority:HN',
      'country_approval:authority:MX',
    ]);
    const mx = open.find((t) => t.assignee.country === 'MX')!;
    expect(mx.context).toMatchObject({ approvalRole: 'exit', amountUsd: 780, routeMode: 'land' });
    expect(open.find((t) => t.assignee.country === 'GT')!.context).toMatchObject({ approvalRole: 'transit' });
    expect(open.find((t) => t.assignee.country === 'HN')!.context).toMatchObject({
      approvalRole: 'reception',
    });
    // The default deadline is five days after the task opened.
    const days = (Date.parse(mx.dueAt) - Date.parse(mx.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(5, 3);
    // Task contexts and the audit log carry codes and amounts, never the person.
    expect(JSON.stringify(open)).not.toMatch(/José|Martínez|0801-2010|Tapachula/);
    expect(JSON.stringify((await h.audit.entries(caseId)).items)).not.toMatch(
      /José|Martínez|0801-2010|Tapachula/,
    );
    await expectFundConsistent();

    // Leave nothing waiting for the tests that move the clock.
    await h.withdraw(caseId);
  });

  it('when every country and then the Secretariat approve, the hold becomes a disbursement and the case goes to booking', async () => {
    const { caseId, executionArn, before } = await caseAwaitingApprovals();
    for (const country of ['MX', 'GT', 'HN'])
      await h.decide((await taskOf(caseId, country)).taskId, 'approve');

    expect((await h.cases.getForSystem(caseId)).status).toBe('AWAITING_DISBURSEMENT');
    const [secretariat] = await h.openTasks(caseId);
    expect(secretariat).toMatchObject({ kind: 'disbursement_approval', assignee: { role: 'secretariat' } });
    expect(secretariat!.assignee.country).toBeUndefined();

    await h.decide(secretariat!.taskId, 'approve');

    // The execution goes on: booked, it waits for the departure.
    const execution = await h.execution(executionArn);
    expect(execution.status).toBe('RUNNING');
    const record = await h.cases.getForSystem(caseId);
    expect(record.status).toBe('AWAITING_DEPARTURE');
    expect(record.amounts).toMatchObject({ reservedUsd: 0, disbursedUsd: 780 });
    expect(record.timeline.find((entry) => entry.event === 'disbursement_approved')).toMatchObject({
      status: 'BOOKING',
      en: expect.stringContaining('travel booking comes next'),
    });
    expect(moved(before, await h.fund.balance())).toEqual({ available: -780, reserved: 0, disbursed: 780 });
    const actions = (await h.audit.entries(caseId)).items.map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['fund.reserved', 'task.created', 'fund.disbursed']));
    expect((await h.audit.verify(caseId)).valid).toBe(true);
    await expectFundConsistent();
  });

  it('one country rejecting ends the case: REJECTED, hold released, the other approvals cancelled', async () => {
    const { caseId, executionArn, before } = await caseAwaitingApprovals();
    await h.decide((await taskOf(caseId, 'MX')).taskId, 'approve');
    await h.decide((await taskOf(caseId, 'GT')).taskId, 'reject');

    const execution = await h.execution(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ caseId, status: 'REJECTED' });
    const record = await h.cases.getForSystem(caseId);
    expect(record.status).toBe('REJECTED');
    expect(record.amounts.reservedUsd).toBe(0);
    expect(record.timeline.at(-1)).toMatchObject({
      event: 'approval_rejected',
      en: expect.stringContaining('Guatemala rejected'),
    });
    const byCountry = Object.fromEntries(
      (await h.tasks.forCase(caseId)).map((t) => [t.assignee.country, t.status]),
    );
    expect(byCountry).toEqual({ MX: 'completed', GT: 'completed', HN: 'cancelled' });
    expect(moved(before, await h.fund.balance())).toEqual({ available: 0, reserved: 0, disbursed: 0 });
    await expectFundConsistent();
  });

  it('an approval deadline passing ends the case: EXPIRED, hold released, that task expired', async () => {
    const { caseId, executionArn, before } = await caseAwaitingApprovals();
    await h.decide((await taskOf(caseId, 'MX')).taskId, 'approve');
    await h.decide((await taskOf(caseId, 'GT')).taskId, 'approve');

    await h.api.advance('6d');

    const execution = await h.execution(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ caseId, status: 'EXPIRED' });
    const record = await h.cases.getForSystem(caseId);
    expect(record.status).toBe('EXPIRED');
    expect(record.timeline.at(-1)).toMatchObject({
      event: 'approval_expired',
      en: expect.stringContaining('(Honduras)'),
    });
    const hn = (await h.tasks.forCase(caseId)).find((t) => t.assignee.country === 'HN')!;
    expect(hn).toMatchObject({ status: 'expired', closeReason: 'ApprovalDeadlinePassed' });
    expect(moved(before, await h.fund.balance())).toEqual({ available: 0, reserved: 0, disbursed: 0 });
    await expectFundConsistent();
  });

  it('a deadline can be set per execution (approvalTimeoutSeconds)', async () => {
    const { caseId, executionArn } = await caseAwaitingApprovals({ approvalTimeoutSeconds: 3600 });
    const mx = await taskOf(caseId, 'MX');
    expect(Math.abs(Date.parse(mx.dueAt) - Date.parse(mx.createdAt) - 3_600_000)).toBeLessThan(1000);

    await h.api.advance('2h');

    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
    expect((await h.cases.getForSystem(caseId)).status).toBe('EXPIRED');
    const statuses = (await h.tasks.forCase(caseId)).map((t) => t.status);
    // All three fell due together: the first expiry ends the Map, the others are expired or cancelled.
    expect(statuses).toContain('expired');
    expect(statuses).not.toContain('open');
    await expectFundConsistent();
  });

  it('the Secretariat rejecting the disbursement ends the case: REJECTED, hold released', async () => {
    const { caseId, executionArn, before } = await caseAwaitingApprovals();
    for (const country of ['MX', 'GT', 'HN'])
      await h.decide((await taskOf(caseId, country)).taskId, 'approve');
    const [secretariat] = await h.openTasks(caseId);
    await h.decide(secretariat!.taskId, 'reject');

    const execution = await h.execution(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ caseId, status: 'REJECTED' });
    const record = await h.cases.getForSystem(caseId);
    expect(record).toMatchObject({ status: 'REJECTED', amounts: { reservedUsd: 0, disbursedUsd: 0 } });
    expect(record.timeline.at(-1)).toMatchObject({ event: 'disbursement_rejected' });
    expect(moved(before, await h.fund.balance())).toEqual({ available: 0, reserved: 0, disbursed: 0 });
    await expectFundConsistent();
  });

  it('a withdrawal while approvals are pending ends the case: WITHDRAWN, hold released, tasks cancelled', async () => {
    const { caseId, executionArn, before } = await caseAwaitingApprovals();
    await h.decide((await taskOf(caseId, 'MX')).taskId, 'approve');

    await h.withdraw(caseId);

    const execution = await h.execution(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ caseId, status: 'WITHDRAWN' });
    const record = await h.cases.getForSystem(caseId);
    expect(record.status).toBe('WITHDRAWN');
    expect(record.amounts.reservedUsd).toBe(0);
    expect(record.timeline.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['withdrawn', 'funds_released', 'withdrawal_completed']),
    );
    const byCountry = Object.fromEntries(
      (await h.tasks.forCase(caseId)).map((t) => [t.assignee.country, t.status]),
    );
    expect(byCountry).toEqual({ MX: 'completed', GT: 'cancelled', HN: 'cancelled' });
    expect(moved(before, await h.fund.balance())).toEqual({ available: 0, reserved: 0, disbursed: 0 });
    await expectFundConsistent();
  });

  it('a withdrawal while the Secretariat decides ends the case the same way', async () => {
    const { caseId, executionArn, before } = await caseAwaitingApprovals();
    for (const country of ['MX', 'GT', 'HN'])
      await h.decide((await taskOf(caseId, country)).taskId, 'approve');

    await h.withdraw(caseId);

    expect(JSON.parse((await h.execution(executionArn)).output!)).toEqual({ caseId, status: 'WITHDRAWN' });
    const secretariat = (await h.tasks.forCase(caseId)).find((t) => t.kind === 'disbursement_approval')!;
    expect(secretariat.status).toBe('cancelled');
    expect(moved(before, await h.fund.balance())).toEqual({ available: 0, reserved: 0, disbursed: 0 });
    await expectFundConsistent();
  });
});
