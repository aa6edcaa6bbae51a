/**
 * The local equivalent of SES's event publishing (infra/constructs/email-events.ts on AWS): for
 * every email the SES emulator accepts, the function the manifest marks `emailEvents` is invoked
 * with a Send event and then a Delivery event (or, for SES's mailbox simulator addresses, a Bounce
 * or a Complaint), shaped as EventBridge delivers SES's events, with the email's headers.
 *
 * The emulator (aws-ses-v2-local) keeps the emails it accepts in its in-process store and offers
 * no hook, and its store dies with the process. So the accepted email is journalled from inside
 * its `saveEmail` (which its SendEmail handler calls through the module's exports before it
 * answers), one JSON line per email appended synchronously to `<data dir>/ses/events.jsonl`.
 * An email the emulator accepted therefore has its events on disk before any sender hears "sent",
 * and a SIGKILL cannot lose them: the next start delivers what the journal holds past its
 * `delivered` mark. Delivery is at least once, as SES's is (the function is idempotent).
 *
 * The journal holds what SES's events hold of an email (its id, time, sender, recipients and
 * headers), never its subject or body.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SES_EVENT_DETAIL_TYPES, type SesEventType } from '../shared/notifications/email-events';

/** What the emulator's store keeps of an accepted email, as far as the events need it. */
interface StoredEmail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: readonly string[] };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

/** One journal line: an accepted email, as SES's `mail` object describes it. */
interface AcceptedEmail {
  readonly messageId: string;
  readonly timestamp: string;
  readonly source: string;
  readonly destination: readonly string[];
  readonly headers: readonly { readonly name: string; readonly value: string }[];
}

type Listener = (email: StoredEmail) => void;
const listeners = new Set<Listener>();

/**
 * Wraps the emulator's saveEmail once per process, so each accepted email reaches every listener
 * before it is stored (and so before the emulator answers).
 */
function hookEmulatorStore(): void {
  // Loaded the way the emulator's own handlers load it, so the wrapper is the function they call.
  const store = require('aws-ses-v2-local/dist/store') as {
    saveEmail: ((email: StoredEmail) => void) & { retornoHooked?: true };
  };
  if (store.saveEmail.retornoHooked) return;
  const original = store.saveEmail;
  const hooked = Object.assign(
    (email: StoredEmail) => {
      for (const listener of listeners) listener(email);
      original(email);
    },
    { retornoHooked: true as const },
  );
  store.saveEmail = hooked;
  if (store.saveEmail !== hooked) {
    throw new Error(
      'aws-ses-v2-local: its store can no longer be hooked; local/ses-events.ts needs a new way in',
    );
  }
}

/** SES's mailbox simulator: the addresses that answer with a bounce or a complaint. */
const SIMULATED_OUTCOMES: Readonly<Record<string, SesEventType>> = {
  'bounce@simulator.amazonses.com': 'Bounce',
  'complaint@simulator.amazonses.com': 'Complaint',
};

/** The events SES would publish for an accepted email: Send, then what became of it. */
export function sesEventsOf(
  email: AcceptedEmail,
  region: string,
  account: string,
): Array<Record<string, unknown>> {
  const mail = {
    timestamp: email.timestamp,
    source: email.source,
    sendingAccountId: account,
    messageId: email.messageId,
    destination: email.destination,
    headersTruncated: false,
    headers: email.headers,
  };
  const outcome = email.destination.map((to) => SIMULATED_OUTCOMES[to]).find(Boolean) ?? 'Delivery';
  const at = email.timestamp;
  const details: Array<Record<string, unknown>> = [
    { eventType: 'Send', mail, send: {} },
    outcome === 'Delivery'
      ? {
          eventType: 'Delivery',
          mail,
          delivery: { timestamp: at, processingTimeMillis: 0, recipients: email.destination },
        }
      : outcome === 'Bounce'
        ? {
            eventType: 'Bounce',
            mail,
            bounce: {
              bounceType: 'Permanent',
              bounceSubType: 'General',
              bouncedRecipients: email.destination.map((emailAddress) => ({ emailAddress })),
              timestamp: at,
            },
          }
        : {
            eventType: 'Complaint',
            mail,
            complaint: {
              complainedRecipients: email.destination.map((emailAddress) => ({ emailAddress })),
              complaintFeedbackType: 'abuse',
              timestamp: at,
            },
          },
  ];
  return details.map((detail, index) => ({
    version: '0',
    id: `${email.messageId}-${index}`,
    'detail-type': SES_EVENT_DETAIL_TYPES[detail.eventType as SesEventType],
    source: 'aws.ses',
    account,
    time: at,
    region,
    resources: [],
    detail,
  }));
}

/** Options of {@link startSesEvents}. */
export interface SesEventsOptions {
  /** Invokes the receiving function with one event; rejects when it failed. */
  readonly deliver: (event: Record<string, unknown>) => Promise<void>;
  /** Where the journal is kept; its `.delivered` sibling marks how far it was delivered. @default in memory */
  readonly journalFile?: string;
  /** The local clock: the events' times. */
  readonly now: () => Date;
  readonly region: string;
  readonly account: string;
  /** How often a failed delivery is tried again. @default 1000 */
  readonly retryMs?: number;
  /** Told of a delivery that failed (it is tried again). */
  readonly onError?: (error: unknown) => void;
}

/** The running event stream. */
export interface SesEvents {
  /** Resolves once everything journalled so far has been delivered (or failed this round). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Journals every email the emulator accepts and delivers its events, resuming a journal left by a crash. */
export function startSesEvents(options: SesEventsOptions): SesEvents {
  hookEmulatorStore();
  const file = options.journalFile;
  const markFile = file ? `${file}.delivered` : undefined;
  if (file) mkdirSync(dirname(file), { recursive: true });
  const memory: AcceptedEmail[] = [];
  const journal = (): AcceptedEmail[] =>
    file
      ? existsSync(file)
        ? readFileSync(file, 'utf8')
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => JSON.parse(line) as AcceptedEmail)
        : []
      : memory;
  /** How many journal lines were delivered: kept in a file written atomically. */
  let delivered = markFile && existsSync(markFile) ? Number(readFileSync(markFile, 'utf8')) || 0 : 0;
  const markDelivered = (count: number) => {
    delivered = count;
    if (!markFile) return;
    writeFileSync(`${markFile}.tmp`, String(count));
    renameSync(`${markFile}.tmp`, markFile);
  };

  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  const deliverAll = async () => {
    const lines = journal();
    while (!stopped && delivered < lines.length) {
      for (const event of sesEventsOf(lines[delivered]!, options.region, options.account)) {
        await options.deliver(event);
      }
      markDelivered(delivered + 1);
    }
  };
  const drain = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await deliverAll().catch((error: unknown) => options.onError?.(error));
      } while (again && !stopped);
      running = undefined;
    })();
    return running;
  };

  const listener: Listener = (email) => {
    const accepted: AcceptedEmail = {
      messageId: email.messageId,
      timestamp: options.now().toISOString(),
      source: email.from,
      destination: [...email.destination.to],
      headers: [...(email.headers ?? [])],
    };
    // Synchronously, before the emulator stores the email and answers the sender.
    if (file) appendFileSync(file, `${JSON.stringify(accepted)}\n`);
    else memory.push(accepted);
    setImmediate(() => void drain());
  };
  listeners.add(listener);
  // Retries what failed, and delivers what a crash left in the journal.
  const timer = setInterval(() => void drain(), options.retryMs ?? 1000);
  timer.unref();
  void drain();
  return {
    drain,
    stop: async () => {
      stopped = true;
      listeners.delete(listener);
      clearInterval(timer);
      await running;
    },
  };
}
