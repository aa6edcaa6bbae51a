/**
 * The IdempotencyStore contract: a key's record, written by the case repository with its case,
 * is found while it lives, only in its caller's scope, and reported (not judged) by a second
 * create with the same key. Run against the in-memory adapters and DynamoDB.
 */
import type { CaseRecord } from '../../shared/cases/case-record';
import { caseRecord } from '../unit/cases/case-fixture';
import type { CasePorts } from './case-repository.contract';

const AT = '2024-05-01T00:00:00.000Z';
const AT_SECONDS = Date.parse(AT) / 1000;

const recordOf = (caseId: string): CaseRecord =>
  caseRecord({ caseId, status: 'SUBMITTED', createdAt: AT, updatedAt: AT });
const keyRecord = (key: string, requestHash = 'hash-a', expiresAt = AT_SECONDS + 60) => ({
  scope: 'consul-a',
  key,
  requestHash,
  createdAt: AT,
  expiresAt,
});

/**
 * Declares the contract's tests.
 * @param name the adapters' name, in the tests' titles
 * @param makePorts empty ports (called once, before the tests)
 */
export function idempotencyStoreContract(
  name: string,
  makePorts: () => Promise<CasePorts> | CasePorts,
): void {
  let ports: CasePorts;
  beforeAll(async () => {
    ports = await makePorts();
  });

  describe(`idempotency records (${name})`, () => {
    it('finds the record a create wrote, in its scope only, until it expires', async () => {
      await ports.cases.create(recordOf('RET-IDEM1'), { personKeys: [], idempotency: keyRecord('k-1') });
      expect(await ports.idempotency.find('consul-a', 'k-1', AT_SECONDS)).toEqual({
        ...keyRecord('k-1'),
        caseId: 'RET-IDEM1',
      });
      expect(await ports.idempotency.find('consul-b', 'k-1', AT_SECONDS)).toBeUndefined();
      expect(await ports.idempotency.find('consul-a', 'k-1', AT_SECONDS + 60)).toBeDefined();
      expect(await ports.idempotency.find('consul-a', 'k-1', AT_SECONDS + 61)).toBeUndefined();
      expect(await ports.idempotency.find('consul-a', 'k-unknown', AT_SECONDS)).toBeUndefined();
    });

    it('reports a live key’s record to a second create, whatever its body, and writes nothing', async () => {
      await ports.cases.create(recordOf('RET-IDEM2'), { personKeys: ['p-2'], idempotency: keyRecord('k-2') });
      const again = await ports.cases.create(recordOf('RET-IDEM3'), {
        personKeys: ['p-2'],
        idempotency: keyRecord('k-2', 'hash-b'),
      });
      expect(again).toEqual({ created: false, existing: { ...keyRecord('k-2'), caseId: 'RET-IDEM2' } });
      expect(await ports.cases.get('RET-IDEM3')).toBeUndefined();
      expect((await ports.cases.findByPersonKeys(['p-2'])).map((ref) => ref.caseId)).toEqual(['RET-IDEM2']);
    });

    it('lets an expired key be used again', async () => {
      await ports.cases.create(recordOf('RET-IDEM4'), {
        personKeys: [],
        idempotency: keyRecord('k-3', 'hash-a', AT_SECONDS - 1),
      });
      const reused = await ports.cases.create(recordOf('RET-IDEM5'), {
        personKeys: [],
        idempotency: keyRecord('k-3', 'hash-b'),
      });
      expect(reused).toEqual({ created: true, caseId: 'RET-IDEM5' });
      expect((await ports.idempotency.find('consul-a', 'k-3', AT_SECONDS))?.caseId).toBe('RET-IDEM5');
    });
  });
}
