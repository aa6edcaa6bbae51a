/**
 * The case workflow to the end, path by path, through the API of one local cloud (the built
 * bundles, DynamoDB Local, the Step Functions runtime, the simulated travel provider, the SES
 * emulator), the local clock moved where the path waits for days. Each path asserts the final
 * status, the fund's books, the tasks left open (none) and what the people were told.
 */
import { startTestApi, type TestApi } from '../support/api';
import { eventually } from '../support/eventually';
import {
  approveRoute,
  CHECK_IN,
  caseOf,
  complete,
  contribute,
  expectFundBalanced,
  fundOf,
  inboxTask,
  localToday,
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
