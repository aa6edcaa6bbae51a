/**
 * Money in integer cents. The API speaks USD numbers with at most two decimals; the ledger adds
 * and compares cents only, because 0.1 + 0.2 !== 0.3 in floating point and a ledger must balance
 * to the cent. Conversions refuse anything that is not a whole number of cents.
 */
import { fromCents, hasWholeCents, toCents } from '../contracts/money';
import { ValidationError } from '../errors';

/** Largest amount the ledger accepts in one movement: far above any fund, exact in doubles. */
export const MAX_MOVEMENT_CENTS = 100_000_000_000;

/** Converts a USD amount (≤ 2 decimals, not negative) to integer cents; ValidationError otherwise. */
export function usdToCents(amount: number, path = 'amount'): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw new ValidationError(`${path} must be a finite number`, [
      { path, rule: 'finite', message: 'must be a finite number of US dollars' },
    ]);
  }
  if (amount < 0) {
    throw new ValidationError(`${path} must not be negative`, [
      { path, rule: 'non_negative', message: 'must not be negative' },
    ]);
  }
  // The same whole-cents rule as the API contracts (shared/contracts/money), so what the API
  // accepts the ledger accepts.
  if (!hasWholeCents(amount)) {
    throw new ValidationError(`${path} must have at most 2 decimals`, [
      { path, rule: 'money_precision', message: 'must have at most 2 decimals (whole cents)' },
    ]);
  }
  const cents = toCents(amount);
  if (cents > MAX_MOVEMENT_CENTS) {
    throw new ValidationError(`${path} is too large`, [
      { path, rule: 'max_amount', message: `must be at most ${MAX_MOVEMENT_CENTS / 100} USD` },
    ]);
  }
  return cents;
}

/** Converts integer cents to a USD number (exact for any whole number of cents we store). */
export function centsToUsd(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${cents} is not a whole number of cents`);
  return fromCents(cents);
}

/** Sums cents, refusing anything that is not a safe integer (a bug upstream, not user input). */
export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a whole number of cents`);
    total += value;
  }
  return total;
}
