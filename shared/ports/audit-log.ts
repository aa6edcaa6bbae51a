/** The port of the append-only audit log: one hash-chained sequence per case. */
import type { AuditEntry } from '../audit/audit-entry';
import type { ChainHead } from '../audit/verify-chain';
import type { Page, PageRequest } from './page';

/** Another append took this seq first; re-read the head and try again. */
export class AuditAppendConflictError extends Error {
  override readonly name = 'AuditAppendConflictError';
}

export interface AuditLog {
  /** The last entry's seq and hash; undefined for an empty chain. */
  head(caseId: string): Promise<ChainHead | undefined>;
  /**
   * Writes the entry at its seq and moves the head to it, only if that seq is free and the head is
   * still at seq - 1. @throws AuditAppendConflictError otherwise
   */
  append(entry: AuditEntry): Promise<void>;
  /** Entries in seq order. */
  list(caseId: string, page?: PageRequest): Promise<Page<AuditEntry>>;
  /** Every entry, in seq order, read consistently. */
  all(caseId: string): Promise<AuditEntry[]>;
}
