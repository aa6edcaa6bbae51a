/**
 * The notifier on the in-memory outbox and mailer: who is told what, in which language, each
 * email once whatever the retries and crashes, and the reception notice cut to what receiving a
 * person needs, only with consent.
 */
import type { Booking } from '../../../shared/contracts/case';
import { recordEmailEvent } from '../../../shared/notifications/email-events';
import { notify, resendUnsent } from '../../../shared/notifications/notifier';
import { outboxKeyText } from '../../../shared/ports/email-outbox';
import { OUTBOX_KEY_HEADER } from '../../../shared/ports/mailer';
import type { Task } from '../../../shared/tasks/task';
import { caseRequest } from '../cases/case-fixture';
import { childRequest, type EmailWorld, emailWorld, T0, WEB_APP_URL } from './email-world';

let world: EmailWorld;
beforeEach(() => {
  world = emailWorld();
});

const approvalTask = (caseId: string, country: 'MX' | 'GT' | 'HN' | 'BZ' = 'MX'): Task => ({
  taskId: `${caseId}.country_approval.${country}.1`,
  kind: 'country_approval',
  caseId,
  attempt: 1,
  assignee: { role: 'authority', country },
  dueAt: '2024-05-04T12:00:00.000Z',
  status: 'open',
  context: { approvalRole: 'exit' },
  createdAt: T0.toISOString(),
  updatedAt: T0.toISOString(),
});

const booking: Booking = {
  status: 'booked',
  bookedBy: 'provider',
  provider: 'TICA Bus',
  reference: 'TB-4411',
  departureAt: '2024-05-20T06:00:00.000Z',
  arrivalAt: '2024-05-21T18:30:00.000Z',
  costUsd: 120.5,
};

/** Words of what only the consulate may read, which no reception notice may carry. */
const FULL_ONLY = [
  'trafficking',
  'trata',
  'unaccompanied',
  'insulin',
  'PTSD',
  'recruited',
  'network',
  'reprisals',
  'BID-2024-117',
  'DIF Chiapas',
  'Rivera Hernández',
  '120.5',
];

describe('a new task’s email', () => {
  it('goes to the assigned country’s authority, in its language, with a link to the task and nothing about the person', async () => {
    const record = await world.storeCase();
    const task = approvalTask(record.caseId);
    const result = await notify(world.notifier, record.caseId, { kind: 'task_assigned', task });

    expect(result.sent).toEqual([
      {
        caseId: record.caseId,
        kind: `task_assigned#${task.taskId}`,
        recipient: 'authority.mx@demo.retorno.local',
      },
    ]);
    const [email] = world.mailer.sent;
    expect(email?.to).toEqual(['authority.mx@demo.retorno.local']);
    expect(email?.subject).toBe(
      `Caso ${record.caseId}: nueva tarea, aprobar o rechazar el retorno como país de salida`,
    );
    expect(email?.text).toContain(`${WEB_APP_URL}/tasks/${task.taskId}`);
    expect(email?.text).toContain('Plazo: 2024-05-04 12:00 UTC.');
    expect(email?.html).toContain(`<a href="${WEB_APP_URL}/tasks/${task.taskId}">`);
    expect(email?.outboxKey).toBe(outboxKeyText(result.sent[0]!));
    for (const email of world.mailer.sent) {
      for (const personal of ['María', 'López', '1990-03-14', 'violence', 'E1234567']) {
        expect(`${email.subject}${email.text}${email.html}`).not.toContain(personal);
      }
      // No token and no decision in the link: the reader signs in to decide.
      expect(email.text).not.toMatch(/token|decision=|approve\?/i);
    }
    expect(OUTBOX_KEY_HEADER).toBe('X-Retorno-Outbox-Key');
  });

  it('is written in English to an English-speaking country, and in both languages to the Secretariat', async () => {
    const record = await world.storeCase();
    await notify(world.notifier, record.caseId, {
      kind: 'task_assigned',
      task: approvalTask(record.caseId, 'BZ'),
    });
    const secretariatTask: Task = {
      ...approvalTask(record.caseId),
      taskId: `${record.caseId}.disbursement_approval.rcm.1`,
      kind: 'disbursement_approval',
      assignee: { role: 'secretariat' },
      context: { approvalRole: 'disbursement' },
    };
    await notify(world.notifier, record.caseId, { kind: 'task_assigned', task: secretariatTask });

    const [belize] = world.sentTo('authority.bz@demo.retorno.local');
    expect(belize?.subject).toBe(
      `Case ${record.caseId}: new task, approve or reject the return as the exit country`,
    );
    expect(belize?.text).not.toContain('Tiene una tarea');
    const [secretariat] = world.sentTo('secretariat@demo.retorno.local');
    expect(secretariat?.subject).toBe(
      `Caso ${record.caseId}: nueva tarea, aprobar o rechazar el desembolso del Fondo de Reserva / Case ${record.caseId}: new task, approve or reject the Reserve Fund disbursement`,
    );
    expect(secretariat?.text.indexOf('Tiene una tarea')).toBeLessThan(
      secretariat!.text.indexOf('You have a new task'),
    );
  });

  it('is sent once when notify runs twice', async () => {
    const record = await world.storeCase();
    const task = approvalTask(record.caseId);
    await notify(world.notifier, record.caseId, { kind: 'task_assigned', task });
    const again = await notify(world.notifier, record.caseId, { kind: 'task_assigned', task });
    expect(again.sent).toEqual([]);
    expect(again.skipped).toHaveLength(1);
    expect(world.mailer.sent).toHaveLength(1);
  });
});

describe('an email a crash interrupted', () => {
  it('is sent once by the next notify when the crash fell between recording and sending', async () => {
    const record = await world.storeCase();
    const task = approvalTask(record.caseId);
    // What a process killed right after recording leaves: a pending entry, nothing sent.
    await world.outbox.record({
      caseId: record.caseId,
      kind: `task_assigned#${task.taskId}`,
      recipient: 'authority.mx@demo.retorno.local',
      template: 'task_assigned',
      party: 'authority',
      languages: ['es'],
      facts: { taskId: task.taskId, taskKind: 'country_approval', approvalRole: 'exit', dueAt: task.dueAt },
      createdAt: T0.toISOString(),
    });
    expect(world.mailer.sent).toHaveLength(0);

    await notify(world.notifier, record.caseId, { kind: 'task_assigned', task });
    await notify(world.notifier, record.caseId, { kind: 'task_assigned', task });
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('is sent once by the reconciler when the crash fell after the claim, once the lease has run out', async () => {
    const record = await world.storeCase();
    const task = approvalTask(record.caseId);
    const key = {
      caseId: record.caseId,
      kind: `task_assigned#${task.taskId}`,
      recipient: 'authority.mx@demo.retorno.local',
    };
    await world.outbox.record({
      ...key,
      template: 'task_assigned',
      party: 'authority',
      languages: ['es'],
      facts: { taskId: task.taskId, taskKind: 'country_approval', dueAt: task.dueAt },
      createdAt: T0.toISOString(),
    });
    await world.outbox.claim(key, T0.toISOString(), new Date(T0.getTime() + 120_000).toISOString());

    // A retried step finds it claimed and leaves it to its (dead) sender.
    expect((await notify(world.notifier, record.caseId, { kind: 'task_assigned', task })).skipped).toEqual([
      key,
    ]);
    expect((await resendUnsent(world.notifier, { before: world.now() })).sent).toEqual([]);

    world.advance(300);
    const repaired = await resendUnsent(world.notifier, { before: new Date(world.now().getTime() - 60_000) });
    expect(repaired.sent).toEqual([key]);
    expect((await resendUnsent(world.notifier, { before: world.now() })).sent).toEqual([]);
    expect(world.mailer.sent).toHaveLength(1);
    expect(world.mailer.sent[0]?.text).toContain(`/tasks/${task.taskId}`);
  });

  it('is kept pending when the send fails, and sent once by the reconciler later', async () => {
    const record = await world.storeCase();
    world.mailer.failNext(Object.assign(new Error('Throttled'), { name: 'TooManyRequestsException' }));
    const result = await notify(world.notifier, record.caseId, {
      kind: 'status_changed',
      status: 'AWAITING_APPROVALS',
      event: 'approvals_requested',
    });
    expect(result.sent).toEqual([]);
    expect(result.failed).toEqual([
      {
        key: {
          caseId: record.caseId,
          kind: 'status_changed#AWAITING_APPROVALS',
          recipient: 'consular.hn@demo.retorno.local',
        },
        error: 'TooManyRequestsException',
      },
    ]);
    expect(await world.outbox.forCase(record.caseId)).toEqual([
      expect.objectContaining({ status: 'pending', lastError: 'TooManyRequestsException', attempts: 1 }),
    ]);

    world.advance(120);
    expect((await resendUnsent(world.notifier, { before: world.now() })).sent).toHaveLength(1);
    expect((await resendUnsent(world.notifier, { before: world.now() })).sent).toHaveLength(0);
    expect(world.mailer.sent).toHaveLength(1);
  });
});

describe('a change of status', () => {
  it('is emailed to the submitting consulate with the timeline’s sentence and a link to the case, no personal data', async () => {
    const record = await world.storeCase({
      status: 'AWAITING_APPROVALS',
      timeline: [
        {
          at: T0.toISOString(),
          event: 'approvals_requested',
          es: 'Se pidió la aprobación de cada país de la ruta (salida, tránsito y recepción).',
          en: 'Each country on the route (exit, transit and reception) was asked to approve.',
          status: 'AWAITING_APPROVALS',
        },
      ],
    });
    await notify(world.notifier, record.caseId, {
      kind: 'status_changed',
      status: 'AWAITING_APPROVALS',
      event: 'approvals_requested',
    });
    const [email] = world.sentTo('consular.hn@demo.retorno.local');
    expect(email?.subject).toBe(`Caso ${record.caseId}: Esperando aprobaciones`);
    expect(email?.text).toContain('Se pidió la aprobación de cada país de la ruta');
    expect(email?.text).toContain(`${WEB_APP_URL}/cases/${record.caseId}`);
    expect(email?.text).not.toMatch(/María|López|1990-03-14/);
  });
});

describe('the reception notice', () => {
  it('tells the return country’s authority and its child-protection authority what receiving a child needs, and nothing more', async () => {
    const record = await world.storeCase({ request: childRequest(), booking, status: 'AWAITING_DEPARTURE' });
    const result = await notify(world.notifier, record.caseId, { kind: 'reception_notice' });
    expect(result.sent.map((key) => key.recipient)).toEqual([
      'authority.hn@demo.retorno.local',
      'child-protection.hn@demo.retorno.local',
    ]);
    const [email] = world.sentTo('child-protection.hn@demo.retorno.local');
    const whole = `${email?.subject}\n${email?.text}\n${email?.html}`;
    expect(email?.subject).toBe(
      `Caso ${record.caseId}: recepción de una persona que retorna, llegada 2024-05-21 18:30 UTC`,
    );
    for (const needed of [
      'Nombre: Ana Lucía López Hernández',
      'Fecha de nacimiento: 2009-02-11',
      'Menor de edad: sí',
      'Destino: San Pedro Sula, Honduras',
      'Salida: 2024-05-20 06:00 UTC',
      'Llegada: 2024-05-21 18:30 UTC',
      'Referencia de la reserva: TB-4411',
      'Viaja con escolta: sí',
      'Escolta médica: sí',
      'Tutor que recibe: Carmen López (mother), +504 8888 0000',
      'Quién recibe: Rosa Martínez (aunt), +504 9999 0000',
      'DINAF también recibe este aviso',
    ]) {
      expect(email?.text).toContain(needed);
    }
    for (const secret of FULL_ONLY) expect(whole).not.toContain(secret);
    // The outbox keeps codes and addresses, never what the email said about her.
    const stored = JSON.stringify(await world.outbox.forCase(record.caseId));
    for (const personal of ['Ana', 'López', '2009-02-11', 'Rosa', 'TB-4411'])
      expect(stored).not.toContain(personal);
  });

  it('goes only to the authority for an adult, in English for an English-speaking country', async () => {
    const request = caseRequest({
      migrant: { ...caseRequest().migrant, nationality: 'BZ' },
      returnTo: { country: 'BZ', city: 'Belize City' },
      consent: { informedConsent: true, consentDate: '2024-04-30', dataTransferConsent: ['MX', 'GT', 'BZ'] },
    });
    const record = await world.storeCase({ request, returnCountry: 'BZ', nationality: 'BZ' });
    const result = await notify(world.notifier, record.caseId, { kind: 'reception_notice' });
    expect(result.sent.map((key) => key.recipient)).toEqual(['authority.bz@demo.retorno.local']);
    const [email] = world.mailer.sent;
    expect(email?.text).toContain('Name: María José López Hernández');
    expect(email?.text).toContain('Itinerary: to be confirmed');
    expect(email?.text).not.toContain('needs trauma counselling');
    expect(email?.text).not.toContain('abusive');
  });

  it('is refused to a country the person did not consent to share with, and the Secretariat is alerted once', async () => {
    const request = caseRequest({
      consent: { informedConsent: true, consentDate: '2024-04-30', dataTransferConsent: ['MX', 'GT'] },
    });
    const record = await world.storeCase({ request, booking });
    const result = await notify(world.notifier, record.caseId, { kind: 'reception_notice' });
    expect(result.refused).toEqual([{ party: 'authority', country: 'HN' }]);
    expect(world.sentTo('authority.hn@demo.retorno.local')).toEqual([]);
    const [alert] = world.sentTo('secretariat@demo.retorno.local');
    expect(alert?.subject).toBe(
      `Caso ${record.caseId}: aviso no enviado a Honduras (sin consentimiento) / Case ${record.caseId}: notice not sent to Honduras (no consent)`,
    );
    expect(alert?.text).not.toContain('María');

    await notify(world.notifier, record.caseId, { kind: 'reception_notice' });
    expect(world.mailer.sent).toHaveLength(1);
  });
});

describe('the withdrawal notice', () => {
  it('goes to everyone the outbox shows was emailed about the case, once each, in their language', async () => {
    const record = await world.storeCase();
    await notify(world.notifier, record.caseId, {
      kind: 'task_assigned',
      task: approvalTask(record.caseId, 'MX'),
    });
    await notify(world.notifier, record.caseId, {
      kind: 'task_reminder',
      task: approvalTask(record.caseId, 'MX'),
    });
    await notify(world.notifier, record.caseId, {
      kind: 'task_assigned',
      task: approvalTask(record.caseId, 'BZ'),
    });
    await notify(world.notifier, record.caseId, {
      kind: 'status_changed',
      status: 'AWAITING_APPROVALS',
      event: 'approvals_requested',
    });
    const before = world.mailer.sent.length;

    await notify(world.notifier, record.caseId, { kind: 'withdrawal_notice' });
    await notify(world.notifier, record.caseId, { kind: 'withdrawal_notice' });
    const notices = world.mailer.sent.slice(before);
    expect(notices.map((email) => email.to[0]).sort()).toEqual([
      'authority.bz@demo.retorno.local',
      'authority.mx@demo.retorno.local',
      'consular.hn@demo.retorno.local',
    ]);
    expect(world.sentTo('authority.bz@demo.retorno.local').at(-1)?.subject).toBe(
      `Case ${record.caseId}: request withdrawn`,
    );
    expect(world.sentTo('authority.mx@demo.retorno.local').at(-1)?.subject).toBe(
      `Caso ${record.caseId}: solicitud retirada`,
    );
    for (const email of notices) expect(email.text).not.toMatch(/María|López/);
  });
});

describe('the Secretariat’s alerts', () => {
  it('say in both languages that a case waits for funds, with its amount, and that a case failed, with the error', async () => {
    const record = await world.storeCase();
    await notify(world.notifier, record.caseId, { kind: 'funds_waiting' });
    await notify(world.notifier, record.caseId, { kind: 'case_failed', error: 'Lambda.Unknown' });
    const [waiting, failed] = world.sentTo('secretariat@demo.retorno.local');
    expect(waiting?.subject).toBe(
      `Caso ${record.caseId}: espera fondos (USD\u00a0210.75) / Case ${record.caseId}: waiting for funds ($210.75)`,
    );
    expect(failed?.subject).toBe(
      `Caso ${record.caseId}: falló (Lambda.Unknown) / Case ${record.caseId}: failed (Lambda.Unknown)`,
    );
    expect(failed?.text).toContain(`${WEB_APP_URL}/cases/${record.caseId}`);
  });
});

describe('an email SES accepted just before its sender died', () => {
  const sesEvent = (eventType: string, messageId: string, key: string, extra: object = {}) => ({
    eventType,
    mail: {
      timestamp: world.now().toISOString(),
      messageId,
      headers: [
        { name: 'From', value: 'no-reply@retorno.local' },
        { name: OUTBOX_KEY_HEADER, value: key },
      ],
    },
    ...extra,
  });

  /** What the dead sender did: recorded and claimed the email, and SES accepted it. */
  async function dieAfterSes(caseId: string, task: Task) {
    const entry = {
      caseId,
      kind: `task_assigned#${task.taskId}`,
      recipient: 'authority.mx@demo.retorno.local',
      template: 'task_assigned' as const,
      party: 'authority' as const,
      languages: ['es' as const],
      facts: { taskId: task.taskId, taskKind: 'country_approval' as const, dueAt: task.dueAt },
      createdAt: T0.toISOString(),
    };
    const at = world.now();
    await world.outbox.recordAndClaim(entry, {
      at: at.toISOString(),
      until: new Date(at.getTime() + (120 + 300) * 1000).toISOString(),
    });
    const { messageId } = await world.mailer.send({
      to: [entry.recipient],
      subject: 's',
      text: 't',
      outboxKey: outboxKeyText(entry),
    });
    return { key: outboxKeyText(entry), messageId };
  }

  it('is marked sent by SES’s Send event, and the reconciler never sends it again', async () => {
    const record = await world.storeCase();
    const { key, messageId } = await dieAfterSes(record.caseId, approvalTask(record.caseId));
    const recorded = await recordEmailEvent(
      { outbox: world.outbox, now: world.now },
      sesEvent('Send', messageId, key),
    );
    expect(recorded).toMatchObject({ outcome: 'recorded', type: 'Send' });
    await recordEmailEvent(
      { outbox: world.outbox, now: world.now },
      sesEvent('Delivery', messageId, key, { delivery: { timestamp: world.now().toISOString() } }),
    );

    world.advance(3600);
    expect((await resendUnsent(world.notifier, { before: world.now() })).sent).toEqual([]);
    expect(world.mailer.sent).toHaveLength(1);
    expect((await world.outbox.forCase(record.caseId))[0]).toMatchObject({
      status: 'sent',
      messageId,
      deliveredAt: T0.toISOString(),
    });
  });

  it('is not taken over before the Send event’s grace has passed, and is sent again only if no event came', async () => {
    const record = await world.storeCase();
    await dieAfterSes(record.caseId, approvalTask(record.caseId));
    // The lease (120 s) has run out, the grace (300 s) has not: the reconciler waits for the event.
    world.advance(180);
    expect((await resendUnsent(world.notifier, { before: world.now() })).sent).toEqual([]);
    // No event ever came (SES lost it): after lease and grace, the email is sent again, the one
    // duplicate the outbox cannot rule out.
    world.advance(250);
    expect((await resendUnsent(world.notifier, { before: world.now() })).sent).toHaveLength(1);
    expect(world.mailer.sent).toHaveLength(2);
  });

  it('holds a dead sender’s claim for its lease and then the grace the deployment sets', async () => {
    const record = await world.storeCase();
    const quick = { ...world.notifier, sendEventGraceSeconds: 10 };
    // Killed after SES accepted the email, before markSent.
    jest.spyOn(world.outbox, 'markSent').mockRejectedValueOnce(new Error('killed'));
    await expect(
      notify(quick, record.caseId, { kind: 'task_assigned', task: approvalTask(record.caseId) }),
    ).rejects.toThrow('killed');
    world.advance(125);
    expect((await resendUnsent(quick, { before: world.now() })).sent).toEqual([]);
    world.advance(10);
    expect((await resendUnsent(quick, { before: world.now() })).sent).toHaveLength(1);
  });
});

describe('an email that cannot be sent', () => {
  /** A task_assigned entry without its task id: the template can never be rendered. */
  async function unrenderable(caseId: string) {
    await world.outbox.record({
      caseId,
      kind: 'task_assigned#broken',
      recipient: 'authority.mx@demo.retorno.local',
      template: 'task_assigned',
      party: 'authority',
      languages: ['es'],
      facts: { taskKind: 'country_approval', dueAt: '2024-05-04T12:00:00.000Z' },
      createdAt: T0.toISOString(),
    });
  }

  it('is given up after the last attempt, the Secretariat alerted once, and the reconciler stops trying', async () => {
    const record = await world.storeCase();
    await unrenderable(record.caseId);
    const failures: string[] = [];
    for (let round = 0; round < 8; round++) {
      world.advance(300);
      const result = await resendUnsent(world.notifier, { before: world.now() });
      failures.push(...result.failed.map((item) => item.error));
    }
    expect(failures).toEqual(Array.from({ length: 5 }, () => 'EmailFactMissingError'));
    const entries = await world.outbox.forCase(record.caseId);
    expect(entries.find((entry) => entry.kind === 'task_assigned#broken')).toMatchObject({
      status: 'failed',
      attempts: 5,
      lastError: 'EmailFactMissingError',
    });
    expect(world.mailer.sent.map((email) => email.to[0])).toEqual(['secretariat@demo.retorno.local']);
    const [alert] = world.mailer.sent;
    expect(alert?.subject).toBe(
      `Caso ${record.caseId}: un correo no pudo enviarse (task_assigned) / Case ${record.caseId}: an email could not be sent (task_assigned)`,
    );
    expect(alert?.text).toContain('authority');
    expect(alert?.text).toContain('EmailFactMissingError');
    expect(alert?.text).toContain(`${WEB_APP_URL}/cases/${record.caseId}`);
    expect(await world.outbox.unsent(new Date(world.now().getTime() + 86_400_000).toISOString())).toEqual([]);
  });

  it('still alerts the Secretariat when the sender dies right after parking it', async () => {
    const record = await world.storeCase();
    await unrenderable(record.caseId);
    const twice = { ...world.notifier, maxAttempts: 2 };
    world.advance(300);
    await resendUnsent(twice, { before: world.now() });
    // The second attempt parks the email, and the sender is killed at once, before it alerts.
    const fail = world.outbox.fail.bind(world.outbox);
    jest.spyOn(world.outbox, 'fail').mockImplementationOnce(async (...args) => {
      await fail(...args);
      throw new Error('killed');
    });
    world.advance(300);
    await expect(resendUnsent(twice, { before: world.now() })).rejects.toThrow('killed');
    expect(world.mailer.sent).toEqual([]);
    // The alert was on record before the email was parked: the next round sends it, once.
    for (let round = 0; round < 3; round++) {
      world.advance(300);
      await resendUnsent(twice, { before: world.now() });
    }
    expect(world.sentTo('secretariat@demo.retorno.local')).toHaveLength(1);
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('is given up after as many attempts as the deployment sets, also when its case is gone', async () => {
    await unrenderable('RET-GONE');
    const twice = { ...world.notifier, maxAttempts: 2 };
    for (let round = 0; round < 4; round++) {
      world.advance(300);
      await resendUnsent(twice, { before: world.now() });
    }
    const entries = await world.outbox.forCase('RET-GONE');
    expect(entries.find((entry) => entry.template === 'task_assigned')).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: 'CaseNotFoundError',
    });
    // The alert needs nothing of the case: it still goes out, once.
    expect(world.sentTo('secretariat@demo.retorno.local')).toHaveLength(1);
  });
});

describe('notify given the case a step has just read', () => {
  it('does not read it again', async () => {
    const record = await world.storeCase();
    const reads = jest.spyOn(world.services.cases, 'getForSystem');
    await notify(world.notifier, record, { kind: 'task_assigned', task: approvalTask(record.caseId) });
    expect(reads).not.toHaveBeenCalled();
    expect(world.mailer.sent).toHaveLength(1);
  });
});
