import { DynamoCaseRepository } from '../../shared/adapters/dynamodb/dynamo-case-repository';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/dynamo-idempotency-store';
import { CaseNotFoundError, CaseVersionConflictError } from '../../shared/cases/case-errors';
import { CaseService, type PersonHistory } from '../../shared/cases/case-service';
import type { CaseRequest } from '../../shared/contracts/case-request';
import type { EligibilityResult } from '../../shared/contracts/eligibility-result';
import { ConflictError, ForbiddenError, ValidationError } from '../../shared/errors';
import type { Principal } from '../../shared/roles';
import { createTestTables, type TestTables } from '../support/dynamo';
import { caseRequest } from '../unit/cases/case-fixture';

let tables: TestTables;
let cases: CaseService;
let clock = Date.parse('2024-05-01T00:00:00Z');
function tick(): Date {
  clock += 1;
  return new Date(clock);
}

beforeAll(async () => {
  tables = await createTestTables();
  cases = new CaseService(
    new DynamoCaseRepository(tables.documentClient, tables.names.cases),
    new DynamoIdempotencyStore(tables.documentClient, tables.names.cases),
    // Each submission a millisecond later, so "newest first" is well defined.
    { now: tick },
  );
});
afterAll(() => tables.client.destroy());

const consul = (country: 'HN' | 'GT' | 'SV', subject = `consul-${country}`): Principal => ({
  subject,
  username: subject,
  role: 'consular',
  country,
});
const authority = (country: 'MX' | 'GT' | 'HN' | 'CR'): Principal => ({
  subject: `auth-${country}`,
  username: `auth-${country}`,
  role: 'authority',
  country,
});
const secretariat: Principal = { subject: 'st', username: 'st', role: 'secretariat' };

/** Stands in for shared/eligibility: eligible unless the person has another open case. */
const evaluate = (history: PersonHistory): EligibilityResult => ({
  eligible: history.openCases.length === 0,
  reasons: history.openCases.length
    ? [{ code: 'open_case_exists', es: 'Ya tiene un caso abierto.', en: 'Already has an open case.' }]
    : [],
  flags: history.previousCases.length
    ? [{ code: 'repeat_return', es: 'Retorno repetido.', en: 'Repeat return.' }]
    : [],
  totalUsd: 210.75,
  age: 34,
});

function person(documentNumber: string, request: Partial<CaseRequest> = {}) {
  const base = caseRequest(request);
  const body: CaseRequest = { ...base, migrant: { ...base.migrant, documentNumber } };
  return {
    request: body,
    personKeys: [`doc:passport:${documentNumber}`, `name:${documentNumber}:1990-03-14`],
    evaluate,
  };
}

describe('cases', () => {
  it('stores a submission with its request, countries, money and timeline', async () => {
    const submitted = await cases.submit({ principal: consul('HN'), ...person('P-001') });
    expect(submitted).toMatchObject({ status: 'SUBMITTED', created: true });
    expect(submitted.caseId).toMatch(/^RET-[0-9A-Z]{10}$/);
    const record = await cases.get(submitted.caseId, consul('HN'));
    expect(record).toMatchObject({
      nationality: 'HN',
      locationCountry: 'MX',
      returnCountry: 'HN',
      transitCountries: ['GT'],
      amounts: { requestedUsd: 210.75, reservedUsd: 0, disbursedUsd: 0, currency: 'USD' },
      submittedBy: { subject: 'consul-HN', role: 'consular', country: 'HN' },
      version: 1,
    });
    expect(record.request.migrant.documentNumber).toBe('P-001');
    expect(record.timeline.map((t) => t.event)).toEqual(['submitted', 'eligible']);
  });

  it('creates exactly one case for 20 concurrent retries with the same Idempotency-Key', async () => {
    const submission = person('P-RACE');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        cases.submit({ principal: consul('HN'), idempotencyKey: 'key-race', ...submission }),
      ),
    );
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await cases.historyOf(submission.personKeys)).openCases).toHaveLength(1);
  }, 60_000);

  it('answers a later retry with the original case, and refuses the key with another body', async () => {
    const first = await cases.submit({
      principal: consul('HN'),
      idempotencyKey: 'key-1',
      ...person('P-002'),
    });
    const retry = await cases.submit({
      principal: consul('HN'),
      idempotencyKey: 'key-1',
      ...person('P-002'),
    });
    expect(retry).toEqual({ caseId: first.caseId, status: first.status, created: false });
    const other = person('P-002', { costs: { ...caseRequest().costs, transport: 999 } });
    const refusal = cases.submit({ principal: consul('HN'), idempotencyKey: 'key-1', ...other });
    await expect(refusal).rejects.toThrow(ConflictError);
    await expect(refusal).rejects.toMatchObject({ name: 'IdempotencyKeyReusedError' });
  });

  it('scopes Idempotency-Keys to the caller', async () => {
    const a = await cases.submit({
      principal: consul('HN', 'consul-a'),
      idempotencyKey: 'shared',
      ...person('P-003'),
    });
    const b = await cases.submit({
      principal: consul('HN', 'consul-b'),
      idempotencyKey: 'shared',
      ...person('P-004'),
    });
    expect(a.caseId).not.toBe(b.caseId);
  });

  it('finds the person’s open case through the person keys and keeps the new one as INELIGIBLE', async () => {
    const first = await cases.submit({ principal: consul('HN'), ...person('P-005') });
    const second = await cases.submit({ principal: consul('HN'), ...person('P-005') });
    expect(second.status).toBe('INELIGIBLE');
    const record = await cases.get(second.caseId, consul('HN'));
    expect(record.eligibility?.reasons.map((r) => r.code)).toEqual(['open_case_exists']);
    const history = await cases.historyOf(person('P-005').personKeys);
    expect(history.openCases.map((c) => c.caseId)).toEqual([first.caseId]);
    expect(history.previousCases.map((c) => c.caseId)).toEqual([second.caseId]);
  });

  it('refuses a submission by a consulate of another country', async () => {
    await expect(cases.submit({ principal: consul('GT'), ...person('P-006') })).rejects.toThrow(
      ForbiddenError,
    );
  });

  it('changes status with optimistic locking and moves the case between status listings', async () => {
    const { caseId } = await cases.submit({ principal: consul('HN'), ...person('P-007') });
    const moved = await cases.updateStatus(caseId, 1, 'AWAITING_APPROVALS', {
      event: 'funds_reserved',
      es: 'Fondos reservados.',
      en: 'Funds reserved.',
    });
    expect(moved).toMatchObject({ status: 'AWAITING_APPROVALS', version: 2 });
    await expect(
      cases.updateStatus(caseId, 1, 'REJECTED', { event: 'rejected', es: 'Rechazado.', en: 'Rejected.' }),
    ).rejects.toThrow(CaseVersionConflictError);
    const awaiting = await cases.list(secretariat, { status: 'AWAITING_APPROVALS' });
    expect(awaiting.items.map((c) => c.caseId)).toEqual([caseId]);
    const submitted = await cases.list(secretariat, { status: 'SUBMITTED', limit: 100 });
    expect(submitted.items.map((c) => c.caseId)).not.toContain(caseId);
    const stored = await cases.get(caseId, secretariat);
    expect(stored.timeline.map((t) => t.event)).toEqual(['submitted', 'eligible', 'funds_reserved']);
  });

  it('retries a mutation that lost a race, so concurrent changes are all kept', async () => {
    const { caseId } = await cases.submit({ principal: consul('HN'), ...person('P-008') });
    await Promise.all(
      (['MX', 'GT', 'HN'] as const).map((country) =>
        cases.mutate(
          caseId,
          (current) => ({
            changes: {
              approvals: [...current.approvals, { approvalRole: 'exit', country, status: 'approved' }],
            },
          }),
          20,
        ),
      ),
    );
    const record = await cases.get(caseId, secretariat);
    expect(record.approvals.map((a) => a.country).sort()).toEqual(['GT', 'HN', 'MX']);
    expect(record.version).toBe(4);
  });

  it('lists each audience its cases, newest first, a page at a time', async () => {
    const sv = [] as string[];
    for (let i = 0; i < 3; i++) {
      const request = caseRequest({
        migrant: { ...caseRequest().migrant, nationality: 'SV', documentNumber: `SV-${i}` },
        location: { country: 'CR', city: 'San José' },
        returnTo: { country: 'SV', city: 'San Salvador' },
        route: { mode: 'air', transitCountries: [] },
        consent: { informedConsent: true, consentDate: '2024-04-30', dataTransferConsent: ['CR', 'SV'] },
      });
      sv.push(
        (await cases.submit({ principal: consul('SV'), request, personKeys: [`doc:SV-${i}`], evaluate }))
          .caseId,
      );
    }
    const newestFirst = [...sv].reverse();
    const page1 = await cases.list(consul('SV'), { limit: 2 });
    const page2 = await cases.list(consul('SV'), { limit: 2, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((c) => c.caseId)).toEqual(newestFirst);
    expect(page2.nextCursor).toBeUndefined();
    expect((await cases.list(authority('CR'))).items.map((c) => c.caseId)).toEqual(newestFirst);
    expect((await cases.list(secretariat, { country: 'CR' })).items.map((c) => c.caseId)).toEqual(
      newestFirst,
    );
    expect((await cases.list(authority('GT'))).items.map((c) => c.caseId)).not.toContain(sv[0]);
    await expect(cases.list(consul('HN'), { cursor: page1.nextCursor })).rejects.toThrow(ValidationError);
    await expect(cases.list(consul('SV'), { country: 'HN' })).rejects.toThrow(ForbiddenError);
  });

  it('hides a case from roles of countries it does not concern', async () => {
    const { caseId } = await cases.submit({ principal: consul('HN'), ...person('P-009') });
    await expect(cases.get(caseId, consul('SV'))).rejects.toThrow(CaseNotFoundError);
    await expect(cases.get(caseId, authority('CR'))).rejects.toThrow(CaseNotFoundError);
    await expect(cases.get(caseId, authority('GT'))).resolves.toMatchObject({ caseId });
    await expect(cases.get('RET-NOPE', secretariat)).rejects.toThrow(CaseNotFoundError);
  });
});
