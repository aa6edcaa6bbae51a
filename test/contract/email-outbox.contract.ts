/**
 * The EmailOutbox contract: an email is recorded once per key, claimed by one sender at a time
 * (again only when a claim's lease ran out), released only by its own claim, marked sent once,
 * and listed as unsent while pending or stale, oldest first. Run against the in-memory adapter
 * (unit tier) and DynamoDB (integration).
 */
import { ValidationError } from '../../shared/errors';
import type { EmailOutbox, NewOutboxEntry, OutboxKey } from '../../shared/ports/email-outbox';

const T0 = '2024-05-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

const entry = (caseId: string, overrides: Partial<NewOutboxEntry> = {}): NewOutboxEntry => ({
  caseId,
  kind: `task_assigned#${caseId}.country_approval.MX.1`,
  recipient: 'authority.mx@demo.retorno.local',
  template: 'task_assigned',
  party: 'authority',
  languages: ['es'],
  facts: { taskId: `${caseId}.country_approval.MX.1`, taskKind: 'country_approval', dueAt: at(86_400) },
  createdAt: T0,
  ...overrides,
});

const keyOf = ({ caseId, kind, recipient }: NewOutboxEntry): OutboxKey => ({ caseId, kind, recipient });

/**
 * Declares the contract's tests.
 * @param name the adapter's name, in the tests' titles
 * @param makeOutbox an empty outbox (called once per group of tests that needs its own)
 */
export function emailOutboxContract(
  name: string,
  makeOutbox: () => Promise<EmailOutbox> | EmailOutbox,
): void {
  describe(`the email outbox (${name})`, () => {
    let outbox: EmailOutbox;
    beforeAll(async () => {
      outbox = await makeOutbox();
    });

    it('records an email once per case, kind and recipient, answering the first record to a second', async () => {
      const first = await outbox.record(entry('RET-REC1'));
      expect(first).toEqual({
        created: true,
        entry: { ...entry('RET-REC1'), status: 'pending', attempts: 0, updatedAt: T0 },
      });
      const again = await outbox.record(entry('RET-REC1', { createdAt: at(60), languages: ['en'] }));
      expect(again).toEqual({ created: false, entry: first.entry });
      // Another recipient, or another kind, is another email.
      expect(
        (await outbox.record(entry('RET-REC1', { recipient: 'authority2.mx@demo.retorno.local' }))).created,
      ).toBe(true);
      expect(
        (await outbox.record(entry('RET-REC1', { kind: 'task_reminder#RET-REC1.country_approval.MX.1' })))
          .created,
      ).toBe(true);
      expect(await outbox.forCase('RET-REC1')).toHaveLength(3);
      expect(await outbox.forCase('RET-OTHER')).toEqual([]);
    });

    it('refuses an entry that could carry free text, naming the field and the rule', async () => {
      const withText = { ...entry('RET-BAD1'), facts: { note: 'María, 14, victim of trafficking' } } as never;
      await expect(outbox.record(withText)).rejects.toThrow(ValidationError);
      await expect(outbox.record(withText)).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: 'facts.note', rule: 'unrecognized_keys' })],
      });
      await expect(
        outbox.record(entry('RET-BAD1', { facts: { error: 'Failed for María López' } })),
      ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'facts.error' })] });
      await expect(outbox.record(entry('RET-BAD1', { recipient: 'not an address' }))).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: 'recipient' })],
      });
      expect(await outbox.forCase('RET-BAD1')).toEqual([]);
    });

    it('lets one sender claim an email; a second finds it claimed until the lease runs out', async () => {
      const key = keyOf(entry('RET-CLAIM1'));
      await outbox.record(entry('RET-CLAIM1'));
      const claimed = await outbox.claim(key, at(1), at(121));
      expect(claimed).toMatchObject({
        status: 'sending',
        attempts: 1,
        claimedUntil: at(121),
        updatedAt: at(1),
      });
      expect(await outbox.claim(key, at(2), at(122))).toBeUndefined();
      expect(await outbox.claim(key, at(121), at(241))).toBeUndefined();
      // The first sender died holding it: once its lease has run out, another may send it.
      expect(await outbox.claim(key, at(122), at(242))).toMatchObject({ status: 'sending', attempts: 2 });
      expect(await outbox.claim(keyOf(entry('RET-NEVER-RECORDED')), at(1), at(121))).toBeUndefined();
    });

    it('marks an email sent once: no more claims, and the first message id stays', async () => {
      const key = keyOf(entry('RET-SENT1'));
      await outbox.record(entry('RET-SENT1'));
      await outbox.claim(key, at(1), at(121));
      await outbox.markSent(key, 'message-1', at(2));
      await outbox.markSent(key, 'message-2', at(3));
      const [sent] = await outbox.forCase('RET-SENT1');
      expect(sent).toMatchObject({ status: 'sent', messageId: 'message-1', sentAt: at(2), attempts: 1 });
      expect(sent?.claimedUntil).toBeUndefined();
      expect(await outbox.claim(key, at(500), at(620))).toBeUndefined();
      expect((await outbox.record(entry('RET-SENT1'))).entry.status).toBe('sent');
    });

    it('gives a failed claim back as pending, but never a later sender’s claim', async () => {
      const key = keyOf(entry('RET-REL1'));
      await outbox.record(entry('RET-REL1'));
      const first = await outbox.claim(key, at(1), at(121));
      await outbox.release(key, first!.attempts, at(2), 'MessageRejected');
      const [released] = await outbox.forCase('RET-REL1');
      expect(released).toMatchObject({ status: 'pending', attempts: 1, lastError: 'MessageRejected' });
      expect(released?.claimedUntil).toBeUndefined();

      const second = await outbox.claim(key, at(3), at(123));
      expect(second?.attempts).toBe(2);
      // The first sender, late, gives back a claim that is no longer its own: nothing changes.
      await outbox.release(key, first!.attempts, at(4), 'Late');
      expect((await outbox.forCase('RET-REL1'))[0]).toMatchObject({ status: 'sending', attempts: 2 });
    });

    it('lists as unsent the pending and the stale-claimed emails recorded before a time, oldest first', async () => {
      const fresh = await makeOutbox();
      const older = entry('RET-U1', { createdAt: at(10) });
      const oldest = entry('RET-U2', { createdAt: at(5) });
      const claimedNow = entry('RET-U3', { createdAt: at(1) });
      const claimedLongAgo = entry('RET-U4', { createdAt: at(2) });
      const sent = entry('RET-U5', { createdAt: at(3) });
      const tooNew = entry('RET-U6', { createdAt: at(200) });
      for (const item of [older, oldest, claimedNow, claimedLongAgo, sent, tooNew]) await fresh.record(item);
      await fresh.claim(keyOf(claimedNow), at(150), at(270));
      await fresh.claim(keyOf(claimedLongAgo), at(20), at(140));
      await fresh.claim(keyOf(sent), at(20), at(140));
      await fresh.markSent(keyOf(sent), 'message-sent', at(21));

      const unsent = await fresh.unsent(at(200));
      expect(unsent.map((item) => item.caseId)).toEqual(['RET-U4', 'RET-U2', 'RET-U1']);
      expect(unsent[0]).toMatchObject({ status: 'sending', claimedUntil: at(140) });
      expect((await fresh.unsent(at(200), 2)).map((item) => item.caseId)).toEqual(['RET-U4', 'RET-U2']);
      // Recorded before the time is what counts: one recorded at it is not yet due.
      expect((await fresh.unsent(at(10))).map((item) => item.caseId)).toEqual(['RET-U2']);
    });
  });
}
