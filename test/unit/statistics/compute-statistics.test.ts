/**
 * The statistics computed from hand-made case records: each figure, the filters, and the edges
 * of the definitions (a case without decisions, a repeat return, a check-in not yet due).
 */
import type { Approval, CheckIn, TimelineEntry } from '../../../shared/contracts/case';
import { statisticsQuerySchema, statisticsSchema } from '../../../shared/contracts/statistics';
import { computeStatistics, type StatisticsCase } from '../../../shared/statistics/compute-statistics';
import { validCaseRequest } from '../../support/case-request-fixture';

const DAY = 86_400_000;
const SUBMITTED = '2024-05-01T00:00:00.000Z';
const after = (days: number, from = SUBMITTED) => new Date(Date.parse(from) + days * DAY).toISOString();

function event(name: string, at: string): TimelineEntry {
  return { at, event: name, es: name, en: name };
}

function decided(
  approvalRole: Approval['approvalRole'],
  status: 'approved' | 'rejected',
  days: number,
  country?: Approval['country'],
): Approval {
  return { approvalRole, status, decidedAt: after(days), ...(country ? { country } : {}) };
}

function checkIn(day: number, status: CheckIn['status'], found: Partial<CheckIn> = {}): CheckIn {
  return { dayAfterArrival: day, dueOn: '2024-07-01', status, ...found };
}

/** A Honduran child in Mexico going home through Guatemala, submitted on 1 May 2024, nothing decided. */
function aCase(overrides: Partial<StatisticsCase> = {}): StatisticsCase {
  return {
    status: 'AWAITING_APPROVALS',
    request: validCaseRequest() as StatisticsCase['request'],
    nationality: 'HN',
    locationCountry: 'MX',
    returnCountry: 'HN',
    transitCountries: ['GT'],
    eligibility: { eligible: true, reasons: [], flags: [], totalUsd: 780, age: 14 },
    approvals: [],
    checkIns: [],
    timeline: [event('submitted', SUBMITTED)],
    createdAt: SUBMITTED,
    ...overrides,
  };
}

/** Approved by MX in 1 day, GT in 2, HN in 3; the Secretariat in 4; arrived on day 10. */
function anArrivedCase(overrides: Partial<StatisticsCase> = {}): StatisticsCase {
  return aCase({
    status: 'REINTEGRATION',
    approvals: [
      decided('exit', 'approved', 1, 'MX'),
      decided('transit', 'approved', 2, 'GT'),
      decided('reception', 'approved', 3, 'HN'),
      decided('disbursement', 'approved', 4),
    ],
    timeline: [
      event('submitted', SUBMITTED),
      event('approvals_granted', after(3)),
      event('arrived', after(10)),
    ],
    ...overrides,
  });
}

const all = statisticsQuerySchema.parse({});
const row = <T extends Record<string, unknown>>(rows: readonly T[], key: keyof T, value: unknown) =>
  rows.find((entry) => entry[key] === value);

describe('the statistics of the cases', () => {
  it('counts the cases by nationality, host country, vulnerability, outcome and month', () => {
    const stats = computeStatistics(
      [
        aCase(),
        aCase({ status: 'REJECTED', createdAt: '2024-06-15T10:00:00Z' }),
        aCase({
          nationality: 'GT',
          locationCountry: 'US',
          returnCountry: 'GT',
          transitCountries: ['MX'],
          request: validCaseRequest({
            vulnerabilities: ['disability', 'older_person'],
          }) as StatisticsCase['request'],
          createdAt: '2024-07-31T23:59:59Z',
        }),
      ],
      all,
    );
    expect(stats.totals.cases).toBe(3);
    expect(row(stats.byNationality, 'country', 'HN')?.cases).toBe(2);
    expect(row(stats.byNationality, 'country', 'GT')?.cases).toBe(1);
    expect(row(stats.byNationality, 'country', 'CA')?.cases).toBe(0);
    expect(stats.byNationality).toHaveLength(11);
    expect(row(stats.byHostCountry, 'country', 'MX')?.cases).toBe(2);
    expect(row(stats.byHostCountry, 'country', 'US')?.cases).toBe(1);
    expect(row(stats.byVulnerability, 'vulnerability', 'unaccompanied_child')?.cases).toBe(2);
    expect(row(stats.byVulnerability, 'vulnerability', 'disability')?.cases).toBe(1);
    expect(row(stats.byVulnerability, 'vulnerability', 'older_person')?.cases).toBe(1);
    expect(row(stats.byOutcome, 'status', 'AWAITING_APPROVALS')?.cases).toBe(2);
    expect(row(stats.byOutcome, 'status', 'REJECTED')?.cases).toBe(1);
    expect(stats.byMonth).toEqual([
      { month: '2024-05', cases: 1 },
      { month: '2024-06', cases: 1 },
      { month: '2024-07', cases: 1 },
    ]);
  });

  it('measures the days from submission to each decision, all approvals, the disbursement and the arrival', () => {
    const stats = computeStatistics(
      [
        anArrivedCase(),
        anArrivedCase({ timeline: [event('submitted', SUBMITTED), event('arrived', after(20))] }),
      ],
      all,
    );
    const measure = (name: string) => row(stats.durations, 'measure', name);
    // Six country decisions: 1, 2, 3 days, twice.
    expect(measure('country_decision')).toEqual({
      measure: 'country_decision',
      count: 6,
      meanDays: 2,
      medianDays: 2,
      maxDays: 3,
    });
    expect(measure('all_countries_approved')).toMatchObject({ count: 1, medianDays: 3 });
    expect(measure('disbursement_decision')).toMatchObject({ count: 2, meanDays: 4, maxDays: 4 });
    // The median of an even count is the mean of the two middle values.
    expect(measure('arrival')).toEqual({
      measure: 'arrival',
      count: 2,
      meanDays: 15,
      medianDays: 15,
      maxDays: 20,
    });
  });

  it('measures nothing, and divides by nothing, for a case without decisions', () => {
    const stats = computeStatistics([aCase()], all);
    for (const duration of stats.durations) expect(duration).toEqual({ measure: duration.measure, count: 0 });
    const mexico = row(stats.approvals, 'country', 'MX');
    expect(mexico).toEqual({ approver: 'country', country: 'MX', decided: 0, approved: 0, rejected: 0 });
    expect(stats.totals).toEqual({ cases: 1, arrived: 0, repeatReturns: 0, repeatReturnShare: 0 });
    // No check-in fell due: the shares are absent, not 0.
    expect(stats.checkIns.map((c) => [c.dayAfterArrival, c.due, c.contactShare])).toEqual([
      [30, 0, undefined],
      [90, 0, undefined],
      [180, 0, undefined],
    ]);
  });

  it('rates approvals and rejections by country and for the Secretariat, over the decisions made', () => {
    const stats = computeStatistics(
      [
        anArrivedCase(),
        anArrivedCase(),
        aCase({
          status: 'REJECTED',
          approvals: [decided('exit', 'approved', 1, 'MX'), decided('transit', 'rejected', 2, 'GT')],
        }),
        aCase({ status: 'REJECTED', approvals: [decided('disbursement', 'rejected', 5)] }),
        // A cancelled approval is no decision.
        aCase({ approvals: [{ approvalRole: 'reception', status: 'cancelled', country: 'HN' }] }),
      ],
      all,
    );
    expect(row(stats.approvals, 'country', 'GT')).toEqual({
      approver: 'country',
      country: 'GT',
      decided: 3,
      approved: 2,
      rejected: 1,
      approvalRate: 0.6667,
      rejectionRate: 0.3333,
    });
    expect(row(stats.approvals, 'country', 'MX')).toMatchObject({
      decided: 3,
      approvalRate: 1,
      rejectionRate: 0,
    });
    expect(row(stats.approvals, 'country', 'HN')).toMatchObject({ decided: 2, approved: 2 });
    expect(row(stats.approvals, 'approver', 'secretariat')).toEqual({
      approver: 'secretariat',
      decided: 3,
      approved: 2,
      rejected: 1,
      approvalRate: 0.6667,
      rejectionRate: 0.3333,
    });
  });

  it('counts arrivals confirmed by return country', () => {
    const stats = computeStatistics(
      [
        anArrivedCase(),
        aCase({ status: 'TRAVELLING' }),
        anArrivedCase({ nationality: 'SV', returnCountry: 'SV' }),
      ],
      all,
    );
    expect(stats.totals.arrived).toBe(2);
    expect(row(stats.arrivals, 'country', 'HN')).toEqual({ country: 'HN', cases: 2, arrived: 1 });
    expect(row(stats.arrivals, 'country', 'SV')).toEqual({ country: 'SV', cases: 1, arrived: 1 });
  });

  it('gives at each check-in the share in contact over those due, and the share intending to migrate again over those reached', () => {
    const found = (intendsToMigrateAgain: 'yes' | 'no' | 'unsure', contactMade = true) => ({
      contactMade,
      intendsToMigrateAgain,
    });
    const stats = computeStatistics(
      [
        anArrivedCase({ checkIns: [checkIn(30, 'completed', found('yes')), checkIn(90, 'scheduled')] }),
        anArrivedCase({
          checkIns: [checkIn(30, 'completed', found('no')), checkIn(90, 'completed', found('unsure'))],
        }),
        anArrivedCase({
          checkIns: [checkIn(30, 'completed', found('unsure', false)), checkIn(90, 'missed')],
        }),
        anArrivedCase({ checkIns: [checkIn(30, 'missed'), checkIn(90, 'open')] }),
      ],
      all,
    );
    expect(stats.checkIns[0]).toEqual({
      dayAfterArrival: 30,
      due: 4,
      completed: 3,
      missed: 1,
      contactMade: 2,
      contactShare: 0.5,
      intendsToMigrateAgain: 1,
      intentionShare: 0.5,
    });
    expect(stats.checkIns[1]).toEqual({
      dayAfterArrival: 90,
      due: 2,
      completed: 1,
      missed: 1,
      contactMade: 1,
      contactShare: 0.5,
      intendsToMigrateAgain: 0,
      intentionShare: 0,
    });
    expect(stats.checkIns[2]).toMatchObject({ dayAfterArrival: 180, due: 0 });
  });

  it('counts a repeat return by its eligibility flag, by nationality', () => {
    const flag = { code: 'repeat_return', es: 'x', en: 'x' };
    const stats = computeStatistics(
      [
        aCase({ eligibility: { eligible: true, reasons: [], flags: [flag], totalUsd: 780, age: 14 } }),
        aCase(),
        aCase(),
        aCase({ nationality: 'SV', returnCountry: 'SV' }),
      ],
      all,
    );
    expect(stats.totals).toMatchObject({ cases: 4, repeatReturns: 1, repeatReturnShare: 0.25 });
    expect(row(stats.repeatReturns, 'country', 'HN')).toEqual({
      country: 'HN',
      cases: 3,
      repeatReturns: 1,
      share: 0.3333,
    });
    expect(row(stats.repeatReturns, 'country', 'SV')).toEqual({
      country: 'SV',
      cases: 1,
      repeatReturns: 0,
      share: 0,
    });
    expect(row(stats.repeatReturns, 'country', 'PA')).toEqual({ country: 'PA', cases: 0, repeatReturns: 0 });
  });

  it('keeps to the period (months of submission, UTC, both ends included) and lists each of its months', () => {
    const records = [
      aCase({ createdAt: '2024-04-30T23:59:59Z' }),
      aCase({ createdAt: '2024-05-01T00:00:00Z' }),
      aCase({ createdAt: '2024-07-31T23:59:59Z' }),
      aCase({ createdAt: '2024-08-01T00:00:00Z' }),
    ];
    const stats = computeStatistics(records, statisticsQuerySchema.parse({ from: '2024-05', to: '2024-07' }));
    expect(stats.totals.cases).toBe(2);
    expect(stats.byMonth).toEqual([
      { month: '2024-05', cases: 1 },
      { month: '2024-06', cases: 0 },
      { month: '2024-07', cases: 1 },
    ]);
    expect(stats.query).toEqual({ from: '2024-05', to: '2024-07' });
    expect(computeStatistics(records, statisticsQuerySchema.parse({ from: '2024-08' })).totals.cases).toBe(1);
    expect(computeStatistics(records, statisticsQuerySchema.parse({ to: '2024-04' })).totals.cases).toBe(1);
  });

  it('keeps to the cases that concern the country: where the person is, crosses or returns to', () => {
    const records = [
      aCase(),
      aCase({ locationCountry: 'US', transitCountries: ['MX', 'GT'] }),
      aCase({ nationality: 'SV', locationCountry: 'GT', returnCountry: 'SV', transitCountries: [] }),
    ];
    const count = (country: string) =>
      computeStatistics(records, statisticsQuerySchema.parse({ country })).totals.cases;
    expect(count('MX')).toBe(2);
    expect(count('GT')).toBe(3);
    expect(count('SV')).toBe(1);
    expect(count('US')).toBe(1);
    expect(count('CA')).toBe(0);
  });

  it('answers the contract, and nothing of the person: no names, birth dates, document numbers or notes', () => {
    const record = anArrivedCase({
      checkIns: [
        checkIn(30, 'completed', {
          contactMade: true,
          intendsToMigrateAgain: 'no',
          notes: 'Vive con su madre',
        }),
      ],
    });
    const stats = computeStatistics([record], all);
    expect(statisticsSchema.parse(stats)).toEqual(stats);
    const text = JSON.stringify(stats);
    const request = record.request;
    for (const personal of [
      request.migrant.givenNames,
      request.migrant.familyNames,
      request.migrant.dateOfBirth,
      request.migrant.documentNumber,
      'Vive con su madre',
      'Tapachula',
    ])
      expect(text).not.toContain(personal);
  });
});

describe('the statistics query', () => {
  const issues = (query: Record<string, string>) => {
    const parsed = statisticsQuerySchema.safeParse(query);
    return parsed.success ? [] : parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
  };

  it('takes months written YYYY-MM and a member state', () => {
    expect(issues({ from: '2024-01', to: '2024-12', country: 'HN' })).toEqual([]);
    expect(issues({ from: '2024-13' })).toEqual([['from', 'must be a month written YYYY-MM']]);
    expect(issues({ to: '2024-05-01' })).toEqual([['to', 'must be a month written YYYY-MM']]);
    expect(issues({ country: 'hn' })[0]?.[0]).toBe('country');
  });

  it('refuses a period that ends before it starts, or spans more than ten years', () => {
    expect(issues({ from: '2024-05', to: '2024-04' })).toEqual([['to', 'must not be before from']]);
    expect(issues({ from: '2010-01', to: '2020-01' })).toEqual([
      ['to', 'must be at most 120 months after from'],
    ]);
    expect(issues({ from: '2010-01', to: '2019-12' })).toEqual([]);
  });
});
