/**
 * The EmailOutbox contract: an email is recorded once per key (and claimed in the same write when
 * it is new), claimed by one sender at a time (again only when a claim ran out), released or
 * given up only by its own claim, marked sent once (by its sender or by any report of SES), and
 * listed as unsent while pending or stale, oldest first; once done it carries its expiry. Run
 * against the in-memory adapter (unit tier) and DynamoDB (integration).
 */
import { ValidationError } from '../../shared/errors';
import {
  type EmailOutbox,
  expiresAtOf,
  type NewOutboxEntry,
  OUTBOX_RETENTION_SECONDS,
  type OutboxKey,
} from '../../shared/ports/email-outbox';

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

    it('records and claims a new email in one call; an email recorded before is claimed only as claim allows', async () => {
      const fresh = entry('RET-RAC1');
      const first = await outbox.recordAndClaim(fresh, { at: at(1), until: at(121) });
      expect(first).toEqual({
        created: true,
        claimed: {
          ...fresh,
          status: 'sending',
          attempts: 1,
          claimedUntil: at(121),
          updatedAt: at(1),
        },
      });
      // A second sender, while the first one's claim holds: nothing to do.
      expect(await outbox.recordAndClaim(fresh, { at: at(2), until: at(122) })).toEqual({ created: false });
      // The first sender died: once its claim ran out, the next one takes it, as claim would.
      const taken = await outbox.recordAndClaim(fresh, { at: at(122), until: at(242) });
      expect(taken).toMatchObject({ created: false, claimed: { status: 'sending', attempts: 2 } });
      await outbox.markSent(keyOf(fresh), 'message-rac', at(123));
      expect(await outbox.recordAndClaim(fresh, { at: at(500), until: at(620) })).toEqual({ created: false });

      // One that record left pending (a crash right after it) is claimed at its first attempt.
      const pending = entry('RET-RAC2');
      await outbox.record(pending);
      expect(await outbox.recordAndClaim(pending, { at: at(3), until: at(123) })).toMatchObject({
        created: false,
        claimed: { status: 'sending', attempts: 1 },
      });
      await expect(
        outbox.recordAndClaim(entry('RET-RAC3', { recipient: 'nope' }), { at: at(1), until: at(2) }),
      ).rejects.toThrow(ValidationError);
    });

    it('keeps a sent email two years, from when it was sent', async () => {
      const key = keyOf(entry('RET-TTL1'));
      await outbox.recordAndClaim(entry('RET-TTL1'), { at: at(1), until: at(121) });
      await outbox.markSent(key, 'message-ttl', at(2));
      const [sent] = await outbox.forCase('RET-TTL1');
      expect(sent?.expiresAt).toBe(expiresAtOf(at(2)));
      expect(sent!.expiresAt! - Date.parse(at(2)) / 1000).toBe(OUTBOX_RETENTION_SECONDS);
      expect(OUTBOX_RETENTION_SECONDS).toBe(730 * 86_400);
    });

    it('takes any report of SES as proof the email was sent, and keeps its delivery, bounce or complaint', async () => {
      const fresh = await makeOutbox();
      // The sender died between SES accepting the email and markSent: the Send event marks it.
      const crashed = entry('RET-EV1', { createdAt: at(1) });
      await fresh.recordAndClaim(crashed, { at: at(1), until: at(121) });
      expect(
        await fresh.recordEvent(keyOf(crashed), { type: 'send', messageId: 'ses-1', sentAt: at(2) }, at(3)),
      ).toBe(true);
      const [marked] = await fresh.forCase('RET-EV1');
      expect(marked).toMatchObject({ status: 'sent', messageId: 'ses-1', sentAt: at(2), attempts: 1 });
      expect(marked?.claimedUntil).toBeUndefined();
      expect(marked?.expiresAt).toBe(expiresAtOf(at(2)));
      expect(await fresh.unsent(at(1000))).toEqual([]);
      expect(await fresh.claim(keyOf(crashed), at(1000), at(1120))).toBeUndefined();

      // Marked by its sender first: the reports add to it and the first id and time stay.
      const sent = entry('RET-EV2');
      await fresh.recordAndClaim(sent, { at: at(1), until: at(121) });
      await fresh.markSent(keyOf(sent), 'ses-2', at(2));
      await fresh.recordEvent(keyOf(sent), { type: 'send', messageId: 'ses-other', sentAt: at(5) }, at(6));
      await fresh.recordEvent(
        keyOf(sent),
        { type: 'delivery', messageId: 'ses-2', sentAt: at(2), at: at(7) },
        at(8),
      );
      expect((await fresh.forCase('RET-EV2'))[0]).toMatchObject({
        status: 'sent',
        messageId: 'ses-2',
        sentAt: at(2),
        deliveredAt: at(7),
        expiresAt: expiresAtOf(at(2)),
      });

      // A bounce or a complaint is kept as SES's codes, and marks an email still pending sent.
      const bounced = entry('RET-EV3');
      await fresh.record(bounced);
      await fresh.recordEvent(
        keyOf(bounced),
        {
          type: 'bounce',
          messageId: 'ses-3',
          sentAt: at(2),
          at: at(9),
          bounceType: 'Permanent',
          subType: 'NoEmail',
        },
        at(10),
      );
      await fresh.recordEvent(
        keyOf(bounced),
        { type: 'complaint', messageId: 'ses-3', sentAt: at(2), at: at(11), feedbackType: 'abuse' },
        at(12),
      );
      expect((await fresh.forCase('RET-EV3'))[0]).toMatchObject({
        status: 'sent',
        messageId: 'ses-3',
        bounce: { type: 'Permanent', subType: 'NoEmail', at: at(9) },
        complaint: { type: 'abuse', at: at(11) },
      });

      // An email of no entry (another deployment's, or expired) changes nothing.
      expect(
        await fresh.recordEvent(
          keyOf(entry('RET-EV-NONE')),
          { type: 'send', messageId: 'ses-4', sentAt: at(2) },
          at(3),
        ),
      ).toBe(false);
      expect(await fresh.forCase('RET-EV-NONE')).toEqual([]);
      // A report is codes and times only: SES's diagnostic text cannot be stored.
      await expect(
        fresh.recordEvent(
          keyOf(bounced),
          {
            type: 'bounce',
            messageId: 'ses-3',
            sentAt: at(2),
            at: at(9),
            bounceType: 'Permanent',
            subType: '550 5.1.1 <juan.perez@gob.hn>: user unknown',
          },
          at(10),
        ),
      ).rejects.toThrow(ValidationError);
    });

    it('gives an email up only under its current claim: failed for good, off the unsent list', async () => {
      const fresh = await makeOutbox();
      const doomed = entry('RET-FAIL1', { createdAt: at(1) });
      const { claimed } = await fresh.recordAndClaim(doomed, { at: at(1), until: at(121) });
      // A later claim's sender, late, cannot give it up.
      expect(await fresh.fail(keyOf(doomed), claimed!.attempts + 1, at(2), 'Late')).toBe(false);
      expect(await fresh.fail(keyOf(doomed), claimed!.attempts, at(3), 'EmailFactMissingError')).toBe(true);
      expect(await fresh.fail(keyOf(doomed), claimed!.attempts, at(4), 'Again')).toBe(false);
      const [failed] = await fresh.forCase('RET-FAIL1');
      expect(failed).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: 'EmailFactMissingError',
        failedAt: at(3),
        expiresAt: expiresAtOf(at(3)),
      });
      expect(failed?.claimedUntil).toBeUndefined();
      expect(await fresh.unsent(at(10_000))).toEqual([]);
      expect(await fresh.claim(keyOf(doomed), at(10_000), at(10_120))).toBeUndefined();
      expect(await fresh.recordAndClaim(doomed, { at: at(10_000), until: at(10_120) })).toEqual({
        created: false,
      });
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
