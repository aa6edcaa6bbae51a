/**
 * A step killed between its two writes (the case or task, and the audit log) is audited exactly
 * once when it runs again: never twice (the duplicate a kill -9 of the local cloud once left in the
 * audit of a disbursement), never not at all. The crash is an audit trail, or a case service,
 * whose next write throws, as a killed process would leave it.
 */
import { AUDIT_ACTIONS } from '../../../shared/audit/audit-entry';
import type { AuditTrail } from '../../../shared/audit/audit-trail';
import { recordCaseEvent } from '../../../shared/workflow/case-event-step';
import { closeTask, createTask } from '../../../shared/workflow/task-steps';
import { type EmailWorld, emailWorld } from '../notifications/email-world';

let world: EmailWorld;
beforeEach(() => {
  world = emailWorld();
});

const stepDeps = (audit: AuditTrail = world.services.audit) => ({
  cases: world.services.cases,
  tasks: world.services.tasks,
  audit,
  notifier: world.notifier,
  now: world.now,
});

/** The audit trail of a process killed just before its next audit write. */
function killedAtTheAudit(): AuditTrail {
  const audit = Object.create(world.services.audit) as AuditTrail;
  audit.append = audit.appendOnce = async () => {
    throw new Error('killed');
  };
  return audit;
}

async function entriesOf(caseId: string) {
  return (await world.services.audit.entries(caseId, { limit: 100 })).items;
}

describe('a step killed between its record and its audit', () => {
  it('recordCaseEvent audits the status change on its retry, once', async () => {
    const record = await world.storeCase({
      status: 'SUBMITTED',
      timeline: [
        { at: world.now().toISOString(), event: 'submitted', es: '.', en: '.', status: 'SUBMITTED' },
      ],
    });
    const input = {
      caseId: record.caseId,
      status: 'AWAITING_APPROVALS',
      event: 'approvals_requested',
    } as const;
    await expect(recordCaseEvent(stepDeps(killedAtTheAudit()), input)).rejects.toThrow('killed');
    expect(await entriesOf(record.caseId)).toEqual([]);

    expect(await recordCaseEvent(stepDeps(), input)).toMatchObject({ changed: false });
    await recordCaseEvent(stepDeps(), input);
    const entries = await entriesOf(record.caseId);
    expect(entries.map(({ action, details }) => ({ action, details }))).toEqual([
      {
        action: AUDIT_ACTIONS.caseStatusChanged,
        details: { from: 'SUBMITTED', to: 'AWAITING_APPROVALS', event: 'approvals_requested' },
      },
    ]);
  });

  it('recordCaseEvent audits an event at the same status as an event, once', async () => {
    const record = await world.storeCase({ status: 'AWAITING_APPROVALS' });
    const input = { caseId: record.caseId, event: 'funds_waiting' } as const;
    await expect(recordCaseEvent(stepDeps(killedAtTheAudit()), input)).rejects.toThrow('killed');
    await recordCaseEvent(stepDeps(), input);
    await recordCaseEvent(stepDeps(), input);
    expect((await entriesOf(record.caseId)).map(({ action, details }) => ({ action, details }))).toEqual([
      {
        action: AUDIT_ACTIONS.caseEventRecorded,
        details: { event: 'funds_waiting', status: 'AWAITING_APPROVALS' },
      },
    ]);
  });

  it('createTask and closeTask audit the task on their retries, once each', async () => {
    const record = await world.storeCase({ status: 'AWAITING_APPROVALS' });
    const input = {
      caseId: record.caseId,
      kind: 'country_approval',
      role: 'authority',
      country: 'GT',
      dueInSeconds: 86_400,
    } as const;
    await expect(createTask(stepDeps(killedAtTheAudit()), { ...input, taskToken: 't-1' })).rejects.toThrow(
      'killed',
    );
    const created = await createTask(stepDeps(), { ...input, taskToken: 't-2' });
    expect(created.created).toBe(false);
    await createTask(stepDeps(), { ...input, taskToken: 't-3' });

    const close = {
      caseId: record.caseId,
      taskId: created.taskId,
      outcome: 'expired',
      reason: 'deadline',
    } as const;
    await expect(closeTask(stepDeps(killedAtTheAudit()), close)).rejects.toThrow('killed');
    expect((await world.services.tasks.getForSystem(created.taskId)).status).toBe('expired');
    expect(await closeTask(stepDeps(), close)).toMatchObject({ closed: [created.taskId] });
    await closeTask(stepDeps(), close);

    const entries = await entriesOf(record.caseId);
    expect(entries.map((entry) => [entry.action, entry.details.taskId])).toEqual([
      [AUDIT_ACTIONS.taskCreated, created.taskId],
      [AUDIT_ACTIONS.taskExpired, created.taskId],
    ]);
    expect(entries[1]?.details).toMatchObject({
      kind: 'country_approval',
      country: 'GT',
      reason: 'deadline',
    });
  });
});

describe('AuditTrail.appendOnce', () => {
  it('writes one entry when two runs of a step race to audit the same thing', async () => {
    const caseId = 'RET-RACE0001';
    const input = {
      actor: { subject: 's', username: 'system', role: 'system' },
      action: 'fund.disbursed',
    } as const;
    const same = (entry: { action: string }) => entry.action === 'fund.disbursed';
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => world.services.audit.appendOnce(caseId, input, same)),
    );
    const entries = await entriesOf(caseId);
    expect(entries).toHaveLength(1);
    // Every run answers the one entry written.
    expect(new Set(answers.map((entry) => entry.hash))).toEqual(new Set([entries[0]?.hash]));
    expect((await world.services.audit.verify(caseId)).valid).toBe(true);
  });
});
