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
    // Due two days after the planned arrival (to the second: the wait counts whole seconds).
    const late = Date.parse(arrival.dueAt) - Date.parse(booked.booking.arrivalAt) - 2 * 86_400_000;
    expect(Math.abs(late)).toBeLessThanOrEqual(1000);
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
  }, 180_000);
});
