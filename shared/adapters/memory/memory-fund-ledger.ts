/**
 * The Reserve Fund ledger in memory, with the DynamoDB adapter's semantics: a movement writes its
 * entry (once per cause), the balance change (nothing below zero, no reservation above the
 * ceiling) and the hold change (guarded on its state) together or not at all, and a retry answers
 * the original entry. The checks and writes of one movement run without an await in between.
 */

import {
  CeilingExceededError,
  FundNotFoundError,
  HoldStateError,
  InsufficientFundsError,
} from '../../fund/fund-errors';
import {
  applyEffect,
  type Bucket,
  HOLD_TRANSITIONS,
  MOVEMENT_EFFECTS,
  movementKey,
} from '../../fund/movement';
import {
  ledgerEntryOf,
  movementAmountCents,
  openingBalance,
  retriedMovement,
} from '../../fund/movement-entry';
import type {
  FundBalance,
  FundLedger,
  Hold,
  LedgerEntry,
  MovementRequest,
  MovementResult,
  NewFund,
} from '../../ports/fund-ledger';
import type { Page, PageRequest } from '../../ports/page';
import { copy } from './copy';
import { pageOf } from './memory-page';

const holdKey = (fundId: string, caseId: string) => `${fundId}#${caseId}`;

export class MemoryFundLedger implements FundLedger {
  private readonly balances = new Map<string, FundBalance>();
  private readonly entries = new Map<string, Map<string, LedgerEntry>>();
  private readonly holds = new Map<string, Hold>();

  async ensureFund(fund: NewFund): Promise<FundBalance> {
    const existing = this.balances.get(fund.fundId);
    if (existing) return { ...existing };
    const balance = openingBalance(fund);
    this.balances.set(fund.fundId, balance);
    return { ...balance };
  }

  async getBalance(fundId: string): Promise<FundBalance | undefined> {
    const balance = this.balances.get(fundId);
    return balance ? { ...balance } : undefined;
  }

  async listFunds(): Promise<FundBalance[]> {
    return [...this.balances.values()]
      .sort((a, b) => (a.fundId < b.fundId ? -1 : 1))
      .map((balance) => ({ ...balance }));
  }

  async getEntry(fundId: string, entryKey: string): Promise<LedgerEntry | undefined> {
    const entry = this.entries.get(fundId)?.get(entryKey);
    return entry ? copy(entry) : undefined;
  }

  async getHold(fundId: string, caseId: string): Promise<Hold | undefined> {
    const hold = this.holds.get(holdKey(fundId, caseId));
    return hold ? { ...hold } : undefined;
  }

  async listEntries(fundId: string, page?: PageRequest): Promise<Page<LedgerEntry>> {
    const entries = [...(this.entries.get(fundId)?.values() ?? [])].map((entry) => ({
      sortKey: `${entry.at}#${entry.entryKey}`,
      item: entry,
    }));
    return pageOf(`fund#${fundId}#ledger`, entries, 'ascending', page);
  }

  async allEntries(fundId: string): Promise<LedgerEntry[]> {
    return [...(this.entries.get(fundId)?.values() ?? [])]
      .sort((a, b) => (a.entryKey < b.entryKey ? -1 : 1))
      .map((entry) => copy(entry));
  }

  async applyMovement(fundId: string, movement: MovementRequest): Promise<MovementResult> {
    const entryKey = movementKey(movement.type, movement);
    const fundEntries = this.entries.get(fundId) ?? new Map<string, LedgerEntry>();
    const hold =
      movement.type === 'contribution' ? undefined : this.holds.get(holdKey(fundId, movement.caseId));
    const existing = fundEntries.get(entryKey);
    // A retried release, disbursement or reversal finds its entry before the hold it moved.
    if (existing && movement.type !== 'contribution' && movement.type !== 'reservation') {
      return { entry: copy(existing), applied: false };
    }
    const amountCents = movementAmountCents(fundId, movement, hold);
    const entry = copy(ledgerEntryOf(fundId, entryKey, movement, amountCents));
    if (existing) return { entry: copy(retriedMovement(existing, entry)), applied: false };
    const balance = this.balances.get(fundId);
    if (!balance) throw new FundNotFoundError(`fund ${fundId} does not exist`);
    const decreased = Object.entries(MOVEMENT_EFFECTS[movement.type])
      .filter(([, sign]) => sign < 0)
      .map(([bucket]) => bucket as Bucket);
    if (movement.type === 'reservation' && amountCents > balance.ceilingCents) {
      throw new CeilingExceededError(
        `a reservation of ${amountCents} cents exceeds the fund's per-case ceiling of ${balance.ceilingCents} cents`,
      );
    }
    if (decreased.some((bucket) => balance[bucket] < amountCents)) {
      throw new InsufficientFundsError(
        `fund ${fundId} cannot cover ${amountCents} cents for ${entryKey}: ${balance.availableCents} cents available`,
      );
    }
    if (movement.type === 'reservation' && hold) {
      throw new HoldStateError(`case ${movement.caseId} already holds money in fund ${fundId}`);
    }

    this.entries.set(fundId, fundEntries.set(entryKey, copy(entry)));
    this.balances.set(fundId, {
      ...balance,
      ...applyEffect(balance, movement.type, amountCents),
      entryCount: balance.entryCount + 1,
      updatedAt: movement.at,
    });
    if (movement.type !== 'contribution') {
      const { to } = HOLD_TRANSITIONS[movement.type];
      this.holds.set(holdKey(fundId, movement.caseId), {
        fundId,
        caseId: movement.caseId,
        amountCents,
        state: to,
        updatedAt: movement.at,
      });
    }
    return { entry, applied: true };
  }
}
