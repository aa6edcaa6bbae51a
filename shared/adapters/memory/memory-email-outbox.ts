/**
 * The email outbox in memory, with the DynamoDB adapter's semantics: an entry is created once per
 * key (claimed at once by recordAndClaim), claimed only while mayClaim allows, released or given
 * up only by its current claim, marked sent by any report of SES, and listed as unsent by the same
 * rule (isUnsent) the DynamoDB adapter's query and filter express.
 */
import {
  type ClaimTimes,
  claimedNewEntry,
  type EmailEvent,
  type EmailOutbox,
  eventFields,
  expiresAtOf,
  isUnsent,
  mayClaim,
  type NewOutboxEntry,
  type OutboxEntry,
  type OutboxKey,
  outboxKeyText,
  parseEmailEvent,
  parseNewOutboxEntry,
  pendingEntry,
} from '../../ports/email-outbox';
import { copy } from './copy';

export class MemoryEmailOutbox implements EmailOutbox {
  private readonly entries = new Map<string, OutboxEntry>();

  async record(entry: NewOutboxEntry): Promise<{ entry: OutboxEntry; created: boolean }> {
    const valid = parseNewOutboxEntry(entry);
    const existing = this.entries.get(outboxKeyText(valid));
    if (existing) return { entry: copy(existing), created: false };
    const stored = pendingEntry(valid);
    this.entries.set(outboxKeyText(valid), copy(stored));
    return { entry: copy(stored), created: true };
  }

  async recordAndClaim(
    entry: NewOutboxEntry,
    times: ClaimTimes,
  ): Promise<{ claimed?: OutboxEntry; created: boolean }> {
    const valid = parseNewOutboxEntry(entry);
    if (!this.entries.has(outboxKeyText(valid))) {
      const stored = claimedNewEntry(valid, times);
      this.entries.set(outboxKeyText(valid), copy(stored));
      return { claimed: copy(stored), created: true };
    }
    const claimed = await this.claim(valid, times.at, times.until);
    return claimed ? { claimed, created: false } : { created: false };
  }

  async claim(key: OutboxKey, at: string, until: string): Promise<OutboxEntry | undefined> {
    const entry = this.entries.get(outboxKeyText(key));
    if (!entry || !mayClaim(entry, at)) return undefined;
    const claimed: OutboxEntry = {
      ...entry,
      status: 'sending',
      attempts: entry.attempts + 1,
      claimedUntil: until,
      updatedAt: at,
    };
    this.entries.set(outboxKeyText(key), claimed);
    return copy(claimed);
  }

  async markSent(key: OutboxKey, messageId: string, at: string): Promise<void> {
    const entry = this.entries.get(outboxKeyText(key));
    if (!entry || entry.status === 'sent') return;
    const { claimedUntil: _claim, lastError: _error, failedAt: _failed, ...rest } = entry;
    this.entries.set(outboxKeyText(key), {
      ...rest,
      status: 'sent',
      messageId,
      sentAt: at,
      updatedAt: at,
      expiresAt: expiresAtOf(at),
    });
  }

  async recordEvent(key: OutboxKey, event: EmailEvent, at: string): Promise<boolean> {
    const valid = parseEmailEvent(event);
    const entry = this.entries.get(outboxKeyText(key));
    if (!entry) return false;
    const { claimedUntil: _claim, lastError: _error, failedAt: _failed, ...rest } = entry;
    this.entries.set(outboxKeyText(key), {
      ...rest,
      ...copy(eventFields(valid)),
      status: 'sent',
      messageId: entry.messageId ?? valid.messageId,
      sentAt: entry.sentAt ?? valid.sentAt,
      expiresAt: entry.expiresAt ?? expiresAtOf(valid.sentAt),
      updatedAt: at,
    });
    return true;
  }

  async fail(key: OutboxKey, attempt: number, at: string, error: string): Promise<boolean> {
    const entry = this.entries.get(outboxKeyText(key));
    if (entry?.status !== 'sending' || entry.attempts !== attempt) return false;
    const { claimedUntil: _claim, ...rest } = entry;
    this.entries.set(outboxKeyText(key), {
      ...rest,
      status: 'failed',
      lastError: error,
      failedAt: at,
      updatedAt: at,
      expiresAt: expiresAtOf(at),
    });
    return true;
  }

  async release(key: OutboxKey, attempt: number, at: string, error: string): Promise<void> {
    const entry = this.entries.get(outboxKeyText(key));
    if (entry?.status !== 'sending' || entry.attempts !== attempt) return;
    const { claimedUntil: _claim, ...rest } = entry;
    this.entries.set(outboxKeyText(key), { ...rest, status: 'pending', lastError: error, updatedAt: at });
  }

  async forCase(caseId: string): Promise<OutboxEntry[]> {
    return [...this.entries.values()]
      .filter((entry) => entry.caseId === caseId)
      .sort((a, b) => compare(sortKey(a), sortKey(b)))
      .map((entry) => copy(entry));
  }

  async unsent(before: string, limit = 100): Promise<OutboxEntry[]> {
    return [...this.entries.values()]
      .filter((entry) => isUnsent(entry, before))
      .sort((a, b) => compare(unsentKey(a), unsentKey(b)))
      .slice(0, limit)
      .map((entry) => copy(entry));
  }
}

/** The order of a case's entries: DynamoDB's sort key there. */
const sortKey = (entry: OutboxEntry) => `${entry.kind}#${entry.recipient}`;
/** The order of the unsent listing: DynamoDB's index sort key there (oldest first). */
const unsentKey = (entry: OutboxEntry) => `${entry.createdAt}#${outboxKeyText(entry)}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
