/**
 * The audit log in memory, with the DynamoDB adapter's semantics: an append takes its seq only if
 * the seq is free and the head is still at seq - 1 with the entry's prevHash.
 */

import type { AuditEntry } from '../../audit/audit-entry';
import type { ChainHead } from '../../audit/verify-chain';
import { AuditAppendConflictError, type AuditLog } from '../../ports/audit-log';
import type { Page, PageRequest } from '../../ports/page';
import { copy } from './copy';
import { pageOf } from './memory-page';

/** Zero-padded so that sort-key order is numeric order. */
const seqKey = (seq: number) => String(seq).padStart(10, '0');

export class MemoryAuditLog implements AuditLog {
  private readonly chains = new Map<string, Map<number, AuditEntry>>();
  private readonly heads = new Map<string, ChainHead>();

  async head(caseId: string): Promise<ChainHead | undefined> {
    const head = this.heads.get(caseId);
    return head ? { ...head } : undefined;
  }

  async append(entry: AuditEntry): Promise<void> {
    const chain = this.chains.get(entry.caseId) ?? new Map<number, AuditEntry>();
    const head = this.heads.get(entry.caseId);
    const headMatches =
      entry.seq === 1 ? head === undefined : head?.seq === entry.seq - 1 && head.hash === entry.prevHash;
    if (chain.has(entry.seq) || !headMatches) {
      throw new AuditAppendConflictError(`seq ${entry.seq} of ${entry.caseId} was taken by another append`);
    }
    this.chains.set(entry.caseId, chain.set(entry.seq, copy(entry)));
    this.heads.set(entry.caseId, { seq: entry.seq, hash: entry.hash });
  }

  async list(caseId: string, page?: PageRequest): Promise<Page<AuditEntry>> {
    const entries = [...(this.chains.get(caseId)?.values() ?? [])].map((entry) => ({
      sortKey: seqKey(entry.seq),
      item: entry,
    }));
    return pageOf(`case#${caseId}`, entries, 'ascending', page);
  }

  async all(caseId: string): Promise<AuditEntry[]> {
    return [...(this.chains.get(caseId)?.values() ?? [])]
      .sort((a, b) => a.seq - b.seq)
      .map((entry) => copy(entry));
  }
}
