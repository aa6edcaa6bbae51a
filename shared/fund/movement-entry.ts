/**
 * What the ledger writes, decided once for every ledger adapter: a new fund's opening balance, how
 * much a movement moves, the entry it records, and whether an entry already recorded under its key
 * is the same movement (a retry, answered with the original) or another one (a conflict).
 */
import type { FundBalance, Hold, LedgerEntry, MovementRequest, NewFund } from '../ports/fund-ledger';
import { HoldNotFoundError, HoldStateError, MovementConflictError } from './fund-errors';
import { HOLD_TRANSITIONS } from './movement';

/** A new fund: every bucket at zero, no entries yet. */
export function openingBalance(fund: NewFund): FundBalance {
  return {
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
}

/**
 * The cents a movement moves: a contribution's or reservation's own amount, or the case's whole
 * hold for a release, disbursement or reversal, which must be in the state that movement starts from.
 * @param hold the case's hold, read by the adapter (unused for a contribution)
 * @throws RangeError (an amount that is not a positive whole number of cents), HoldNotFoundError, HoldStateError
 */
export function movementAmountCents(
  fundId: string,
  movement: MovementRequest,
  hold: Hold | undefined,
): number {
  if (movement.type === 'contribution' || movement.type === 'reservation') {
    if (!Number.isSafeInteger(movement.amountCents) || movement.amountCents <= 0) {
      throw new RangeError(`a ${movement.type} needs a positive whole number of cents`);
    }
    return movement.amountCents;
  }
  if (!hold) throw new HoldNotFoundError(`case ${movement.caseId} holds no money in fund ${fundId}`);
  const { from } = HOLD_TRANSITIONS[movement.type];
  if (hold.state !== from) {
    throw new HoldStateError(
      `cannot ${movement.type === 'disbursement' ? 'disburse' : movement.type} the hold of case ${movement.caseId}: it is ${hold.state}, not ${from}`,
    );
  }
  return hold.amountCents;
}

/** The entry a movement records under its deterministic key. */
export function ledgerEntryOf(
  fundId: string,
  entryKey: string,
  movement: MovementRequest,
  amountCents: number,
): LedgerEntry {
  return {
    fundId,
    entryKey,
    type: movement.type,
    amountCents,
    ...(movement.type === 'contribution'
      ? { reference: movement.reference, ...(movement.country ? { country: movement.country } : {}) }
      : { caseId: movement.caseId }),
    ...(movement.actor ? { actor: movement.actor } : {}),
    at: movement.at,
  };
}

/**
 * The answer to a movement whose key is already recorded: the original entry when it is the same
 * movement (a retry), nothing applied.
 * @throws MovementConflictError when the key was recorded with another type, amount, case or country
 */
export function retriedMovement(existing: LedgerEntry, entry: LedgerEntry): LedgerEntry {
  const same =
    existing.type === entry.type &&
    existing.amountCents === entry.amountCents &&
    existing.caseId === entry.caseId &&
    existing.country === entry.country;
  if (!same) {
    throw new MovementConflictError(
      `movement ${entry.entryKey} was already recorded with other data (amount ${existing.amountCents} cents)`,
    );
  }
  return existing;
}
