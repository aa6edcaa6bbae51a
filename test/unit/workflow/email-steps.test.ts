/**
 * The two workflow steps that email: createTask tells the assignee once, however often it runs;
 * recordCaseEvent tells the consulate when, and only when, the status changes; and a failed send
 * fails neither step, leaving the email pending for the reconciler.
 */
import { recordCaseEvent } from '../../../shared/workflow/case-event-step';
import { createTask } from '../../../shared/workflow/task-steps';
import { type EmailWorld, emailWorld } from '../notifications/email-world';

let world: EmailWorld;
beforeEach(() => {
  world = emailWorld();
});

const stepDeps = () => ({
  cases: world.services.cases,
  tasks: world.services.tasks,
  audit: world.services.audit,
  notifier: world.notifier,
  now: world.now,
});

describe('createTask', () => {
  it('emails the assigned authority once, even when the step is retried with a new token', async () => {
    const record = await world.storeCase();
    const input = {
      caseId: record.caseId,
      kind: 'country_approval',
      role: 'authority',
      country: 'GT',
      dueInSeconds: 4 * 86_400,
    } as const;
    const first = await createTask(stepDeps(), { ...input, taskToken: 'token-1' });
    const retry = await createTask(stepDeps(), { ...input, taskToken: 'token-2' });

    expect(first.emails.sent).toHaveLength(1);
    expect(retry).toMatchObject({ created: false, emails: { sent: [], skipped: [expect.anything()] } });
    const emails = world.sentTo('authority.gt@demo.retorno.local');
    expect(emails).toHaveLength(1);
    expect(emails[0]?.text).toContain(`/tasks/${first.taskId}`);
    expect(emails[0]?.subject).toContain('como país de tránsito');
    // Half of the four days.
    expect((await world.services.tasks.getForSystem(first.taskId)).reminderAt).toBe(
      '2024-05-03T12:00:00.000Z',
    );
  });

  it('keeps the task when the email cannot be sent: the email waits, pending, for the reconciler', async () => {
    const record = await world.storeCase();
    world.mailer.failNext(Object.assign(new Error('SES down'), { name: 'ServiceUnavailable' }));
    const result = await createTask(stepDeps(), {
      caseId: record.caseId,
      kind: 'disbursement_approval',
      role: 'secretariat',
      dueInSeconds: 86_400,
      taskToken: 'token-1',
    });
    expect(result.created).toBe(true);
    expect(result.emails.failed).toEqual([expect.objectContaining({ error: 'ServiceUnavailable' })]);
    expect(await world.outbox.unsent(new Date(world.now().getTime() + 1).toISOString())).toHaveLength(1);
  });
});

describe('recordCaseEvent', () => {
  const requested = (caseId: string) =>
    ({ caseId, status: 'AWAITING_APPROVALS', event: 'approvals_requested' }) as const;

  it('emails the consulate when the event moves the case, once however often it is recorded', async () => {
    const record = await world.storeCase({ status: 'SUBMITTED' });
    const first = await recordCaseEvent(stepDeps(), requested(record.caseId));
    const again = await recordCaseEvent(stepDeps(), requested(record.caseId));
    expect(first).toMatchObject({ changed: true, emails: { sent: [expect.anything()] } });
    expect(again).toMatchObject({ changed: false, emails: { sent: [] } });
    const emails = world.sentTo('consular.hn@demo.retorno.local');
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toBe(`Caso ${record.caseId}: Esperando aprobaciones`);
  });

  it('sends the email a crash kept from a first run when the step is retried', async () => {
    const record = await world.storeCase({ status: 'SUBMITTED' });
    world.mailer.failNext(new Error('killed mid-send'));
    await recordCaseEvent(stepDeps(), requested(record.caseId));
    expect(world.mailer.sent).toHaveLength(0);
    // The retry finds the event recorded, yet the email still pending: it sends it.
    world.advance(1);
    await recordCaseEvent(stepDeps(), requested(record.caseId));
    expect(world.sentTo('consular.hn@demo.retorno.local')).toHaveLength(1);
  });

  it('sends no status email for an event that does not change the status; a withdrawal tells everyone told, once', async () => {
    const record = await world.storeCase({ status: 'SUBMITTED' });
    await recordCaseEvent(stepDeps(), requested(record.caseId));
    // The withdrawal API has already moved the case to WITHDRAWN with its own event.
    await world.services.cases.mutate(record.caseId, () => ({
      changes: { status: 'WITHDRAWN' },
      timeline: [
        {
          at: world.now().toISOString(),
          event: 'withdrawn',
          es: 'Retirado.',
          en: 'Withdrawn.',
          status: 'WITHDRAWN',
        },
      ],
    }));
    const result = await recordCaseEvent(stepDeps(), {
      caseId: record.caseId,
      status: 'WITHDRAWN',
      event: 'withdrawal_completed',
    });
    expect(result).toMatchObject({ changed: true });
    // No "now WITHDRAWN" status email: the consulate withdrew it. The withdrawal notice goes to
    // everyone already emailed about the case (here the consulate alone), once, however often.
    expect(result.emails?.sent.map((key) => key.kind)).toEqual(['withdrawal_notice']);
    await recordCaseEvent(stepDeps(), {
      caseId: record.caseId,
      status: 'WITHDRAWN',
      event: 'withdrawal_completed',
    });
    expect(world.mailer.sent).toHaveLength(2);
    expect(world.mailer.sent[0]?.subject).toBe(`Caso ${record.caseId}: Esperando aprobaciones`);
  });

  it('alerts the Secretariat of a failure and keeps the error on the case', async () => {
    const record = await world.storeCase({ status: 'AWAITING_APPROVALS' });
    const result = await recordCaseEvent(stepDeps(), {
      caseId: record.caseId,
      status: 'FAILED',
      event: 'workflow_failed',
      code: 'TravelAlreadyBookedError',
    });
    expect(result.emails?.sent.map((key) => key.kind).sort()).toEqual([
      'case_failed',
      'status_changed#FAILED',
    ]);
    const failed = await world.services.cases.getForSystem(record.caseId);
    expect(failed).toMatchObject({ status: 'FAILED', failure: { error: 'TravelAlreadyBookedError' } });
    expect(
      world.mailer.sent.find(
        (email) =>
          email.subject.includes('TravelAlreadyBookedError') ||
          email.text.includes('TravelAlreadyBookedError'),
      ),
    ).toBeDefined();
  });
});
