/**
 * The case workflow to the end, path by path, through the API of one local cloud (the built
 * bundles, DynamoDB Local, the Step Functions runtime, the simulated travel provider, the SES
 * emulator), the local clock moved where the path waits for days. Each path asserts the final
 * status, the fund's books, the tasks left open (none) and what the people were told; the paths that
 * end a case FAILED or CLOSED also what each person reads of that end, row by row from docs/domain.md.
 */
import { ARRIVAL_GIVE_UP_DAYS } from '../../shared/workflow/travel-plan';
import { startTestApi, type TestApi } from '../support/api';
import { disclosureTables, type TableProfile } from '../support/disclosure-table';
import { eventually } from '../support/eventually';
import {
  advancePast,
  approveRoute,
  CHECK_IN,
  caseOf,
  complete,
  contribute,
  expectFundBalanced,
  fundOf,
  inboxTask,
  localToday,
  runScheduled,
  submitCase,
  waitForStatus,
} from '../support/journey';
import { storedEmails } from '../support/ses-store';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  await contribute(api, 50_000);
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

async function openTasksOf(caseId: string) {
  const all = [];
  for (const user of [
    'authority.mx',
    'authority.gt',
    'authority.hn',
    'reintegration.hn',
    'secretariat',
    'operations',
  ]) {
    const items = (await api.call(user, 'GET', '/api/tasks?limit=100')).body.items as Array<{
      caseId: string;
    }>;
    all.push(...items.filter((task) => task.caseId === caseId));
  }
  return all;
}

/** Who reads a fixture case in each profile: a Honduran child in Mexico, home overland through Guatemala. */
const READERS: Record<TableProfile, readonly string[]> = {
  full: ['consular.hn', 'secretariat', 'auditor'],
  exit: ['authority.mx'],
  transit: ['authority.gt'],
  reception: ['authority.hn'],
  reintegration: ['reintegration.hn'],
  operations: ['operations'],
};

/** Every reader gets `field` of the case's detail as `shown`, or not at all, as docs/domain.md says. */
async function expectSeenAsDocumented(caseId: string, field: 'failure' | 'reintegration', shown: unknown) {
  const row = disclosureTables().rest.find((entry) => entry.field === field);
  expect(row).toBeDefined();
  for (const [profile, users] of Object.entries(READERS) as [TableProfile, readonly string[]][]) {
    for (const user of users) {
      const { status, body } = await api.call(user, 'GET', `/api/cases/${caseId}`);
      expect([user, status, body.disclosure, body[field]]).toEqual([
        user,
        200,
        profile,
        row?.seenBy.has(profile) ? shown : undefined,
      ]);
    }
  }
}

/** The emails about the case whose outbox key holds `kind`, to `address`. */
async function emailsOf(caseId: string, kind: string, address: string) {
  return (await storedEmails(api.cloud.urls.ses, { caseId, to: address })).filter((email) =>
    email.outboxKey?.includes(kind),
  );
}

describe('the case workflow to the end', () => {
  it('goes the whole way to CLOSED: approvals, disbursement, booking, departure, arrival, three check-ins', async () => {
    const before = await fundOf(api);
    const caseId = await submitCase(api);
    await waitForStatus(api, caseId, 'AWAITING_APPROVALS');
    await approveRoute(api, caseId);
    await complete(api, 'secretariat', caseId, 'disbursement_approval');

    const booked = await waitForStatus(api, caseId, 'AWAITING_DEPARTURE');
    expect(booked.booking).toMatchObject({ status: 'booked', bookedBy: 'provider', escortSeat: true });
    const departure = Date.parse(booked.booking.departureAt);
    expect(departure).toBeGreaterThan(api.cloud.clock.now());

    // The departure comes: the case is travelling, the return country is asked to confirm arrival.
    await api.advance(`${Math.ceil((departure - api.cloud.clock.now()) / 60_000) + 1}m`);
    await waitForStatus(api, caseId, 'TRAVELLING');
    const arrival = await inboxTask(api, 'authority.hn', caseId, 'arrival_confirmation');
    // Due two days after the planned arrival: to within the seconds between planning the wait
    // (whole seconds from now) and the task step that opens it.
    const late = Date.parse(arrival.dueAt) - Date.parse(booked.booking.arrivalAt) - 2 * 86_400_000;
    expect(Math.abs(late)).toBeLessThanOrEqual(5000);
    await api.advance('1d');
    await complete(api, 'authority.hn', caseId, 'arrival_confirmation', {
      arrivedOn: await localToday(api),
      receivedBy: 'DINAF San Pedro Sula',
    });
    await waitForStatus(api, caseId, 'REINTEGRATION');
    const home = await eventually(async () => {
      const detail = await caseOf(api, caseId);
      return detail.checkIns.length > 0 ? detail : undefined;
    });
    expect(
      home.checkIns.map((c: { dayAfterArrival: number; status: string }) => [c.dayAfterArrival, c.status]),
    ).toEqual([
      [30, 'scheduled'],
      [90, 'scheduled'],
      [180, 'scheduled'],
    ]);

    // Each check-in's task opens a week before its day; the officer records it.
    for (const days of ['30d', '60d', '90d']) {
      await api.advance(days);
      await complete(api, 'reintegration.hn', caseId, 'reintegration_checkin', CHECK_IN);
    }
    const closed = await waitForStatus(api, caseId, 'CLOSED');
    expect(closed.checkIns.map((c: { status: string }) => c.status)).toEqual([
      'completed',
      'completed',
      'completed',
    ]);
    expect(closed.checkIns[0]).toMatchObject({
      contactMade: true,
      intendsToMigrateAgain: 'no',
      housing: 'stable',
    });
    // The summary the last check-in leaves, and who reads it.
    expect(closed.reintegration).toEqual({
      checkIns: 3,
      completed: 3,
      contactMade: 3,
      intendsToMigrateAgain: CHECK_IN.intendsToMigrateAgain,
    });
    await expectSeenAsDocumented(caseId, 'reintegration', closed.reintegration);
    expect(closed.timeline.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining([
        'travel_booked',
        'departed',
        'arrived',
        'reintegration_started',
        'reintegration_completed',
      ]),
    );

    const after = await fundOf(api);
    expectFundBalanced(after);
    expect(Math.round((after.disbursed - before.disbursed) * 100) / 100).toBe(780);
    expect(await openTasksOf(caseId)).toEqual([]);
    expect((await caseOf(api, caseId, 'auditor')).status).toBe('CLOSED');

    // What the people were told, each email once.
    const emails = await eventually(async () => {
      const found = await storedEmails(api.cloud.urls.ses, { caseId });
      return found.some((email) => email.subject.includes('Cerrado')) ? found : undefined;
    });
    const keys = emails.map((email) => email.outboxKey);
    expect(new Set(keys).size).toBe(keys.length);
    const to = (address: string) => emails.filter((email) => email.destination.to.includes(address));
    // The receiving country (and, for a child, its child-protection authority) got the reception notice.
    const reception = to('authority.hn@demo.retorno.local').filter((email) =>
      email.outboxKey?.includes('reception_notice'),
    );
    expect(reception).toHaveLength(1);
    expect(reception[0]?.body.text).toContain('José Andrés');
    expect(reception[0]?.body.text).not.toMatch(/unaccompanied|no acompañad|Albergue|DIF Chiapas/i);
    expect(to('child-protection.hn@demo.retorno.local')).toHaveLength(1);
    // Each country's authority got its task's link, and the consulate each change of status.
    for (const country of ['mx', 'gt', 'hn']) {
      const tasks = to(`authority.${country}@demo.retorno.local`).filter((email) =>
        email.outboxKey?.includes('task_assigned'),
      );
      expect(tasks.length).toBeGreaterThanOrEqual(1);
      expect(tasks[0]?.body.text).toMatch(/\/tasks\/RET-/);
    }
    const statuses = to('consular.hn@demo.retorno.local').map((email) => email.outboxKey);
    for (const status of [
      'AWAITING_APPROVALS',
      'AWAITING_DISBURSEMENT',
      'BOOKING',
      'AWAITING_DEPARTURE',
      'TRAVELLING',
      'ARRIVED',
      'REINTEGRATION',
      'CLOSED',
    ]) {
      expect(statuses).toContainEqual(expect.stringContaining(`status_changed#${status}`));
    }
  }, 180_000);

  it('stops an ineligible case at once: no money held, no task opened', async () => {
    const before = await fundOf(api);
    // The person did not consent to their data reaching the transit country.
    const caseId = await submitCase(api, { consent: { dataTransferConsent: ['MX', 'HN'] } });
    const detail = await caseOf(api, caseId);
    expect(detail.status).toBe('INELIGIBLE');
    expect(await fundOf(api)).toEqual(before);
    expect(await openTasksOf(caseId)).toEqual([]);
  });

  it.each([
    ['exit', 'authority.mx'],
    ['transit', 'authority.gt'],
    ['reception', 'authority.hn'],
  ])(
    'is REJECTED when the %s country rejects: the hold is given back and the other approvals cancelled',
    async (_role, user) => {
      const before = await fundOf(api);
      const caseId = await submitCase(api);
      await waitForStatus(api, caseId, 'AWAITING_APPROVALS');
      await complete(api, user, caseId, 'country_approval', {
        decision: 'reject',
        comment: 'No es seguro ahora.',
      });
      const rejected = await waitForStatus(api, caseId, 'REJECTED');
      expect(rejected.timeline.map((e: { event: string }) => e.event)).toContain('approval_rejected');
      await eventually(async () => ((await fundOf(api)).reserved === before.reserved ? true : undefined));
      expect(await fundOf(api)).toEqual(before);
      expect(await openTasksOf(caseId)).toEqual([]);
    },
  );

  it('is REJECTED when the Secretariat rejects the disbursement, the hold given back', async () => {
    const before = await fundOf(api);
    const caseId = await submitCase(api);
    await approveRoute(api, caseId);
    await complete(api, 'secretariat', caseId, 'disbursement_approval', {
      decision: 'reject',
      comment: 'Sin fondos.',
    });
    await waitForStatus(api, caseId, 'REJECTED');
    await eventually(async () => ((await fundOf(api)).reserved === before.reserved ? true : undefined));
    expect(await fundOf(api)).toEqual(before);
  });

  it('books through transient provider failures, and by hand when the provider refuses', async () => {
    await api.call(null, 'POST', '/local/travel-provider/failures', { transient: 2 });
    const retried = await submitCase(api);
    await approveRoute(api, retried);
    await complete(api, 'secretariat', retried, 'disbursement_approval');
    const booked = await waitForStatus(api, retried, 'AWAITING_DEPARTURE', 60_000);
    expect(booked.booking).toMatchObject({ status: 'booked', bookedBy: 'provider' });

    await api.call(null, 'POST', '/local/travel-provider/failures', { permanent: 'no_seats' });
    const refused = await submitCase(api);
    await approveRoute(api, refused);
    await complete(api, 'secretariat', refused, 'disbursement_approval');
    const departureAt = new Date(api.cloud.clock.now() + 4 * 86_400_000).toISOString();
    const arrivalAt = new Date(api.cloud.clock.now() + 4.5 * 86_400_000).toISOString();
    await complete(api, 'operations', refused, 'manual_booking', {
      provider: 'Transportes del Sur',
      reference: 'TDS-2201',
      departureAt,
      arrivalAt,
      cost: 320,
    });
    await api.call(null, 'DELETE', '/local/travel-provider/failures');
    const manual = await waitForStatus(api, refused, 'AWAITING_DEPARTURE');
    expect(manual.booking).toMatchObject({
      status: 'booked',
      bookedBy: 'manual',
      reference: 'TDS-2201',
      departureAt,
    });
    expect(await openTasksOf(refused)).toEqual([]);
  }, 120_000);

  it('withdraws after the disbursement, booked and waiting to leave: the booking is cancelled and the money goes back', async () => {
    const before = await fundOf(api);
    const caseId = await submitCase(api);
    await approveRoute(api, caseId);
    await complete(api, 'secretariat', caseId, 'disbursement_approval');
    await waitForStatus(api, caseId, 'AWAITING_DEPARTURE');
    expect(Math.round(((await fundOf(api)).disbursed - before.disbursed) * 100) / 100).toBe(780);

    const answer = await api.call('consular.hn', 'POST', `/api/cases/${caseId}/withdraw`, {
      reason: 'Se queda con su tía.',
    });
    expect(answer.status).toBe(200);
    const withdrawn = await eventually(async () => {
      const detail = await caseOf(api, caseId);
      return detail.timeline.some((e: { event: string }) => e.event === 'withdrawal_completed')
        ? detail
        : undefined;
    });
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(withdrawn.booking).toMatchObject({ status: 'cancelled' });
    // Everyone already told about the case is told of the withdrawal, once.
    const notices = await eventually(async () => {
      const found = (await storedEmails(api.cloud.urls.ses, { caseId })).filter((email) =>
        email.outboxKey?.includes('withdrawal_notice'),
      );
      const to = found.flatMap((email) => email.destination.to);
      return ['authority.hn', 'authority.mx', 'authority.gt', 'secretariat'].every((who) =>
        to.includes(`${who}@demo.retorno.local`),
      )
        ? found
        : undefined;
    });
    const told = notices.flatMap((email) => email.destination.to);
    expect(new Set(told).size).toBe(told.length);
    expect(told).toEqual(
      expect.arrayContaining(['authority.hn@demo.retorno.local', 'authority.mx@demo.retorno.local']),
    );
    const after = await fundOf(api);
    expect(after).toEqual(before);
    expectFundBalanced(after);
    expect(await openTasksOf(caseId)).toEqual([]);
  }, 90_000);

  it('withdraws while operations books by hand, and refuses a withdrawal once the person has left', async () => {
    await api.call(null, 'POST', '/local/travel-provider/failures', { permanent: true });
    const before = await fundOf(api);
    const waiting = await submitCase(api);
    await approveRoute(api, waiting);
    await complete(api, 'secretariat', waiting, 'disbursement_approval');
    await inboxTask(api, 'operations', waiting, 'manual_booking');
    await api.call(null, 'DELETE', '/local/travel-provider/failures');
    expect(
      (await api.call('consular.hn', 'POST', `/api/cases/${waiting}/withdraw`, { reason: 'Cambió de idea.' }))
        .status,
    ).toBe(200);
    await eventually(async () => {
      const detail = await caseOf(api, waiting);
      return detail.timeline.some((e: { event: string }) => e.event === 'withdrawal_completed')
        ? true
        : undefined;
    });
    expect(await fundOf(api)).toEqual(before);
    expect(await openTasksOf(waiting)).toEqual([]);

    const gone = await submitCase(api);
    await approveRoute(api, gone);
    await complete(api, 'secretariat', gone, 'disbursement_approval');
    const booked = await waitForStatus(api, gone, 'AWAITING_DEPARTURE');
    await api.advance(
      `${Math.ceil((Date.parse(booked.booking.departureAt) - api.cloud.clock.now()) / 60_000) + 1}m`,
    );
    await waitForStatus(api, gone, 'TRAVELLING');
    const refused = await api.call('consular.hn', 'POST', `/api/cases/${gone}/withdraw`, {
      reason: 'Tarde.',
    });
    expect(refused.status).toBe(409);
    expect((await caseOf(api, gone)).status).toBe('TRAVELLING');
  }, 120_000);
});

describe('the paths that run out of time', () => {
  it('fails a case whose manual booking no one records: the task expires, the disbursement is reversed, the Secretariat is alerted', async () => {
    await api.call(null, 'POST', '/local/travel-provider/failures', { permanent: 'no_seats' });
    const before = await fundOf(api);
    const caseId = await submitCase(api);
    await approveRoute(api, caseId);
    await complete(api, 'secretariat', caseId, 'disbursement_approval');
    const { taskId } = await inboxTask(api, 'operations', caseId, 'manual_booking');
    await api.call(null, 'DELETE', '/local/travel-provider/failures');
    const refused = await caseOf(api, caseId);
    expect(refused.status).toBe('BOOKING');
    expect(refused.booking).toMatchObject({ status: 'failed', failureReason: 'no_seats' });
    const requested = refused.amounts.requestedUsd as number;
    expect(Math.round(((await fundOf(api)).disbursed - before.disbursed) * 100) / 100).toBe(requested);

    // Halfway to its deadline operations is reminded; the case waits for the booking.
    const task = (await api.call('operations', 'GET', `/api/tasks/${taskId}`)).body;
    expect(task).toMatchObject({ status: 'open', overdue: false });
    await advancePast(api, new Date((Date.parse(task.createdAt) + Date.parse(task.dueAt)) / 2).toISOString());
    await runScheduled(api, 'sendReminders');
    expect((await caseOf(api, caseId)).status).toBe('BOOKING');

    // Its deadline passes: AwaitManualBooking times out, the task is closed expired, and the
    // compensation gives the disbursement back before the case is recorded FAILED.
    await advancePast(api, task.dueAt);
    const failed = await waitForStatus(api, caseId, 'FAILED');
    expect(failed.failure).toEqual({ error: 'ManualBookingExpired', at: expect.any(String) });
    expect(Date.parse(failed.failure.at)).toBeGreaterThanOrEqual(Date.parse(task.dueAt));
    expect(failed.timeline.map((e: { event: string }) => e.event)).toContain('workflow_failed');
    expect(failed.booking).toMatchObject({ status: 'failed' });
    expect((await api.call('operations', 'GET', `/api/tasks/${taskId}`)).body).toMatchObject({
      status: 'expired',
      overdue: false,
    });
    expect(await openTasksOf(caseId)).toEqual([]);
    const after = await fundOf(api);
    expect(after).toEqual(before);
    expectFundBalanced(after);
    await expectSeenAsDocumented(caseId, 'failure', failed.failure);

    // Operations had its task and one reminder; the Secretariat is alerted and the consulate told, once each.
    const alert = await eventually(async () => {
      const found = await emailsOf(caseId, 'case_failed', 'secretariat@demo.retorno.local');
      return found.length > 0 ? found : undefined;
    });
    expect(alert).toHaveLength(1);
    expect(await emailsOf(caseId, `task_assigned#${taskId}`, 'operations@demo.retorno.local')).toHaveLength(
      1,
    );
    expect(await emailsOf(caseId, `task_reminder#${taskId}`, 'operations@demo.retorno.local')).toHaveLength(
      1,
    );
    await eventually(async () =>
      (await emailsOf(caseId, 'status_changed#FAILED', 'consular.hn@demo.retorno.local')).length === 1
        ? true
        : undefined,
    );
    const emails = await storedEmails(api.cloud.urls.ses, { caseId });
    expect(emails.filter((email) => email.outboxKey?.includes('reception_notice'))).toEqual([]);
    const keys = emails.map((email) => email.outboxKey);
    expect(new Set(keys).size).toBe(keys.length);
  }, 120_000);

  it('reminds the return country of an arrival it has not confirmed and flags it overdue, and fails the case only a month after it was due', async () => {
    const before = await fundOf(api);
    const caseId = await submitCase(api);
    await approveRoute(api, caseId);
    await complete(api, 'secretariat', caseId, 'disbursement_approval');
    const booked = await waitForStatus(api, caseId, 'AWAITING_DEPARTURE');
    await advancePast(api, booked.booking.departureAt);
    await waitForStatus(api, caseId, 'TRAVELLING');
    const { taskId } = await inboxTask(api, 'authority.hn', caseId, 'arrival_confirmation');
    const arrival = async () => (await api.call('authority.hn', 'GET', `/api/tasks/${taskId}`)).body;
    const board = async () =>
      (await api.call('secretariat', 'GET', '/api/tasks?view=all&overdue=true&limit=100')).body
        .items as Array<{
        taskId: string;
        status: string;
        overdue: boolean;
      }>;
    const due = await arrival();
    expect(due).toMatchObject({ status: 'open', overdue: false });
    await runScheduled(api, 'sendReminders');
    expect((await board()).map((task) => task.taskId)).not.toContain(taskId);

    // Due and not confirmed: reminded once, however often the reminders run; flagged overdue on the
    // Secretariat's list and in the authority's inbox; the case is still travelling, not failed.
    await advancePast(api, due.dueAt);
    await runScheduled(api, 'sendReminders');
    await runScheduled(api, 'sendReminders');
    expect(await arrival()).toMatchObject({ status: 'open', overdue: true });
    const late = await board();
    expect(late.find((task) => task.taskId === taskId)).toMatchObject({ status: 'open', overdue: true });
    expect(late.every((task) => task.status === 'open' && task.overdue)).toBe(true);
    const inbox = (await api.call('authority.hn', 'GET', '/api/tasks?overdue=true&limit=100')).body.items;
    expect(inbox.map((task: { taskId: string }) => task.taskId)).toContain(taskId);
    expect((await caseOf(api, caseId)).status).toBe('TRAVELLING');
    const reminded = await emailsOf(caseId, `task_reminder#${taskId}`, 'authority.hn@demo.retorno.local');
    expect(reminded).toHaveLength(1);
    expect(reminded[0]?.body.text).toContain(`/tasks/${taskId}`);

    // An hour before the month runs out, still only overdue.
    const giveUp = Date.parse(due.dueAt) + ARRIVAL_GIVE_UP_DAYS * 86_400_000;
    await advancePast(api, new Date(giveUp - 3_600_000).toISOString());
    expect((await caseOf(api, caseId)).status).toBe('TRAVELLING');
    expect(await arrival()).toMatchObject({ status: 'open', overdue: true });

    // The month runs out: the task is closed expired and the case FAILED; after departure nothing
    // is given back, so the disbursement stands.
    await advancePast(api, new Date(giveUp).toISOString());
    const failed = await waitForStatus(api, caseId, 'FAILED');
    expect(failed.failure).toEqual({ error: 'ArrivalNotConfirmed', at: expect.any(String) });
    expect(await arrival()).toMatchObject({ status: 'expired', overdue: false });
    expect((await board()).map((task) => task.taskId)).not.toContain(taskId);
    expect(await openTasksOf(caseId)).toEqual([]);
    const after = await fundOf(api);
    expectFundBalanced(after);
    expect(Math.round((after.disbursed - before.disbursed) * 100) / 100).toBe(failed.amounts.requestedUsd);
    await expectSeenAsDocumented(caseId, 'failure', failed.failure);

    // Told once each: the Secretariat of the failure, the consulate of the status; still one reminder.
    await eventually(async () =>
      (await emailsOf(caseId, 'case_failed', 'secretariat@demo.retorno.local')).length === 1 &&
      (await emailsOf(caseId, 'status_changed#FAILED', 'consular.hn@demo.retorno.local')).length === 1
        ? true
        : undefined,
    );
    expect(await emailsOf(caseId, `task_reminder#${taskId}`, 'authority.hn@demo.retorno.local')).toHaveLength(
      1,
    );
    const keys = (await storedEmails(api.cloud.urls.ses, { caseId })).map((email) => email.outboxKey);
    expect(new Set(keys).size).toBe(keys.length);
  }, 120_000);

  it('refuses a bad overdue filter naming the field and the rule, and every country’s list to a country', async () => {
    const bad = await api.call('secretariat', 'GET', '/api/tasks?view=all&overdue=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'overdue', rule: 'invalid_value' })]);
    expect(bad.body.message).toMatch(/overdue: must be true or false/);
    const closed = await api.call('secretariat', 'GET', '/api/tasks?overdue=true&status=completed');
    expect(closed.status).toBe(400);
    expect(closed.body.issues).toEqual([expect.objectContaining({ path: 'overdue', rule: 'open_only' })]);
    expect((await api.call('authority.hn', 'GET', '/api/tasks?view=all&overdue=true')).status).toBe(403);
  });
});
