/**
 * The local SES event stream: every email the emulator accepts is journalled before it is stored,
 * and its Send and Delivery (or simulated Bounce or Complaint) events are delivered in SES's
 * EventBridge shape, at least once, including after a crash left them undelivered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SesEvents, startSesEvents } from '../../../local/ses-events';
import { sesEventBridgeSchema } from '../../../shared/notifications/email-events';

const store = require('aws-ses-v2-local/dist/store') as {
  saveEmail(email: unknown): void;
  clearStore(): void;
};

const NOW = new Date('2024-05-01T12:00:00.000Z');
const KEY = 'RET-1/task_assigned#RET-1.country_approval.MX.1/authority.mx@demo.retorno.local';

/** What the emulator's SendEmail hands its store. */
const accepted = (messageId: string, to = 'authority.mx@demo.retorno.local') => ({
  messageId,
  from: 'no-reply@retorno.local',
  replyTo: [],
  destination: { to: [to], cc: [], bcc: [] },
  subject: 'Caso RET-1: nueva tarea',
  body: { text: 'private words', html: '<p>private words</p>' },
  attachments: [],
  headers: [{ name: 'X-Retorno-Outbox-Key', value: KEY }],
  at: 1714564800,
});

let dir: string;
const running: SesEvents[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retorno-ses-events-'));
});
afterEach(async () => {
  for (const events of running.splice(0)) await events.stop();
  store.clearStore();
  rmSync(dir, { recursive: true, force: true });
});

function start(deliver: (event: Record<string, unknown>) => Promise<void>): SesEvents {
  const events = startSesEvents({
    journalFile: join(dir, 'events.jsonl'),
    now: () => NOW,
    region: 'us-east-1',
    account: '000000000000',
    deliver,
    retryMs: 60_000,
  });
  running.push(events);
  return events;
}

describe('the local SES event stream', () => {
  it('delivers a Send and a Delivery event, shaped as EventBridge delivers SES’s, with the email’s headers', async () => {
    const seen: Record<string, unknown>[] = [];
    const events = start(async (event) => {
      seen.push(event);
    });
    store.saveEmail(accepted('ses-1'));
    await events.drain();
    expect(seen.map((event) => event['detail-type'])).toEqual(['Email Sent', 'Email Delivered']);
    for (const event of seen) {
      const parsed = sesEventBridgeSchema.parse(event);
      expect(parsed.detail.mail).toEqual({
        messageId: 'ses-1',
        timestamp: NOW.toISOString(),
        headers: [{ name: 'X-Retorno-Outbox-Key', value: KEY }],
      });
      // What SES's events carry of an email, never its subject or body.
      expect(JSON.stringify(event)).not.toContain('private words');
      expect(JSON.stringify(event)).not.toContain('nueva tarea');
    }
    expect(sesEventBridgeSchema.parse(seen[1]).detail.delivery).toEqual({ timestamp: NOW.toISOString() });
  });

  it('answers SES’s mailbox simulator addresses with a bounce or a complaint', async () => {
    const types: unknown[] = [];
    const events = start(async (event) => {
      types.push(event['detail-type']);
    });
    store.saveEmail(accepted('ses-2', 'bounce@simulator.amazonses.com'));
    store.saveEmail(accepted('ses-3', 'complaint@simulator.amazonses.com'));
    await events.drain();
    expect(types).toEqual(['Email Sent', 'Email Bounced', 'Email Sent', 'Email Complaint Received']);
  });

  it('delivers after a restart what a crash or a failing function left undelivered, and only that', async () => {
    const first = start(async () => {
      throw new Error('the function is not up yet');
    });
    store.saveEmail(accepted('ses-4'));
    await first.drain();
    await first.stop();

    const seen: unknown[] = [];
    const second = start(async (event) => {
      seen.push((event.detail as { mail: { messageId: string } }).mail.messageId);
    });
    await second.drain();
    expect(seen).toEqual(['ses-4', 'ses-4']);
    await second.stop();

    const third = start(async (event) => {
      seen.push(event);
    });
    await third.drain();
    expect(seen).toHaveLength(2);
  });
});
