/**
 * The Reserve Fund ledger in memory, with the DynamoDB adapter's semantics: a movement writes its
 * entry (once per cause), the balance change (nothing below zero, no reservation above the
 * ceiling) and the hold change (guarded on its state) together or not at all, and a retry answers
 * the original entry. The checks and writes of one movement run without an await in between.
 */

import {
  CeilingExceededError,
  FundNotFoundError,
  HoldNotFoundError,
  HoldStateError,
  InsufficientFundsError,
  MovementConflictError,
} from '../../fund/fund-errors';
import {
  applyEffect,
  type Bucket,
  HOLD_TRANSITIONS,
  MOVEMENT_EFFECTS,
  movementKey,
} from '../../fund/movement';
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
    const balance: FundBalance = {
      fundId: fund.fundId,
      currency: fund.currency,
      ceilingCents: fund.ceilingCents,
      capitalCents: 0,
      availableCents: 0,
      reservedCents: 0,
      disbursedCents: 0,
      entryCount: 0,
      createdAt: fund.at,
      updatedAt: fund.at,
    };
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
    let amountCents: number;
    if (movement.type === 'contribution' || movement.type === 'reservation') {
      if (!Number.isSafeInteger(movement.amountCents) || movement.amountCents <= 0) {
        throw new RangeError(`a ${movement.type} needs a positive whole number of cents`);
      }
      amountCents = movement.amountCents;
    } else {
      // Release, disbursement and reversal move the case's whole hold.
      const existing = fundEntries.get(entryKey);
      if (existing) return { entry: copy(existing), applied: false };
      if (!hold) throw new HoldNotFoundError(`case ${movement.caseId} holds no money in fund ${fundId}`);
      const { from } = HOLD_TRANSITIONS[movement.type];
      if (hold.state !== from) {
        throw new HoldStateError(
          `cannot ${movement.type === 'disbursement' ? 'disburse' : movement.type} the hold of case ${movement.caseId}: it is ${hold.state}, not ${from}`,
        );
      }
      amountCents = hold.amountCents;
    }
    const entry: LedgerEntry = {
      fundId,
      entryKey,
      type: movement.type,
      amountCents,
      ...(movement.type === 'contribution'
        ? { reference: movement.reference, ...(movement.country ? { country: movement.country } : {}) }
        : { caseId: movement.caseId }),
      ...(movement.actor ? { actor: copy(movement.actor) } : {}),
      at: movement.at,
    };

    const existing = fundEntries.get(entryKey);
    if (existing) {
      const same =
        existing.type === entry.type &&
        existing.amountCents === entry.amountCents &&
        existing.caseId === entry.caseId &&
        existing.country === entry.country;
      if (!same) {
        throw new MovementConflictError(
          `movement ${entryKey} was already recorded with other data (amount ${existing.amountCents} cents)`,
        );
      }
      return { entry: copy(existing), applied: false };
    }
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
