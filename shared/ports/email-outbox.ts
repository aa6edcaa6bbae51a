/**
 * The email outbox: every email Retorno sends is recorded here before it is sent, and sent once.
 * An entry is keyed by case, kind and recipient, so the same notice to the same address is one
 * entry however often the workflow, a retry or the reconciler asks for it:
 *
 *   record (a conditional create) -> claim (pending, or a claim whose lease ran out) -> send -> markSent
 *
 * A second sender finds the entry sent (it skips) or claimed (it skips too). A send that fails
 * releases the claim, so the entry is pending again for the reconciler (`unsent`).
 *
 * What "exactly once" means here: SES has no idempotency key, so one window remains, between a
 * SendEmail that succeeded and the markSent that records it. A process that dies inside it
 * leaves the entry claimed; once its lease has run out the reconciler claims it again and sends
 * it again. So an email is sent at least once, and more than once only when a crash falls in that
 * window; every other retry, duplicate step or second reconciler is absorbed by the outbox.
 *
 * An entry holds no personal data: keys, the template, the languages, codes and times, the
 * provider's message id, and the recipient's official address. The email itself is rendered at
 * send time from the case, so a re-send rebuilds the same email and nothing personal is copied.
 */
import * as z from 'zod';
import { APPROVAL_ROLES, caseStatusSchema } from '../contracts/case';
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

/** pending: recorded, not sent; sending: claimed by a sender until its lease runs out; sent: done. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const caseIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a case id');
/** A code: an id, an event or an error name, never free text. */
const codeSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, 'must be a code (letters, digits, _ . -)');

/**
 * The facts an email is rebuilt from besides the case: ids, codes and times only. Closed, so a
 * field of free text (which could carry personal data) cannot be stored by mistake.
 */
export const emailFactsSchema = closedObject({
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
  /** The name of the error that stopped the case. */
  error: codeSchema.optional(),
});
export type EmailFacts = z.infer<typeof emailFactsSchema>;

/** Where an entry is: one email of one kind to one address about one case. */
export interface OutboxKey {
  readonly caseId: string;
  /** The template and what makes it unique in the case: `task_assigned#<taskId>`, `status_changed#<STATUS>`, `reception_notice`. */
  readonly kind: string;
  /** The official address it goes to. */
  readonly recipient: string;
}

export const newOutboxEntrySchema = closedObject({
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
});
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
}

export interface EmailOutbox {
  /**
   * Records the entry unless its key exists (a conditional create); answers the stored entry
   * either way, so a second sender sees the first one's.
   * @throws ValidationError naming the field, for an entry that could carry free text
   */
  record(entry: NewOutboxEntry): Promise<{ readonly entry: OutboxEntry; readonly created: boolean }>;
  /**
   * Claims the entry for sending until `until` (mayClaim decides), counting the attempt. Answers
   * the claimed entry, or undefined when it is sent or another sender's claim still holds.
   */
  claim(key: OutboxKey, at: string, until: string): Promise<OutboxEntry | undefined>;
  /** Records the email as sent with the provider's id; an entry already sent keeps its first id. */
  markSent(key: OutboxKey, messageId: string, at: string): Promise<void>;
  /**
   * Gives a failed claim back (pending again, with the error's name), when `attempt` is still
   * the entry's current claim; a later claim by another sender is left alone.
   */
  release(key: OutboxKey, attempt: number, at: string, error: string): Promise<void>;
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
