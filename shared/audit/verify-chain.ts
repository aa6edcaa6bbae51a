/**
 * Verification of a case's audit chain (pure). Each entry carries its seq (1, 2, 3...), the hash
 * of the entry before it and its own hash over all of that, so:
 *   - a deleted entry shows as a gap in seq (or, at the end, as a head that points past the last);
 *   - an edited entry no longer matches its own hash;
 *   - entries moved or swapped break the seq order or the prevHash links.
 * Someone able to rewrite every later entry and the head could forge a consistent chain; anchoring
 * the head elsewhere (e.g. a periodic digest) would close that, and is out of scope here.
 */
import { type AuditEntry, GENESIS_HASH, hashEntry } from './audit-entry';

export type ChainProblem = 'gap' | 'order' | 'edited' | 'broken_link' | 'truncated';

export interface ChainVerification {
  readonly valid: boolean;
  /** How many entries were read. */
  readonly entries: number;
  /** The first seq at which the chain is wrong. */
  readonly firstBrokenSeq?: number;
  readonly problem?: ChainProblem;
  readonly message?: string;
}

/** Where the chain's end is recorded, written with each entry in the same transaction. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** Verifies entries read in sort-key order, against the head when there is one. */
export function verifyChain(entries: readonly AuditEntry[], head?: ChainHead): ChainVerification {
  const broken = (seq: number, problem: ChainProblem, message: string): ChainVerification => ({
    valid: false,
    entries: entries.length,
    firstBrokenSeq: seq,
    problem,
    message,
  });
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const expected = index + 1;
    if (entry.seq > expected) {
      // The missing seq found further on means entries were moved, not removed.
      return entries.some((other) => other.seq === expected)
        ? broken(expected, 'order', `entry ${entry.seq} appears where ${expected} belongs`)
        : broken(expected, 'gap', `entry ${expected} is missing`);
    }
    if (entry.seq < expected)
      return broken(expected, 'order', `entry ${entry.seq} appears where ${expected} belongs`);
    if (hashEntry(entry) !== entry.hash)
      return broken(entry.seq, 'edited', `entry ${entry.seq} does not match its hash`);
    if (entry.prevHash !== prevHash) {
      return broken(entry.seq, 'broken_link', `entry ${entry.seq} does not point at entry ${entry.seq - 1}`);
    }
    prevHash = entry.hash;
  }
  if (head && (head.seq !== entries.length || head.hash !== prevHash)) {
    return broken(
      Math.min(head.seq, entries.length + 1),
      head.seq > entries.length ? 'truncated' : 'broken_link',
      `the chain's head is entry ${head.seq}, but ${entries.length} entries end with another hash`,
    );
  }
  if (!head && entries.length > 0) {
    return broken(entries.length, 'truncated', 'the chain has entries but no head');
  }
  return { valid: true, entries: entries.length };
}
