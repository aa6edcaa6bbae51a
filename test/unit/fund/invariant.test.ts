import { checkInvariant, replayEntries } from '../../../shared/fund/invariant';
import { applyEffect, movementKey, ZERO_BUCKETS } from '../../../shared/fund/movement';
import type { FundBalance, LedgerEntry } from '../../../shared/ports/fund-ledger';

const entry = (type: LedgerEntry['type'], amountCents: number, id: string): LedgerEntry => ({
  fundId: 'f',
  entryKey: `${type}#${id}`,
  type,
  amountCents,
  at: '2024-01-01T00:00:00.000Z',
});

const balanceOf = (entries: LedgerEntry[], overrides: Partial<FundBalance> = {}): FundBalance => ({
  fundId: 'f',
  currency: 'USD',
  ceilingCents: 100_000,
  ...replayEntries(entries),
  entryCount: entries.length,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  ...overrides,
});

describe('the ledger invariant', () => {
  const entries = [
    entry('contribution', 10_000, 'a'),
    entry('reservation', 4_000, 'c1'),
    entry('reservation', 1_000, 'c2'),
    entry('release', 1_000, 'c2'),
    entry('disbursement', 4_000, 'c1'),
    entry('reversal', 4_000, 'c1'),
  ];

  it('moves money between buckets as each movement says', () => {
    expect(applyEffect(ZERO_BUCKETS, 'contribution', 5)).toEqual({
      ...ZERO_BUCKETS,
      capitalCents: 5,
      availableCents: 5,
    });
    expect(replayEntries(entries)).toEqual({
      capitalCents: 10_000,
      availableCents: 10_000,
      reservedCents: 0,
      disbursedCents: 0,
    });
  });

  it('holds for a balance that its entries produce', () => {
    expect(checkInvariant(balanceOf(entries), entries)).toEqual([]);
  });

  it('reports buckets that do not add up, negative buckets, and entries that do not match', () => {
    const codes = checkInvariant(balanceOf(entries, { reservedCents: -1 }), entries).map((d) => d.code);
    expect(codes).toEqual(['buckets_do_not_add_up', 'negative_bucket', 'entries_do_not_match_balance']);
  });

  it('reports a missing entry', () => {
    const codes = checkInvariant(balanceOf(entries), entries.slice(1)).map((d) => d.code);
    expect(codes).toContain('entry_count');
    expect(codes).toContain('entries_do_not_match_balance');
  });

  it('keys movements by their cause', () => {
    expect(movementKey('reservation', { caseId: 'c1' })).toBe('reservation#c1');
    expect(movementKey('contribution', { reference: 'ref-1' })).toBe('contribution#ref-1');
    expect(() => movementKey('release', {})).toThrow(RangeError);
  });
});
