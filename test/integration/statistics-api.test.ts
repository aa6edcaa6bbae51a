/**
 * GET /api/statistics through the local cloud (gateway, built bundle, DynamoDB Local), over cases
 * driven through the API: one return the whole way to CLOSED, one rejected by a transit country,
 * and the same person's second request (a repeat return). The route answers their figures, keeps
 * to the period and the country asked, refuses other roles and bad queries, and answers nothing
 * of the people.
 */
import { startTestApi, type TestApi } from '../support/api';
import {
  approveRoute,
  CHECK_IN,
  caseOf,
  complete,
  contribute,
  inboxTask,
  localToday,
  submitCase,
  waitForStatus,
} from '../support/journey';

let api: TestApi;
const person = { documentNumber: '0801-2010-77777', familyNames: 'Estadística Repetida' };
let closed: string;
let rejected: string;
let repeat: string;
let repeatMonth: string;

beforeAll(async () => {
  api = await startTestApi();
  await contribute(api, 10_000);
  rejected = await submitCase(api);
  await waitForStatus(api, rejected, 'AWAITING_APPROVALS');
  await complete(api, 'authority.mx', rejected, 'country_approval');
  await complete(api, 'authority.gt', rejected, 'country_approval', {
    decision: 'reject',
    comment: 'Documentos incompletos',
  });
  await waitForStatus(api, rejected, 'REJECTED');

  closed = await submitCase(api, { migrant: person });
  await waitForStatus(api, closed, 'AWAITING_APPROVALS');
  await approveRoute(api, closed);
  await complete(api, 'secretariat', closed, 'disbursement_approval');
  const booked = await waitForStatus(api, closed, 'AWAITING_DEPARTURE');
  await api.advance(
    `${Math.ceil((Date.parse(booked.booking.departureAt) - api.cloud.clock.now()) / 60_000) + 1}m`,
  );
  await inboxTask(api, 'authority.hn', closed, 'arrival_confirmation');
  await api.advance('1d');
  await complete(api, 'authority.hn', closed, 'arrival_confirmation', {
    arrivedOn: await localToday(api),
    receivedBy: 'DINAF San Pedro Sula',
  });
  await waitForStatus(api, closed, 'REINTEGRATION');
  const answers = ['yes', 'no', 'no'] as const;
  for (const [index, days] of ['30d', '60d', '90d'].entries()) {
    await api.advance(days);
    await complete(api, 'reintegration.hn', closed, 'reintegration_checkin', {
      ...CHECK_IN,
      intendsToMigrateAgain: answers[index],
    });
  }
  await waitForStatus(api, closed, 'CLOSED');

  // The same person asks again: the eligibility check flags a repeat return.
  repeat = await submitCase(api, { migrant: person });
  const detail = await waitForStatus(api, repeat, 'AWAITING_APPROVALS');
  repeatMonth = (detail.submittedAt as string).slice(0, 7);
}, 300_000);

afterAll(async () => {
  await api?.stop();
});

const statistics = (query = '', as = 'secretariat') => api.call(as, 'GET', `/api/statistics${query}`);
// biome-ignore lint/suspicious/noExplicitAny: answers are read as loosely typed JSON
const rowOf = (rows: Array<Record<string, any>>, key: string, value: unknown): Record<string, any> =>
  rows.find((row) => row[key] === value) ?? {};

it('answers the figures of the cases driven, for the Secretariat and the auditor alike', async () => {
  const { status, body } = await statistics();
  expect(status).toBe(200);
  expect(body.totals).toEqual({ cases: 3, arrived: 1, repeatReturns: 1, repeatReturnShare: 0.3333 });
  expect(rowOf(body.byNationality, 'country', 'HN').cases).toBe(3);
  expect(rowOf(body.byHostCountry, 'country', 'MX').cases).toBe(3);
  expect(rowOf(body.byVulnerability, 'vulnerability', 'unaccompanied_child').cases).toBe(3);
  const outcomes = Object.fromEntries(
    (body.byOutcome as Array<{ status: string; cases: number }>)
      .filter((row) => row.cases > 0)
      .map((row) => [row.status, row.cases]),
  );
  expect(outcomes).toEqual({ CLOSED: 1, REJECTED: 1, AWAITING_APPROVALS: 1 });
  expect((body.byMonth as Array<{ cases: number }>).reduce((sum, row) => sum + row.cases, 0)).toBe(3);

  // Mexico approved twice, Guatemala approved once and rejected once, Honduras approved once.
  expect(rowOf(body.approvals, 'country', 'MX')).toMatchObject({ decided: 2, approved: 2, approvalRate: 1 });
  expect(rowOf(body.approvals, 'country', 'GT')).toMatchObject({
    decided: 2,
    approved: 1,
    rejected: 1,
    approvalRate: 0.5,
    rejectionRate: 0.5,
  });
  expect(rowOf(body.approvals, 'country', 'HN')).toMatchObject({ decided: 1, approved: 1 });
  expect(rowOf(body.approvals, 'approver', 'secretariat')).toMatchObject({ decided: 1, approved: 1 });

  const measured = Object.fromEntries(
    (body.durations as Array<{ measure: string; count: number }>).map((row) => [row.measure, row.count]),
  );
  expect(measured).toEqual({
    country_decision: 5,
    all_countries_approved: 1,
    disbursement_decision: 1,
    arrival: 1,
  });
  // The arrival was confirmed a day after departure, at least: days, not milliseconds.
  const arrival = rowOf(body.durations, 'measure', 'arrival');
  expect(arrival.medianDays).toBeGreaterThanOrEqual(1);
  expect(arrival.medianDays).toBeLessThan(60);

  expect(rowOf(body.arrivals, 'country', 'HN')).toEqual({ country: 'HN', cases: 3, arrived: 1 });
  expect(
    (body.checkIns as Array<Record<string, number>>).map((row) => [
      row.dayAfterArrival,
      row.due,
      row.contactShare,
      row.intendsToMigrateAgain,
      row.intentionShare,
    ]),
  ).toEqual([
    [30, 1, 1, 1, 1],
    [90, 1, 1, 0, 0],
    [180, 1, 1, 0, 0],
  ]);
  expect(rowOf(body.repeatReturns, 'country', 'HN')).toEqual({
    country: 'HN',
    cases: 3,
    repeatReturns: 1,
    share: 0.3333,
  });

  const auditor = await statistics('', 'auditor');
  expect(auditor.status).toBe(200);
  expect(auditor.body).toEqual(body);
});

it('keeps to the period and the country asked', async () => {
  const later = await statistics(`?from=${repeatMonth}&to=${repeatMonth}`);
  expect(later.status).toBe(200);
  expect(later.body.query).toEqual({ from: repeatMonth, to: repeatMonth });
  expect(later.body.totals).toEqual({ cases: 1, arrived: 0, repeatReturns: 1, repeatReturnShare: 1 });
  expect(later.body.byMonth).toEqual([{ month: repeatMonth, cases: 1 }]);

  const guatemala = await statistics('?country=GT');
  expect(guatemala.body.totals.cases).toBe(3);
  const canada = await statistics('?country=CA');
  expect(canada.status).toBe(200);
  expect(canada.body.totals).toEqual({ cases: 0, arrived: 0, repeatReturns: 0 });
});

it('answers nothing of the people: no names, documents, birth dates, case ids or notes', async () => {
  const { body } = await statistics();
  const answer = JSON.stringify(body);
  const detail = await caseOf(api, closed);
  for (const personal of [
    person.familyNames,
    person.documentNumber,
    detail.request.migrant.givenNames,
    detail.request.migrant.dateOfBirth,
    CHECK_IN.notes,
    'Documentos incompletos',
    closed,
    rejected,
    repeat,
  ])
    expect(answer).not.toContain(personal);
});

it('refuses a consular officer and a country authority with 403', async () => {
  for (const user of ['consular.hn', 'authority.mx', 'operations']) {
    const { status } = await statistics('', user);
    expect([user, status]).toEqual([user, 403]);
  }
});

it('refuses a bad query with 400 naming the field', async () => {
  const month = await statistics('?from=2024-13');
  expect(month.status).toBe(400);
  expect(month.body.issues).toEqual([
    expect.objectContaining({ path: 'from', message: 'must be a month written YYYY-MM' }),
  ]);
  const backwards = await statistics('?from=2024-05&to=2024-01');
  expect(backwards.status).toBe(400);
  expect(backwards.body.issues).toEqual([expect.objectContaining({ path: 'to', rule: 'period' })]);
  const country = await statistics('?country=hn');
  expect(country.status).toBe(400);
  expect(country.body.issues[0].path).toBe('country');
});
