import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseRepository } from '../../shared/adapters/dynamodb/dynamo-case-repository';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/dynamo-idempotency-store';
import { CaseNotFoundError, CaseVersionConflictError } from '../../shared/cases/case-errors';
import { CaseService, eligibilityHistory, type PersonHistory } from '../../shared/cases/case-service';
import { hashPersonKey } from '../../shared/cases/request-hash';
import type { CaseRequest, Migrant } from '../../shared/contracts/case-request';
import type { EligibilityResult } from '../../shared/contracts/eligibility-result';
import { evaluateEligibility, openCaseRule, personKeys, repeatReturnRule } from '../../shared/eligibility';
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

/**
 * The fund's own person-history rules (one open case per person, repeat returns flagged) over the
 * history the service reads; the request-only rules are covered by the eligibility unit tests.
 */
function evaluatorFor(request: CaseRequest) {
  return (history: PersonHistory): EligibilityResult =>
    evaluateEligibility(
      request,
      { today: '2024-05-01', ceilingUsd: 1000, ...eligibilityHistory(history) },
      undefined,
      [openCaseRule, repeatReturnRule],
    );
}

/** A submission for its own person: the document number also goes into the names, so no test shares a name key. */
function person(documentNumber: string, request: Partial<CaseRequest> = {}) {
  const base = caseRequest(request);
  const migrant: Migrant = { ...base.migrant, givenNames: `María ${documentNumber}`, documentNumber };
  const body: CaseRequest = { ...base, migrant };
  return { request: body, evaluate: evaluatorFor(body) };
}

/** A submission for exactly this migrant (no renaming), with its own costs so the bodies differ. */
function submissionOf(migrant: Migrant, transport: number) {
  const base = caseRequest();
  const request: CaseRequest = { ...base, migrant, costs: { ...base.costs, transport } };
  return { request, evaluate: evaluatorFor(request) };
}

/** The open-case claim item of one of the migrant's person keys. */
async function claimOf(migrant: Migrant, index: number): Promise<Record<string, unknown> | undefined> {
  const key = personKeys(migrant)[index];
  if (!key) throw new Error(`the migrant has no person key ${index}`);
  const { Item } = await tables.documentClient.send(
    new GetCommand({
      TableName: tables.names.cases,
      Key: { pk: `person#${hashPersonKey(key)}`, sk: 'open' },
      ConsistentRead: true,
    }),
  );
  return Item;
}

const withdrawal = { event: 'withdrawn', es: 'Retirado.', en: 'Withdrawn.' };

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
    expect((await cases.historyOf(submission.request.migrant)).openCases).toHaveLength(1);
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
    const history = await cases.historyOf(person('P-005').request.migrant);
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
        migrant: {
          ...caseRequest().migrant,
          givenNames: `Ana ${i}`,
          nationality: 'SV',
          documentNumber: `SV-${i}`,
        },
        location: { country: 'CR', city: 'San José' },
        returnTo: { country: 'SV', city: 'San Salvador' },
        route: { mode: 'air', transitCountries: [] },
        consent: { informedConsent: true, consentDate: '2024-04-30', dataTransferConsent: ['CR', 'SV'] },
      });
      sv.push(
        (await cases.submit({ principal: consul('SV'), request, evaluate: evaluatorFor(request) })).caseId,
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

  describe('one open case per person, under concurrency', () => {
    async function expectOneOpenCase(keyPrefix: string, submissions: ReturnType<typeof submissionOf>[]) {
      const results = await Promise.all(
        submissions.map((submission, i) =>
          cases.submit({ principal: consul('HN'), idempotencyKey: `${keyPrefix}-${i}`, ...submission }),
        ),
      );
      expect(new Set(results.map((r) => r.caseId)).size).toBe(submissions.length);
      expect(results.filter((r) => r.status === 'SUBMITTED')).toHaveLength(1);
      const ineligible = results.filter((r) => r.status === 'INELIGIBLE');
      expect(ineligible).toHaveLength(submissions.length - 1);
      for (const { caseId } of ineligible) {
        const record = await cases.get(caseId, secretariat);
        expect(record.eligibility?.reasons.map((r) => r.code)).toEqual(['open_case_exists']);
      }
      // Every submission is kept, whatever its outcome.
      for (const submission of submissions) {
        const history = await cases.historyOf(submission.request.migrant);
        expect(history.openCases).toHaveLength(1);
        expect(history.openCases[0]?.caseId).toBe(results.find((r) => r.status === 'SUBMITTED')?.caseId);
      }
      return results;
    }

    it('lets one of 10 concurrent different submissions with the same document be open', async () => {
      const migrant: Migrant = { ...caseRequest().migrant, givenNames: 'Rosa Doc', documentNumber: 'RACE-1' };
      // Same passport, typed differently, and the names varying too: the document key alone matches.
      const submissions = Array.from({ length: 10 }, (_, i) =>
        submissionOf(
          { ...migrant, givenNames: `Rosa ${i}`, documentNumber: i % 2 ? 'race 1' : 'RACE-1' },
          100 + i,
        ),
      );
      await expectOneOpenCase('same-doc', submissions);
    }, 60_000);

    it('lets one of 10 concurrent different submissions with the same names and birth date be open', async () => {
      const spellings = ['José Ángel', 'JOSE ANGEL', 'jose angel', 'José  Angel', 'Jose Ángel'];
      const submissions = Array.from({ length: 10 }, (_, i) => {
        const { documentNumber: _none, ...undocumented } = caseRequest().migrant;
        return submissionOf(
          {
            ...undocumented,
            givenNames: spellings[i % spellings.length] ?? 'José Ángel',
            familyNames: i % 2 ? 'PÉREZ GÓMEZ' : 'Pérez Gómez',
            dateOfBirth: '1985-07-21',
            // Different documents (or none): only the name key matches.
            ...(i % 3 ? { documentNumber: `NAME-${i}` } : {}),
          },
          200 + i,
        );
      });
      await expectOneOpenCase('same-name', submissions);
    }, 60_000);

    it('frees the person when the open case ends, and flags a repeat only after a completed return', async () => {
      const migrant: Migrant = {
        ...caseRequest().migrant,
        givenNames: 'Lucía Free',
        documentNumber: 'FREE-1',
      };
      const first = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 101) });
      expect(first.status).toBe('SUBMITTED');
      expect(await claimOf(migrant, 0)).toMatchObject({ caseId: first.caseId });
      const blocked = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 102) });
      expect(blocked.status).toBe('INELIGIBLE');

      await cases.updateStatus(first.caseId, 1, 'WITHDRAWN', withdrawal);
      expect(await claimOf(migrant, 0)).toBeUndefined();
      expect(await claimOf(migrant, 1)).toBeUndefined();
      expect((await cases.get(first.caseId, secretariat)).status).toBe('WITHDRAWN');

      const second = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 103) });
      expect(second.status).toBe('SUBMITTED');
      // A withdrawn case is not a completed return.
      expect((await cases.get(second.caseId, secretariat)).eligibility?.flags).toEqual([]);

      // Open statuses keep the claim; only the step out of them releases it.
      await cases.updateStatus(second.caseId, 1, 'REINTEGRATION', {
        event: 'arrived',
        es: 'Llegó.',
        en: 'Arrived.',
      });
      expect(await claimOf(migrant, 0)).toMatchObject({ caseId: second.caseId });
      await cases.updateStatus(second.caseId, 2, 'CLOSED', {
        event: 'closed',
        es: 'Cerrado.',
        en: 'Closed.',
      });

      const third = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 104) });
      expect(third.status).toBe('SUBMITTED');
      const flags = (await cases.get(third.caseId, secretariat)).eligibility?.flags ?? [];
      expect(flags.map((f) => f.code)).toEqual(['repeat_return']);
    }, 30_000);

    it('never deletes a claim that another case holds', async () => {
      const migrant: Migrant = {
        ...caseRequest().migrant,
        givenNames: 'Elena Held',
        documentNumber: 'HELD-1',
      };
      const { caseId } = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 105) });
      const [docKey] = personKeys(migrant);
      if (!docKey) throw new Error('no document key');
      // The document key's claim now belongs to another case (as if that case had claimed it).
      await tables.documentClient.send(
        new PutCommand({
          TableName: tables.names.cases,
          Item: { pk: `person#${hashPersonKey(docKey)}`, sk: 'open', caseId: 'RET-OTHERCASE' },
        }),
      );
      const withdrawn = await cases.updateStatus(caseId, 1, 'WITHDRAWN', withdrawal);
      expect(withdrawn.status).toBe('WITHDRAWN');
      expect(await claimOf(migrant, 0)).toMatchObject({ caseId: 'RET-OTHERCASE' });
      expect(await claimOf(migrant, 1)).toBeUndefined();
      // Still held: a new submission under the document is refused until RET-OTHERCASE lets go.
    });

    it('still answers concurrent retries of one submission with one case, beside a rival submission', async () => {
      const migrant: Migrant = { ...caseRequest().migrant, givenNames: 'Marta Mix', documentNumber: 'MIX-1' };
      const retried = submissionOf(migrant, 106);
      const rival = submissionOf(migrant, 107);
      const results = await Promise.all([
        ...Array.from({ length: 8 }, () =>
          cases.submit({ principal: consul('HN'), idempotencyKey: 'mix-retry', ...retried }),
        ),
        cases.submit({ principal: consul('HN'), idempotencyKey: 'mix-rival', ...rival }),
      ]);
      const retries = results.slice(0, 8);
      expect(new Set(retries.map((r) => r.caseId)).size).toBe(1);
      expect(retries.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(retries.map((r) => r.status)).size).toBe(1);
      const statuses = [retries[0]?.status, results[8]?.status].sort();
      expect(statuses).toEqual(['INELIGIBLE', 'SUBMITTED']);
      const history = await cases.historyOf(migrant);
      expect(history.openCases).toHaveLength(1);
      expect(history.previousCases).toHaveLength(1);
    }, 60_000);
  });
});
