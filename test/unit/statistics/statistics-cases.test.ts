/**
 * Reading the cases for the statistics through the case repository (its in-memory twin): every
 * page of the regional view, the country's view when one is asked, and no page past the period.
 */
import { MemoryCaseRepository } from '../../../shared/adapters/memory/memory-case-repository';
import type { CaseRecord } from '../../../shared/cases/case-record';
import type { CaseListRequest } from '../../../shared/ports/case-repository';
import type { Principal } from '../../../shared/roles';
import { casesForStatistics, statisticsFor } from '../../../shared/statistics/statistics-cases';
import { validCaseRequest } from '../../support/case-request-fixture';

const secretariat: Principal = { subject: 's', username: 'secretariat', role: 'secretariat' };

function record(
  index: number,
  createdAt: string,
  locationCountry: CaseRecord['locationCountry'] = 'MX',
): CaseRecord {
  return {
    caseId: `c-${String(index).padStart(4, '0')}`,
    status: 'AWAITING_APPROVALS',
    request: validCaseRequest() as CaseRecord['request'],
    submittedBy: { subject: 'c', username: 'consular.hn', role: 'consular', country: 'HN' },
    nationality: 'HN',
    locationCountry,
    returnCountry: 'HN',
    transitCountries: [],
    amounts: { requestedUsd: 780, reservedUsd: 0, disbursedUsd: 0, currency: 'USD' },
    approvals: [],
    checkIns: [],
    timeline: [],
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
}

async function repositoryWith(records: CaseRecord[]) {
  const repository = new MemoryCaseRepository();
  for (const r of records) await repository.create(r, { personKeys: [] });
  const views: CaseListRequest[] = [];
  return {
    views,
    list: (request: CaseListRequest) => {
      views.push(request);
      return repository.list(request);
    },
  };
}

const month = (index: number) => `2024-${String((index % 12) + 1).padStart(2, '0')}-10T00:00:00.000Z`;

it('reads every page of all the cases', async () => {
  const repository = await repositoryWith(Array.from({ length: 230 }, (_, i) => record(i, month(i % 3))));
  const found = await casesForStatistics(repository, secretariat, {});
  expect(found).toHaveLength(230);
  expect(repository.views.map((v) => v.view)).toEqual(['all', 'all', 'all']);
});

it("reads the country's view when a country is asked", async () => {
  const repository = await repositoryWith([record(1, month(0), 'MX'), record(2, month(0), 'US')]);
  const stats = await statisticsFor(repository, secretariat, { country: 'US' });
  expect(stats.totals.cases).toBe(1);
  expect(repository.views[0]?.view).toBe('concerns#US');
});

it('stops at the first page that reaches before the period, and counts only the period', async () => {
  // 150 cases in May, then 150 in January: the second page already reaches January.
  const repository = await repositoryWith([
    ...Array.from({ length: 150 }, (_, i) => record(i, month(0))),
    ...Array.from({ length: 150 }, (_, i) => record(1000 + i, month(4))),
  ]);
  const stats = await statisticsFor(repository, secretariat, { from: '2024-05' });
  expect(stats.totals.cases).toBe(150);
  expect(repository.views).toHaveLength(2);
});
