/**
 * The CaseRepository contract (with the IdempotencyStore that reads its keys' records): what every
 * adapter of the port must do, driven through CaseService as the domain uses it. Run against the
 * in-memory adapters (unit tier) and DynamoDB (integration).
 */
import { CaseNotFoundError, CaseVersionConflictError } from '../../shared/cases/case-errors';
import { CaseService } from '../../shared/cases/case-service';
import type { Migrant } from '../../shared/contracts/case-request';
import { ConflictError, ForbiddenError, ValidationError } from '../../shared/errors';
import type { CaseRepository } from '../../shared/ports/case-repository';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store';
import { caseRequest } from '../unit/cases/case-fixture';
import {
  authority,
  consul,
  evaluatorFor,
  person,
  secretariat,
  submissionOf,
  withdrawal,
} from './case-submissions';
import { InvalidCursorPattern } from './cursor-refusal';

/** A case repository and the idempotency store over the same records. */
export interface CasePorts {
  readonly cases: CaseRepository;
  readonly idempotency: IdempotencyStore;
}

/**
 * Declares the contract's tests.
 * @param name the adapters' name, in the tests' titles
 * @param makePorts empty ports (called once, before the tests)
 */
export function caseRepositoryContract(name: string, makePorts: () => Promise<CasePorts> | CasePorts): void {
  let cases: CaseService;
  let clock = Date.parse('2024-05-01T00:00:00Z');
  function tick(): Date {
    clock += 1;
    return new Date(clock);
  }

  beforeAll(async () => {
    const ports = await makePorts();
    // Each submission a millisecond later, so "newest first" is well defined.
    cases = new CaseService(ports.cases, ports.idempotency, { now: tick });
  });

  describe(`cases (${name})`, () => {
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
            { maxAttempts: 20 },
          ),
        ),
      );
      const record = await cases.get(caseId, secretariat);
      expect(record.approvals.map((a) => a.country).sort()).toEqual(['GT', 'HN', 'MX']);
      expect(record.version).toBe(4);
    });

    it('writes over the copy the caller read only while it is current: a stale copy conflicts and is read again', async () => {
      const { caseId } = await cases.submit({ principal: consul('HN'), ...person('P-010') });
      const stale = await cases.getForSystem(caseId);
      await cases.mutate(caseId, () => ({
        changes: { booking: { status: 'failed', bookedBy: 'provider' } },
      }));
      let attempts = 0;
      const after = await cases.mutate(
        caseId,
        (current) => {
          attempts++;
          return {
            timeline: [
              { at: current.updatedAt, event: 'note', es: 'Nota.', en: 'Note.', status: current.status },
            ],
          };
        },
        { read: stale },
      );
      expect(attempts).toBe(2);
      expect(after.booking).toEqual({ status: 'failed', bookedBy: 'provider' });
      const stored = await cases.getForSystem(caseId);
      expect(stored).toMatchObject({ version: stale.version + 2, booking: { status: 'failed' } });
      expect(stored.timeline.map((t) => t.event)).toEqual([...stale.timeline.map((t) => t.event), 'note']);
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
        const migrant: Migrant = {
          ...caseRequest().migrant,
          givenNames: 'Rosa Doc',
          documentNumber: 'RACE-1',
        };
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

      it('still answers concurrent retries of one submission with one case, beside a rival submission', async () => {
        const migrant: Migrant = {
          ...caseRequest().migrant,
          givenNames: 'Marta Mix',
          documentNumber: 'MIX-1',
        };
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

    it('refuses a made-up cursor the way it refuses another listing’s', async () => {
      await expect(cases.list(secretariat, { cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject(
        InvalidCursorPattern,
      );
      await expect(cases.list(secretariat, { cursor: '{' })).rejects.toMatchObject(InvalidCursorPattern);
    });

    it('frees the person when the open case leaves the open statuses, not before', async () => {
      const migrant: Migrant = {
        ...caseRequest().migrant,
        givenNames: 'Inés Port',
        documentNumber: 'PORT-1',
      };
      const first = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 111) });
      await cases.updateStatus(first.caseId, 1, 'REINTEGRATION', {
        event: 'arrived',
        es: 'Llegó.',
        en: 'Arrived.',
      });
      const blocked = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 112) });
      expect(blocked.status).toBe('INELIGIBLE');
      await cases.updateStatus(first.caseId, 2, 'WITHDRAWN', withdrawal);
      const second = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 113) });
      expect(second.status).toBe('SUBMITTED');
    });

    it('answers what it stores as copies: changing an answer changes nothing stored', async () => {
      const { caseId } = await cases.submit({ principal: consul('HN'), ...person('P-COPY') });
      const read = await cases.get(caseId, secretariat);
      (read.timeline as unknown[]).push('tampered');
      (read.request.migrant as { givenNames: string }).givenNames = 'Someone Else';
      const again = await cases.get(caseId, secretariat);
      expect(again.timeline).toHaveLength(2);
      expect(again.request.migrant.givenNames).toBe('María P-COPY');
      await expect(cases.updateStatus('RET-NOPE', 1, 'WITHDRAWN', withdrawal)).rejects.toThrow(
        CaseNotFoundError,
      );
    });
  });
}
