/**
 * SES's events recorded in the outbox: read from the email's X-Retorno-Outbox-Key header, each
 * report marks the entry sent; a delivery, a bounce or a complaint is kept as SES's codes only;
 * what is not Retorno's, or not recorded, is left alone.
 */
import { MemoryEmailOutbox } from '../../../shared/adapters/memory/memory-email-outbox';
import { recordEmailEvent, type SesEvent } from '../../../shared/notifications/email-events';
import { outboxKeyText } from '../../../shared/ports/email-outbox';

const T0 = '2024-05-01T12:00:00.000Z';
const entry = {
  caseId: 'RET-EV',
  kind: 'reception_notice',
  recipient: 'authority.hn@demo.retorno.local',
  template: 'reception_notice' as const,
  party: 'authority' as const,
  languages: ['es' as const],
  facts: {},
  createdAt: T0,
};
const event = (eventType: string, extra: Partial<SesEvent> = {}, key = outboxKeyText(entry)): SesEvent => ({
  eventType,
  mail: {
    timestamp: T0,
    messageId: 'ses-101',
    headers: [{ name: 'x-retorno-outbox-key', value: key }],
  },
  ...extra,
});

let outbox: MemoryEmailOutbox;
const deps = () => ({ outbox, now: () => new Date(T0) });
beforeEach(async () => {
  outbox = new MemoryEmailOutbox();
  await outbox.recordAndClaim(entry, { at: T0, until: '2024-05-01T12:07:00.000Z' });
});

describe('an SES event', () => {
  it('marks the email its header names sent (Send), whatever the header’s case', async () => {
    expect(await recordEmailEvent(deps(), event('Send'))).toEqual({
      outcome: 'recorded',
      type: 'Send',
      key: { caseId: 'RET-EV', kind: 'reception_notice', recipient: 'authority.hn@demo.retorno.local' },
    });
    expect((await outbox.forCase('RET-EV'))[0]).toMatchObject({
      status: 'sent',
      messageId: 'ses-101',
      sentAt: T0,
    });
  });

  it('keeps a delivery, a bounce and a complaint as codes and times, not SES’s diagnostic text', async () => {
    await recordEmailEvent(
      deps(),
      event('Delivery', { delivery: { timestamp: '2024-05-01T12:00:02.000Z' } }),
    );
    await recordEmailEvent(
      deps(),
      event('Bounce', {
        bounce: {
          bounceType: 'Transient',
          bounceSubType: 'MailboxFull',
          timestamp: '2024-05-01T12:00:03.000Z',
        },
      }),
    );
    await recordEmailEvent(
      deps(),
      event('Complaint', {
        complaint: { complaintFeedbackType: 'abuse', timestamp: '2024-05-01T12:00:04.000Z' },
      }),
    );
    const [stored] = await outbox.forCase('RET-EV');
    expect(stored).toMatchObject({
      status: 'sent',
      deliveredAt: '2024-05-01T12:00:02.000Z',
      bounce: { type: 'Transient', subType: 'MailboxFull', at: '2024-05-01T12:00:03.000Z' },
      complaint: { type: 'abuse', at: '2024-05-01T12:00:04.000Z' },
    });
  });

  it('of another kind, of no outbox email, or of an entry gone, changes nothing', async () => {
    expect(await recordEmailEvent(deps(), event('Open'))).toEqual({ outcome: 'ignored', type: 'Open' });
    expect(
      await recordEmailEvent(deps(), {
        ...event('Send'),
        mail: { timestamp: T0, messageId: 'ses-9', headers: [] },
      }),
    ).toEqual({ outcome: 'not_outbox', type: 'Send' });
    expect(await recordEmailEvent(deps(), event('Send', {}, 'not/a key'))).toEqual({
      outcome: 'not_outbox',
      type: 'Send',
    });
    expect(
      await recordEmailEvent(
        deps(),
        event('Send', {}, 'RET-OTHER/reception_notice/authority.hn@demo.retorno.local'),
      ),
    ).toMatchObject({ outcome: 'no_entry' });
    expect((await outbox.forCase('RET-EV'))[0]).toMatchObject({ status: 'sending' });
  });

  it('of a recorded kind without its part is refused, so the function fails and it is retried', async () => {
    await expect(recordEmailEvent(deps(), event('Delivery'))).rejects.toMatchObject({
      name: 'SesEventIncompleteError',
    });
    await expect(recordEmailEvent(deps(), event('Bounce'))).rejects.toMatchObject({
      name: 'SesEventIncompleteError',
    });
  });
});
