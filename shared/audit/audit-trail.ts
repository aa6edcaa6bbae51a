/**
 * The audit trail the API and the workflow write to. Appends are chained and conflict-safe:
 * concurrent writers race for the next seq under a DynamoDB condition, the loser re-reads the head
 * and tries again, so a chain never forks.
 */

import { backOff } from '../backoff';
import { AuditAppendConflictError, type AuditLog } from '../ports/audit-log';
import type { Page, PageRequest } from '../ports/page';
import { actorOf, type Principal } from '../roles';
import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditActor,
  type AuditDetails,
  type AuditEntry,
  GENESIS_HASH,
  hashEntry,
} from './audit-entry';
import { assertNoPersonalData } from './personal-data-guard';
import { type ChainVerification, verifyChain } from './verify-chain';

export interface AuditTrailOptions {
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Appends tried before giving up under contention. @default 30 */
  readonly maxAttempts?: number;
}

/** Gave up appending after many conflicts (only under extreme contention on one case). */
export class AuditContentionError extends Error {
  override readonly name = 'AuditContentionError';
}

export interface AppendInput {
  readonly actor: AuditActor;
  readonly action: AuditAction;
  /** @default {} */
  readonly details?: AuditDetails;
}

export class AuditTrail {
  private readonly now: () => Date;
  private readonly maxAttempts: number;

  constructor(
    private readonly log: AuditLog,
    options: AuditTrailOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 30;
  }

  /** Appends one entry at the end of the case's chain. @throws PersonalDataInAuditError */
  append(caseId: string, input: AppendInput): Promise<AuditEntry> {
    return this.appendUnless(caseId, input);
  }

  /**
   * Appends the entry unless the chain already holds one that matches, and answers that one: how
   * a retried step that may have died after auditing (and before recording what it did) audits
   * once. Safe against a concurrent run of the same step too: the chain is read after its head
   * on every attempt, and the append is conditional on that head, so a match written meanwhile
   * makes the append conflict and the next attempt find it.
   * @throws PersonalDataInAuditError
   */
  appendOnce(
    caseId: string,
    input: AppendInput,
    matches: (entry: AuditEntry) => boolean,
  ): Promise<AuditEntry> {
    return this.appendUnless(caseId, input, matches);
  }

  private async appendUnless(
    caseId: string,
    input: AppendInput,
    matches?: (entry: AuditEntry) => boolean,
  ): Promise<AuditEntry> {
    const details = input.details ?? {};
    assertNoPersonalData(details);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const head = await this.log.head(caseId);
      if (matches) {
        const found = (await this.log.all(caseId)).find(matches);
        if (found) return found;
      }
      const unsigned = {
        caseId,
        seq: (head?.seq ?? 0) + 1,
        at: this.now().toISOString(),
        actor: input.actor,
        action: input.action,
        details,
        prevHash: head?.hash ?? GENESIS_HASH,
      };
      const entry: AuditEntry = { ...unsigned, hash: hashEntry(unsigned) };
      try {
        await this.log.append(entry);
        return entry;
      } catch (error) {
        if (!(error instanceof AuditAppendConflictError)) throw error;
        // Spread the losers out so they do not collide again on the next seq.
        await backOff(attempt, { baseMs: 5, capMs: 200 });
      }
    }
    throw new AuditContentionError(
      `could not append to the audit chain of ${caseId} after ${this.maxAttempts} attempts`,
    );
  }

  /**
   * Records that a principal read a case's personal data. The API calls this on every read that
   * answers personal data (a case detail, a task's form), before answering.
   * @param disclosed the disclosure profile or field groups shown (no values)
   */
  recordPersonalDataRead(
    caseId: string,
    principal: Principal,
    disclosed: { readonly profile: string; readonly purpose?: string },
  ): Promise<AuditEntry> {
    return this.append(caseId, {
      actor: actorOf(principal),
      action: AUDIT_ACTIONS.caseReadPersonalData,
      details: { profile: disclosed.profile, ...(disclosed.purpose ? { purpose: disclosed.purpose } : {}) },
    });
  }

  /** The case's entries in order, a page at a time. */
  entries(caseId: string, page?: PageRequest): Promise<Page<AuditEntry>> {
    return this.log.list(caseId, page);
  }

  /**
   * Reads the whole chain and verifies it (see verifyChain). The head is read before and after the
   * entries: an append between the two reads (the workflow goes on while someone looks) would
   * otherwise show as entries past the head; a head that moved is read again. An append writes
   * its entry and the head in one transaction, so with the head unmoved the entries are exactly
   * the chain it ends.
   */
  async verify(caseId: string): Promise<ChainVerification> {
    let head = await this.log.head(caseId);
    for (let attempt = 1; ; attempt++) {
      const entries = await this.log.all(caseId);
      const after = await this.log.head(caseId);
      const moved = after?.seq !== head?.seq || after?.hash !== head?.hash;
      if (!moved || attempt >= this.maxAttempts) return verifyChain(entries, after);
      head = after;
    }
  }
}
