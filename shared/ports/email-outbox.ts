/**
 * The email outbox: every email Retorno sends is recorded here before it is sent, and sent once.
 * An entry is keyed by case, kind and recipient, so the same notice to the same address is one
 * entry however often the workflow, a retry or the reconciler asks for it:
 *
 *   recordAndClaim (one conditional write when new) -> send -> markSent
 *                          \-> the send fails: release (pending again), or park it `failed`
 *                               after the last attempt (the Secretariat is alerted once)
 *
 * A second sender finds the entry sent (it skips) or claimed (it skips too). A send that fails
 * releases the claim, so the entry is pending again for the reconciler (`unsent`).
 *
 * What "exactly once" means here. SES has no idempotency key, so the outbox cannot make SES
 * refuse a second copy; what it does is make sure no one sends a second copy of an email SES may
 * already have accepted. A sender's claim lasts its lease plus a grace period for SES's own Send
 * event (shared/notifications/email-events.ts): SES publishes that event, with the email's headers
 * and so its outbox key, for every email it accepts, and the event marks the entry sent whether
 * or not the sender lived to do it. A sender killed between SendEmail and markSent therefore
 * leaves an entry that the Send event marks sent within seconds, and the reconciler, which may
 * take over a claim only once lease and grace have both run out, finds nothing to send again.
 *
 * The risk that remains, honestly: an email is sent twice only when both (a) its sender dies (or
 * times out) after SES accepted the email and before markSent, and (b) SES's Send event for it
 * does not reach the outbox within the grace period: SES publishes events at least once but not
 * with a guaranteed latency, EventBridge (on AWS) retries a failed delivery to the function for up
 * to 24 hours, and an event that still fails is dropped. A send that failed ambiguously (a timeout
 * after SES accepted it) is released at once, and is sent again only if the reconciler reaches it
 * before its Send event. Locally the event stream is local/ses-events.ts's journal, written before
 * the emulator answers, so a kill cannot lose an event there.
 *
 * An entry holds no personal data: keys, the template, the languages, codes and times, the
 * provider's message id and what SES reported of the delivery (codes and times), and the
 * recipient's official address. The email itself is rendered at send time from the case, so a
 * re-send rebuilds the same email and nothing personal is copied. Entries that are done (sent or
 * failed) expire OUTBOX_RETENTION_SECONDS later through the table's TTL (`expiresAt`).
 */
import * as z from 'zod';
import { APPROVAL_ROLES, caseStatusSchema } from '../contracts/case';
import { caseIdSchema } from '../contracts/case-id';
import { closedObject } from '../contracts/closed-object';
import { countryCodeSchema } from '../contracts/country';
import { instantSchema } from '../contracts/dates';
import { TASK_KINDS } from '../contracts/task';
import { ROLES } from '../roles';
import { parseInput } from '../validation';

/** What an email is: one template each (shared/notifications/templates.ts renders them). */
export const EMAIL_TEMPLATES = [
  'task_assigned',
  'task_reminder',
  'status_changed',
  'funds_waiting',
  'reception_notice',
  'withdrawal_notice',
  'case_failed',
  'consent_refused',
  'email_failed',
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

/** The languages emails are written in: a country's own, or both for regional roles. */
export const EMAIL_LANGUAGES = ['es', 'en'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];

/** Who an address belongs to: a country role, the child-protection authority, or a regional office. */
export const EMAIL_PARTIES = [
  'consular',
  'authority',
  'reintegration',
  'child_protection',
  'secretariat',
  'operations',
] as const;
export type EmailParty = (typeof EMAIL_PARTIES)[number];

/**
 * pending: recorded, not sent; sending: claimed by a sender until its claim runs out; sent: done;
 * failed: given up after the last attempt (terminal: the Secretariat was alerted, nobody retries).
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A code: an id, an event or an error name, never free text. */
const codeSchema = /* @__PURE__ */ (() =>
  z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, 'must be a code (letters, digits, _ . -)'))();

/**
 * The facts an email is rebuilt from besides the case: ids, codes and times only. Closed, so a
 * field of free text (which could carry personal data) cannot be stored by mistake.
 */
export const emailFactsSchema = /* @__PURE__ */ (() =>
  closedObject({
    taskId: codeSchema.optional(),
    taskKind: z.enum(TASK_KINDS).optional(),
    approvalRole: z.enum(APPROVAL_ROLES).optional(),
    /** The role a task is assigned to. */
    role: z.enum(ROLES).optional(),
    /** The country of a task, or of a refused consent. */
    country: countryCodeSchema.optional(),
    dueAt: instantSchema.optional(),
    status: caseStatusSchema.optional(),
    /** The timeline event that moved the case (shared/cases/case-events). */
    event: codeSchema.optional(),
    /** The name of the error that stopped the case, or that kept an email from being sent. */
    error: codeSchema.optional(),
    /** Of an email given up (email_failed): its template and who it was for. */
    emailTemplate: z.enum(EMAIL_TEMPLATES).optional(),
    emailParty: z.enum(EMAIL_PARTIES).optional(),
  }))();
export type EmailFacts = z.infer<typeof emailFactsSchema>;

/** Where an entry is: one email of one kind to one address about one case. */
export interface OutboxKey {
  readonly caseId: string;
  /** The template and what makes it unique in the case: `task_assigned#<taskId>`, `status_changed#<STATUS>`, `reception_notice`. */
  readonly kind: string;
  /** The official address it goes to. */
  readonly recipient: string;
}

export const newOutboxEntrySchema = /* @__PURE__ */ (() =>
  closedObject({
    caseId: caseIdSchema,
    kind: z.string().regex(/^[a-z_]+(#[A-Za-z0-9_.-]{1,120})?$/, 'must be a template and an optional #code'),
    recipient: z.email({ message: 'must be an email address' }).max(254),
    template: z.enum(EMAIL_TEMPLATES),
    party: z.enum(EMAIL_PARTIES),
    languages: z
      .array(z.enum(EMAIL_LANGUAGES))
      .min(1, { message: 'must name at least one language' })
      .max(EMAIL_LANGUAGES.length),
    facts: emailFactsSchema,
    createdAt: instantSchema,
  }))();
/** What a sender records before it sends. */
export type NewOutboxEntry = z.infer<typeof newOutboxEntrySchema>;

/** An entry as stored, with where its delivery is. */
export interface OutboxEntry extends NewOutboxEntry {
  readonly status: OutboxStatus;
  /** How many times it was claimed; a claim's number is its token for release. */
  readonly attempts: number;
  readonly updatedAt: string;
  /** Until when the current claim holds (while `sending`). */
  readonly claimedUntil?: string;
  readonly sentAt?: string;
  /** The provider's id of the email, once sent. */
  readonly messageId?: string;
  /** The name of the error of the last failed send. */
  readonly lastError?: string;
  /** When it was given up (while `failed`). */
  readonly failedAt?: string;
  /** When SES reported it delivered to the recipient's mail server. */
  readonly deliveredAt?: string;
  /** SES's bounce report: its type and subtype (codes), and when. */
  readonly bounce?: { readonly type: BounceType; readonly subType: string; readonly at: string };
  /** SES's complaint report: the feedback type when the mailbox provider gave one, and when. */
  readonly complaint?: { readonly type?: string; readonly at: string };
  /** Epoch seconds after which DynamoDB's TTL deletes the entry; set once it is sent or failed. */
  readonly expiresAt?: number;
}

/** SES's bounce types. */
export const BOUNCE_TYPES = ['Permanent', 'Transient', 'Undetermined'] as const;
export type BounceType = (typeof BOUNCE_TYPES)[number];

/**
 * What SES reported of an email (its event publishing), as the outbox records it: every report
 * names the message and when SES accepted it; each kind adds its own codes. Any report means SES
 * accepted the email, so each one marks the entry sent (the Send event may come late, or never).
 */
export type EmailEvent = {
  readonly messageId: string;
  /** When SES accepted the email (the event's mail.timestamp). */
  readonly sentAt: string;
} & (
  | { readonly type: 'send' }
  | { readonly type: 'delivery'; readonly at: string }
  | {
      readonly type: 'bounce';
      readonly at: string;
      readonly bounceType: BounceType;
      readonly subType: string;
    }
  | { readonly type: 'complaint'; readonly at: string; readonly feedbackType?: string }
);

export const emailEventSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('send'), messageId: codeSchema, sentAt: instantSchema }),
    z.object({
      type: z.literal('delivery'),
      messageId: codeSchema,
      sentAt: instantSchema,
      at: instantSchema,
    }),
    z.object({
      type: z.literal('bounce'),
      messageId: codeSchema,
      sentAt: instantSchema,
      at: instantSchema,
      bounceType: z.enum(BOUNCE_TYPES),
      subType: codeSchema,
    }),
    z.object({
      type: z.literal('complaint'),
      messageId: codeSchema,
      sentAt: instantSchema,
      at: instantSchema,
      feedbackType: codeSchema.optional(),
    }),
  ]))();

/**
 * How long an entry is kept once it is done (sent or failed): two years. "Who was told what"
 * answers the consulate's, the Secretariat's and an auditor's questions about a case, which ends
 * at most about a year after it was submitted (funds, travel, 180 days of reintegration); two years
 * leaves a year for a review or a dispute after that. The audit log, not the outbox, is the record
 * kept for longer. Pending and claimed entries never expire: they are still owed.
 */
export const OUTBOX_RETENTION_SECONDS = 2 * 365 * 24 * 60 * 60;

/** The TTL of an entry done at `at`: OUTBOX_RETENTION_SECONDS later, in epoch seconds. */
export function expiresAtOf(at: string): number {
  return Math.floor(Date.parse(at) / 1000) + OUTBOX_RETENTION_SECONDS;
}

/** When a claim is made and until when it holds (the sender's lease and the send event's grace). */
export interface ClaimTimes {
  readonly at: string;
  readonly until: string;
}

export interface EmailOutbox {
  /**
   * Records the entry unless its key exists (a conditional create); answers the stored entry
   * either way, so a second sender sees the first one's.
   * @throws ValidationError naming the field, for an entry that could carry free text
   */
  record(entry: NewOutboxEntry): Promise<{ readonly entry: OutboxEntry; readonly created: boolean }>;
  /**
   * Records the entry and claims it in one conditional write when its key is new (attempt 1);
   * when it exists, claims it as `claim` would. Answers the claimed entry, or no `claimed` when
   * the entry is sent, failed or another sender's claim still holds.
   * @throws ValidationError naming the field, for an entry that could carry free text
   */
  recordAndClaim(
    entry: NewOutboxEntry,
    times: ClaimTimes,
  ): Promise<{ readonly claimed?: OutboxEntry; readonly created: boolean }>;
  /**
   * Claims the entry for sending until `until` (mayClaim decides), counting the attempt. Answers
   * the claimed entry, or undefined when it is sent, failed or another sender's claim still holds.
   */
  claim(key: OutboxKey, at: string, until: string): Promise<OutboxEntry | undefined>;
  /**
   * Records the email as sent with the provider's id (and its expiry); an entry already sent keeps
   * its first id and time.
   */
  markSent(key: OutboxKey, messageId: string, at: string): Promise<void>;
  /**
   * Records what SES reported of the email (emailEventSchema): every report marks the entry sent
   * as markSent does, and a delivery, a bounce or a complaint is kept on it. Answers false when
   * there is no such entry (an email of another deployment, or one whose entry has expired).
   * @throws ValidationError naming the field, for a report that could carry free text
   */
  recordEvent(key: OutboxKey, event: EmailEvent, at: string): Promise<boolean>;
  /**
   * Gives a failed claim back (pending again, with the error's name), when `attempt` is still
   * the entry's current claim; a later claim by another sender is left alone.
   */
  release(key: OutboxKey, attempt: number, at: string, error: string): Promise<void>;
  /**
   * Gives the email up (`failed`, terminal, with the error's name and its expiry), when `attempt`
   * is still the entry's current claim. Answers true when this call parked it, so that exactly
   * one sender alerts the Secretariat.
   */
  fail(key: OutboxKey, attempt: number, at: string, error: string): Promise<boolean>;
  /** Every entry of a case, whatever its status (who was told what). */
  forCase(caseId: string): Promise<OutboxEntry[]>;
  /**
   * Entries recorded before `before` that are pending, or whose claim ran out before it: what
   * the reconciler sends again. Oldest first, at most `limit` (@default 100).
   */
  unsent(before: string, limit?: number): Promise<OutboxEntry[]>;
}

/** The entry's key. */
export function outboxKeyOf(entry: OutboxKey): OutboxKey {
  return { caseId: entry.caseId, kind: entry.kind, recipient: entry.recipient };
}

/** The key as one line, `<caseId>/<kind>/<recipient>`: the email's header, and the memory twin's map key. */
export function outboxKeyText(key: OutboxKey): string {
  return `${key.caseId}/${key.kind}/${key.recipient}`;
}

/**
 * The key of a header's text (outboxKeyText's inverse): a case id and a kind hold no `/`, so the
 * first two split it. Answers undefined for text that is not a key.
 */
export function parseOutboxKeyText(text: string): OutboxKey | undefined {
  const [caseId, kind, ...rest] = text.split('/');
  const recipient = rest.join('/');
  const parsed = newOutboxEntrySchema.pick({ caseId: true, kind: true, recipient: true }).safeParse({
    caseId,
    kind,
    recipient,
  });
  return parsed.success ? parsed.data : undefined;
}

/**
 * The one rule of a claim: an entry may be claimed when it is pending, or when it is being sent
 * under a claim whose lease ran out before `at` (its sender died, or is too slow to trust).
 */
export function mayClaim(entry: Pick<OutboxEntry, 'status' | 'claimedUntil'>, at: string): boolean {
  if (entry.status === 'pending') return true;
  return entry.status === 'sending' && entry.claimedUntil !== undefined && entry.claimedUntil < at;
}

/** The entry is one the reconciler sends again: recorded before `before`, and claimable then. */
export function isUnsent(entry: OutboxEntry, before: string): boolean {
  return entry.createdAt < before && mayClaim(entry, before);
}

/** A new entry checked, for both adapters. @throws ValidationError naming the field and rule */
export function parseNewOutboxEntry(entry: NewOutboxEntry): NewOutboxEntry {
  return parseInput(newOutboxEntrySchema, entry, 'outbox entry', 'entry');
}

/** The entry as first stored: pending, never claimed. */
export function pendingEntry(entry: NewOutboxEntry): OutboxEntry {
  return { ...entry, status: 'pending', attempts: 0, updatedAt: entry.createdAt };
}

/** The entry as first stored by recordAndClaim: claimed by its first sender. */
export function claimedNewEntry(entry: NewOutboxEntry, times: ClaimTimes): OutboxEntry {
  return { ...entry, status: 'sending', attempts: 1, claimedUntil: times.until, updatedAt: times.at };
}

/** A report of SES checked, for both adapters. @throws ValidationError naming the field and rule */
export function parseEmailEvent(event: EmailEvent): EmailEvent {
  return parseInput(emailEventSchema, event, 'email event', 'event') as EmailEvent;
}

/** What a report adds to an entry besides marking it sent. */
export function eventFields(event: EmailEvent): Pick<OutboxEntry, 'deliveredAt' | 'bounce' | 'complaint'> {
  switch (event.type) {
    case 'send':
      return {};
    case 'delivery':
      return { deliveredAt: event.at };
    case 'bounce':
      return { bounce: { type: event.bounceType, subType: event.subType, at: event.at } };
    case 'complaint':
      return { complaint: { ...(event.feedbackType ? { type: event.feedbackType } : {}), at: event.at } };
  }
}
