/**
 * The AuditLog contract: what every adapter of the port must do, driven through AuditTrail as the
 * domain uses it. Run against the in-memory adapter (unit tier) and DynamoDB (integration).
 */
import { AUDIT_ACTIONS, GENESIS_HASH, SYSTEM_ACTOR } from '../../shared/audit/audit-entry';
import { AuditTrail } from '../../shared/audit/audit-trail';
import { PersonalDataInAuditError } from '../../shared/audit/personal-data-guard';
import { AuditAppendConflictError, type AuditLog } from '../../shared/ports/audit-log';
import { auditOfficer, writeChain } from '../support/audit-chain';
import { InvalidCursorPattern } from './cursor-refusal';

const officer = auditOfficer;

/**
 * Declares the contract's tests.
 * @param name the adapter's name, in the tests' titles
 * @param makeLog an empty log (called once, before the tests)
 */
export function auditLogContract(name: string, makeLog: () => Promise<AuditLog> | AuditLog): void {
  let log: AuditLog;
  let trail: AuditTrail;

  beforeAll(async () => {
    log = await makeLog();
    trail = new AuditTrail(log);
  });

  const chainOf = (caseId: string, length: number) => writeChain(trail, caseId, length);

  describe(`the audit log (${name})`, () => {
    it('chains entries that verify, each pointing at the one before', async () => {
      await chainOf('case-ok', 4);
      await trail.recordPersonalDataRead('case-ok', officer, { profile: 'full', purpose: 'case detail' });
      const { items } = await trail.entries('case-ok');
      expect(items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(items[1]?.prevHash).toBe(items[0]?.hash);
      expect(items[4]).toMatchObject({
        action: 'case.read_personal_data',
        actor: { subject: 'sub-hn-1', role: 'consular' },
      });
      expect(await trail.verify('case-ok')).toEqual({ valid: true, entries: 5 });
    });
    it('verifies an empty chain', async () => {
      expect(await trail.verify('case-none')).toEqual({ valid: true, entries: 0 });
    });
    it('keeps one chain when 20 appends race on the same case', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          trail.append('case-race', {
            actor: SYSTEM_ACTOR,
            action: AUDIT_ACTIONS.taskCreated,
            details: { n: i },
          }),
        ),
      );
      const verification = await trail.verify('case-race');
      expect(verification).toEqual({ valid: true, entries: 20 });
      const { items } = await trail.entries('case-race', { limit: 100 });
      expect(new Set(items.map((e) => e.details.n)).size).toBe(20);
    }, 60_000);

    it('refuses details that carry personal data', async () => {
      await expect(
        trail.append('case-pii', {
          actor: SYSTEM_ACTOR,
          action: AUDIT_ACTIONS.caseSubmitted,
          details: { migrant: { givenNames: 'Ana' } },
        }),
      ).rejects.toThrow(PersonalDataInAuditError);
      expect(await trail.verify('case-pii')).toEqual({ valid: true, entries: 0 });
    });

    it('pages through a chain in order', async () => {
      await chainOf('case-pages', 5);
      const first = await trail.entries('case-pages', { limit: 2 });
      const second = await trail.entries('case-pages', { limit: 2, cursor: first.nextCursor });
      expect([...first.items, ...second.items].map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });

    it('refuses an append whose seq is taken or whose head moved on, and keeps the chain as it was', async () => {
      await chainOf('case-conflict', 2);
      const [, second] = await log.all('case-conflict');
      if (!second) throw new Error('no second entry');
      await expect(log.append({ ...second, details: { other: true } })).rejects.toThrow(
        AuditAppendConflictError,
      );
      await expect(log.append({ ...second, seq: 3, prevHash: GENESIS_HASH })).rejects.toThrow(
        AuditAppendConflictError,
      );
      await expect(log.append({ ...second, caseId: 'case-conflict-new', seq: 2 })).rejects.toThrow(
        AuditAppendConflictError,
      );
      expect(await log.head('case-conflict')).toEqual({ seq: 2, hash: second.hash });
      expect(await trail.verify('case-conflict')).toEqual({ valid: true, entries: 2 });
    });

    it('refuses a cursor of another case’s chain, or a made-up one', async () => {
      await chainOf('case-cursor-a', 3);
      await chainOf('case-cursor-b', 3);
      const other = await trail.entries('case-cursor-b', { limit: 2 });
      await expect(trail.entries('case-cursor-a', { cursor: other.nextCursor })).rejects.toMatchObject(
        InvalidCursorPattern,
      );
      await expect(trail.entries('case-cursor-a', { cursor: '%%%' })).rejects.toMatchObject(
        InvalidCursorPattern,
      );
    });
  });
}
