/**
 * The ledger's invariant, as a pure function: the balance's buckets add up
 * (capital = available + reserved + disbursed), none is negative, and replaying every entry from
 * zero gives exactly the balance. Answers the discrepancies; an empty list means the fund is sound.
 */
import type { FundBalance, LedgerEntry } from '../ports/fund-ledger';
import { applyEffect, type Bucket, type Buckets, ZERO_BUCKETS } from './movement';

export interface Discrepancy {
  /** Stable code: `buckets_do_not_add_up`, `negative_bucket`, `entries_do_not_match_balance`, `entry_count`. */
  readonly code: string;
  readonly message: string;
}

const BUCKETS: readonly Bucket[] = ['capitalCents', 'availableCents', 'reservedCents', 'disbursedCents'];

/** Replays entries from zero (pure). */
export function replayEntries(entries: readonly LedgerEntry[]): Buckets {
  return entries.reduce<Buckets>(
    (buckets, entry) => applyEffect(buckets, entry.type, entry.amountCents),
    ZERO_BUCKETS,
  );
}

/** Checks a balance against its entries; see the module comment. */
export function checkInvariant(balance: FundBalance, entries: readonly LedgerEntry[]): Discrepancy[] {
  const problems: Discrepancy[] = [];
  const parts = balance.availableCents + balance.reservedCents + balance.disbursedCents;
  if (balance.capitalCents !== parts) {
    problems.push({
      code: 'buckets_do_not_add_up',
      message: `capital ${balance.capitalCents} != available + reserved + disbursed ${parts}`,
    });
  }
  for (const bucket of BUCKETS) {
    if (balance[bucket] < 0)
      problems.push({ code: 'negative_bucket', message: `${bucket} is ${balance[bucket]}` });
  }
  const replayed = replayEntries(entries);
  for (const bucket of BUCKETS) {
    if (replayed[bucket] !== balance[bucket]) {
      problems.push({
        code: 'entries_do_not_match_balance',
        message: `entries sum ${bucket} to ${replayed[bucket]}, the balance says ${balance[bucket]}`,
      });
    }
  }
  if (entries.length !== balance.entryCount) {
    problems.push({
      code: 'entry_count',
      message: `${entries.length} entries found, the balance counts ${balance.entryCount}`,
    });
  }
  return problems;
}
