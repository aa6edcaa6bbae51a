/**
 * Reminders on their schedule: every open task whose reminder time has passed is reminded once,
 * however often the schedule runs; tasks not yet due, and closed ones, are not.
 */
import { sendReminders } from '../../../shared/use-cases/send-reminders';
import { type EmailWorld, emailWorld, T0 } from '../notifications/email-world';

let world: EmailWorld;
beforeEach(() => {
  world = emailWorld();
});

const HOUR = 3600;

async function openTask(
  caseId: string,
  kind: 'country_approval' | 'arrival_confirmation',
  country: 'MX' | 'HN',
  dueInHours: number,
  remindInHours: number,
) {
  const { task } = await world.services.tasks.create({
    caseId,
    kind,
    assignee: { role: 'authority', country },
    dueAt: new Date(T0.getTime() + dueInHours * HOUR * 1000).toISOString(),
    reminderAt: new Date(T0.getTime() + remindInHours * HOUR * 1000).toISOString(),
    ...(kind === 'country_approval' ? { context: { approvalRole: 'exit' } } : {}),
  });
  return task;
}

const run = () => sendReminders({ tasks: world.services.tasks, notifier: world.notifier, now: world.now });

describe('the task reminders', () => {
  it('remind each open task once its reminder time has passed, once however often they run', async () => {
    const record = await world.storeCase();
    const halfway = await openTask(record.caseId, 'country_approval', 'MX', 48, 24);
    const later = await openTask(record.caseId, 'arrival_confirmation', 'HN', 96, 96);

    expect((await run()).reminded).toEqual([]);
    world.advance(25 * HOUR);
    expect((await run()).reminded).toEqual([halfway.taskId]);
    expect((await run()).reminded).toEqual([]);
    world.advance(72 * HOUR);
    expect((await run()).reminded).toEqual([later.taskId]);

    const [mexico] = world.sentTo('authority.mx@demo.retorno.local');
    expect(mexico?.subject).toBe(
      `Caso ${record.caseId}: recordatorio, aprobar o rechazar el retorno como país de salida antes de 2024-05-03 12:00 UTC`,
    );
    const [honduras] = world.sentTo('authority.hn@demo.retorno.local');
    expect(honduras?.subject).toBe(
      `Caso ${record.caseId}: tarea vencida, confirmar la llegada de la persona y quién la recibió`,
    );
    expect(world.mailer.sent).toHaveLength(2);
  });

  it('leave closed tasks alone', async () => {
    const record = await world.storeCase();
    const task = await openTask(record.caseId, 'country_approval', 'MX', 2, 1);
    await world.services.tasks.cancel(task.taskId, 'CaseWithdrawn');
    world.advance(2 * HOUR);
    expect((await run()).reminded).toEqual([]);
    expect(world.mailer.sent).toEqual([]);
  });

  it('go on to the other tasks when one task’s case cannot be read', async () => {
    const record = await world.storeCase();
    await openTask('RET-GONE', 'country_approval', 'MX', 2, 1);
    const task = await openTask(record.caseId, 'country_approval', 'MX', 2, 1);
    world.advance(2 * HOUR);
    const result = await run();
    expect(result.reminded).toEqual([task.taskId]);
    expect(result.errors).toEqual([{ taskId: 'RET-GONE.country_approval.MX.1', error: 'CaseNotFoundError' }]);
  });
});
