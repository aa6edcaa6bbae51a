/**
 * The case workflow's steps one by one, through their built bundles as the state machine invokes
 * them: a retried step changes nothing twice, refusals carry the error names the state machine
 * matches, and a fund that cannot cover a case ends its workflow with a named outcome.
 */
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';

/** Contributions are the Secretariat's to record. */
const SECRETARIAT = { subject: 'test-secretariat', username: 'secretariat', role: 'secretariat' } as const;

let h: WorkflowHarness;

beforeAll(async () => {
  h = await startWorkflowHarness();
  // Less than one case's 780: the first test needs a fund that cannot cover it.
  await h.fund.contribute({
    reference: 'workflow-steps-small',
    amountUsd: 500,
    country: 'GT',
    actor: SECRETARIAT,
  });
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

const events = async (caseId: string) => (await h.cases.getForSystem(caseId)).timeline.map((e) => e.event);
const actions = async (caseId: string) => (await h.audit.entries(caseId)).items.map((e) => e.action);
const count = (list: readonly string[], item: string) => list.filter((x) => x === item).length;

describe('a fund that cannot cover the case', () => {
  it('waits for funds: WAITING_FOR_FUNDS with its token in the queue, nothing held, no tasks; a withdrawal ends the wait', async () => {
    const before = await h.fund.balance();
    const caseId = await h.submitCase();
    const executionArn = await h.start(caseId);

    expect((await h.execution(executionArn)).status).toBe('RUNNING');
    const record = await h.cases.getForSystem(caseId);
    expect(record.status).toBe('WAITING_FOR_FUNDS');
    expect(record.amounts.reservedUsd).toBe(0);
    expect(record.timeline.at(-1)).toMatchObject({ event: 'funds_waiting', status: 'WAITING_FOR_FUNDS' });
    expect((await h.waits.list('funds')).map((wait) => wait.caseId)).toEqual([caseId]);
    expect(await h.tasks.forCase(caseId)).toEqual([]);
    expect(await h.fund.balance()).toMatchObject({ available: before.available, reserved: before.reserved });

    // Withdrawn while it waits: the wait's token is failed, the case leaves the queue.
    await h.withdraw(caseId);
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
    expect(await h.waits.list('funds')).toEqual([]);
    expect((await h.cases.getForSystem(caseId)).status).toBe('WITHDRAWN');
    expect(await h.fund.verify()).toEqual([]);
  });
});

describe('each step, run twice, acts once', () => {
  beforeAll(async () => {
    await h.fund.contribute({
      reference: 'workflow-steps-main',
      amountUsd: 10_000,
      country: 'MX',
      actor: SECRETARIAT,
    });
  });

  it('reserveFunds holds the amount once and answers the approving countries each time', async () => {
    const caseId = await h.submitCase();
    const before = await h.fund.balance();

    const first = await h.invokeStep('reserveFunds', { caseId });
    const second = await h.invokeStep('reserveFunds', { caseId });

    expect(first.result).toEqual({ caseId, amountUsd: 780, approvers: ['MX', 'GT', 'HN'] });
    expect(second.result).toEqual(first.result);
    expect((await h.fund.balance()).reserved - before.reserved).toBe(780);
    expect(count(await events(caseId), 'funds_reserved')).toBe(1);
    expect(count(await actions(caseId), 'fund.reserved')).toBe(1);
    expect((await h.cases.getForSystem(caseId)).amounts.reservedUsd).toBe(780);
    expect(await h.fund.verify()).toEqual([]);
  });

  it('recordCaseEvent moves the status once; the same event again changes nothing', async () => {
    const caseId = await h.submitCase();
    const event = {
      caseId,
      status: 'AWAITING_APPROVALS',
      event: 'approvals_requested',
    };

    expect((await h.invokeStep('recordCaseEvent', event)).result).toEqual({
      caseId,
      status: 'AWAITING_APPROVALS',
      changed: true,
    });
    expect((await h.invokeStep('recordCaseEvent', event)).result).toEqual({
      caseId,
      status: 'AWAITING_APPROVALS',
      changed: false,
    });
    expect(count(await events(caseId), 'approvals_requested')).toBe(1);
    expect(count(await actions(caseId), 'case.status_changed')).toBe(1);
  });

  it('createTask opens one task however often it runs, keeping the latest token', async () => {
    const caseId = await h.submitCase();
    const input = {
      caseId,
      kind: 'country_approval',
      role: 'authority',
      country: 'GT',
      dueInSeconds: 86_400,
    };

    const first = await h.invokeStep('createTask', { ...input, taskToken: 'token-1' });
    const second = await h.invokeStep('createTask', { ...input, taskToken: 'token-2' });

    const taskId = `${caseId}.country_approval.GT.1`;
    expect(first.result).toEqual({ taskId, created: true });
    expect(second.result).toEqual({ taskId, created: false });
    expect((await h.tasks.forCase(caseId)).map((t) => t.taskId)).toEqual([taskId]);
    expect(await h.tasks.takeTaskToken(taskId)).toBe('token-2');
    expect(count(await actions(caseId), 'task.created')).toBe(1);
  });

  it('closeTask cancels every open task once; a decided task stays decided', async () => {
    const caseId = await h.submitCase();
    for (const country of ['MX', 'GT', 'HN']) {
      await h.invokeStep('createTask', {
        caseId,
        kind: 'country_approval',
        role: 'authority',
        country,
        dueInSeconds: 86_400,
        taskToken: `token-${country}`,
      });
    }
    const record = await h.cases.getForSystem(caseId);
    await h.tasks.complete(
      `${caseId}.country_approval.MX.1`,
      { subject: 'sub-authority-mx', username: 'authority.mx', role: 'authority', country: 'MX' },
      { decision: 'approve' },
      record.submittedBy.subject,
    );
    const input = { caseId, all: true, outcome: 'cancelled', reason: 'CountryRejected' };

    const first = await h.invokeStep('closeTask', input);
    const second = await h.invokeStep('closeTask', input);

    expect(first.result).toEqual({
      caseId,
      closed: [`${caseId}.country_approval.GT.1`, `${caseId}.country_approval.HN.1`],
      alreadyDecided: [],
    });
    expect(second.result).toEqual({ caseId, closed: [], alreadyDecided: [] });
    const statuses = Object.fromEntries(
      (await h.tasks.forCase(caseId)).map((t) => [t.assignee.country, t.status]),
    );
    expect(statuses).toEqual({ MX: 'completed', GT: 'cancelled', HN: 'cancelled' });
    expect(count(await actions(caseId), 'task.cancelled')).toBe(2);
  });

  it('closeTask expires one task named by kind and country, once', async () => {
    const caseId = await h.submitCase();
    await h.invokeStep('createTask', {
      caseId,
      kind: 'disbursement_approval',
      role: 'secretariat',
      dueInSeconds: 3600,
      taskToken: 'token',
    });
    const input = {
      caseId,
      kind: 'disbursement_approval',
      outcome: 'expired',
      reason: 'ApprovalDeadlinePassed',
    };
    const taskId = `${caseId}.disbursement_approval.rcm.1`;

    expect((await h.invokeStep('closeTask', input)).result).toEqual({
      caseId,
      closed: [taskId],
      alreadyDecided: [],
    });
    expect((await h.invokeStep('closeTask', input)).result).toEqual({
      caseId,
      closed: [taskId],
      alreadyDecided: [],
    });
    expect(count(await actions(caseId), 'task.expired')).toBe(1);
  });

  it('disburseFunds commits the hold once; releaseFunds then reverses it once', async () => {
    const caseId = await h.submitCase();
    await h.invokeStep('reserveFunds', { caseId });
    const before = await h.fund.balance();

    expect((await h.invokeStep('disburseFunds', { caseId })).result).toEqual({ caseId, amountUsd: 780 });
    expect((await h.invokeStep('disburseFunds', { caseId })).result).toEqual({ caseId, amountUsd: 780 });
    const afterDisbursement = await h.fund.balance();
    expect(afterDisbursement.disbursed - before.disbursed).toBe(780);
    expect(before.reserved - afterDisbursement.reserved).toBe(780);
    expect((await h.cases.getForSystem(caseId)).amounts).toMatchObject({ reservedUsd: 0, disbursedUsd: 780 });

    const first = await h.invokeStep('releaseFunds', { caseId, reason: 'CaseWithdrawn' });
    const second = await h.invokeStep('releaseFunds', { caseId, reason: 'CaseWithdrawn' });
    expect(first.result).toEqual({ caseId, movement: 'reversal', amountUsd: 780 });
    expect(second.result).toEqual({ caseId, movement: 'none', amountUsd: 0 });
    const after = await h.fund.balance();
    expect(after.available - afterDisbursement.available).toBe(780);
    expect(after.disbursed).toBe(before.disbursed);
    expect(count(await actions(caseId), 'fund.disbursed')).toBe(1);
    expect(count(await actions(caseId), 'fund.reversed')).toBe(1);
    expect(await h.fund.verify()).toEqual([]);
  });

  it('releaseFunds releases a hold once, and is a no-op for a case that holds nothing', async () => {
    const held = await h.submitCase();
    await h.invokeStep('reserveFunds', { caseId: held });
    expect((await h.invokeStep('releaseFunds', { caseId: held, reason: 'CountryRejected' })).result).toEqual({
      caseId: held,
      movement: 'release',
      amountUsd: 780,
    });
    expect((await h.invokeStep('releaseFunds', { caseId: held, reason: 'CountryRejected' })).result).toEqual({
      caseId: held,
      movement: 'none',
      amountUsd: 0,
    });
    expect(count(await events(held), 'funds_released')).toBe(1);

    const empty = await h.submitCase();
    expect((await h.invokeStep('releaseFunds', { caseId: empty, reason: 'States.Runtime' })).result).toEqual({
      caseId: empty,
      movement: 'none',
      amountUsd: 0,
    });
    expect(await events(empty)).not.toContain('funds_released');
    expect(await h.fund.verify()).toEqual([]);
  });
});

describe('refusals the state machine matches by name', () => {
  it('recordCaseEvent refuses to move a final case, but records its own status again without complaint', async () => {
    const caseId = await h.submitCase();
    await h.withdraw(caseId);

    const moved = await h.invokeStep('recordCaseEvent', {
      caseId,
      status: 'AWAITING_APPROVALS',
      event: 'approvals_requested',
    });
    expect(moved.errorType).toBe('CaseAlreadyFinalError');

    const withdrawn = {
      caseId,
      status: 'WITHDRAWN',
      event: 'withdrawal_completed',
    };
    expect((await h.invokeStep('recordCaseEvent', withdrawn)).result).toMatchObject({
      status: 'WITHDRAWN',
      changed: true,
    });
    expect((await h.invokeStep('recordCaseEvent', withdrawn)).result).toMatchObject({
      status: 'WITHDRAWN',
      changed: false,
    });
  });

  it('recordCaseEvent refuses a jump the case life does not allow', async () => {
    const caseId = await h.submitCase();
    const answer = await h.invokeStep('recordCaseEvent', {
      caseId,
      status: 'BOOKING',
      event: 'disbursement_approved',
    });
    expect(answer.errorType).toBe('InvalidCaseTransitionError');
    expect((await h.cases.getForSystem(caseId)).status).toBe('SUBMITTED');
  });

  it('reserveFunds refuses a final case and an unknown one; a malformed input is a ValidationError', async () => {
    const withdrawn = await h.submitCase();
    await h.withdraw(withdrawn);
    expect((await h.invokeStep('reserveFunds', { caseId: withdrawn })).errorType).toBe(
      'CaseAlreadyFinalError',
    );
    expect((await h.invokeStep('reserveFunds', { caseId: 'RET-NOSUCHCASE' })).errorType).toBe(
      'CaseNotFoundError',
    );
    const malformed = await h.invokeStep('createTask', { caseId: 'RET-X', kind: 'coffee', taskToken: 't' });
    expect(malformed.errorType).toBe('ValidationError');
    expect(malformed.errorMessage).toMatch(/kind/);
  });

  it('releaseFunds takes a reason code, never free text', async () => {
    const answer = await h.invokeStep('releaseFunds', {
      caseId: 'RET-X',
      reason: 'María López asked to stop',
    });
    expect(answer.errorType).toBe('ValidationError');
  });
});
