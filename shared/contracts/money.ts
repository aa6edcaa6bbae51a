/**
 * US dollar amounts. The fund is kept in USD (docs/domain.md) and every amount a person types is checked
 * here: finite, not negative, at most two decimals. Sums go through integer cents because
 * 0.1 + 0.2 !== 0.3 in floating point, and a ledger must add up to the cent.
 */
import * as z from 'zod';
import { type Language, LOCALES } from '../locales';

/** Upper bound on any single amount: far above any case or contribution, and safe in integer cents. */
export const MAX_USD = 1_000_000_000;

/**
 * True when the amount has at most two decimals (whole cents): dividing the rounded cents back
 * must give the very same double. 12.34 passes; 12.345, 10.000000001 and 0.1 + 0.2 do not, so
 * over-precise input is refused rather than silently rounded. Arithmetic is done in cents.
 */
export function hasWholeCents(amount: number): boolean {
  if (!Number.isFinite(amount)) return false;
  return Math.round(amount * 100) / 100 === amount;
}

/** Converts USD to integer cents. Throws on amounts that are not whole cents, so errors never hide. */
export function toCents(amount: number): number {
  if (!hasWholeCents(amount)) throw new RangeError(`amount ${amount} is not a whole number of cents`);
  return Math.round(amount * 100);
}

/** Converts integer cents back to USD. */
export function fromCents(cents: number): number {
  return cents / 100;
}

/** Sums USD amounts exactly (in integer cents) and answers in USD: sumUsd([0.1, 0.2]) === 0.3. */
export function sumUsd(amounts: Iterable<number>): number {
  let cents = 0;
  for (const amount of amounts) cents += toCents(amount);
  return fromCents(cents);
}

// Made on first use: the first Intl.NumberFormat loads ICU's locale data (about 12 ms), which
// a handler that never writes an amount should not pay at cold start.
const usdFormats: Partial<Record<Language, Intl.NumberFormat>> = {};

/**
 * The one way amounts are written for people (timeline, eligibility reasons, emails, the web
 * app): US dollars by `Intl` in the reader's locale, `USD 1,234.50` in Spanish (es-419) and
 * `$1,234.50` in English (en-US). Always two decimals, so a sum reads to the cent.
 */
export function formatUsd(amountUsd: number, language: Language): string {
  usdFormats[language] ??= new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'USD' });
  return usdFormats[language].format(amountUsd);
}

/** A non-negative USD amount with at most two decimals, e.g. 350 or 12.5. */
export const usdAmountSchema = /* @__PURE__ */ (() =>
  z
    // z.number() already refuses NaN and ±Infinity, so "finite" needs no rule of its own.
    .number({ error: 'must be a number of US dollars' })
    .refine((amount) => amount >= 0, {
      message: 'must not be negative',
      params: { rule: 'non_negative' },
      abort: true,
    })
    .refine((amount) => amount <= MAX_USD, {
      message: `must be at most ${MAX_USD} USD`,
      params: { rule: 'max_amount' },
    })
    .refine(hasWholeCents, {
      message: 'must have at most 2 decimals (whole cents)',
      params: { rule: 'money_precision' },
    })
    .meta({
      description: 'Amount in US dollars, at most 2 decimals.',
      example: 250,
      minimum: 0,
      multipleOf: 0.01,
    }))();

/** A strictly positive USD amount (a contribution of 0 means nothing). */
export const positiveUsdAmountSchema = /* @__PURE__ */ (() =>
  usdAmountSchema
    .refine((amount) => amount > 0, { message: 'must be greater than 0', params: { rule: 'positive' } })
    .meta({
      description: 'Positive amount in US dollars, at most 2 decimals.',
      example: 5000,
      exclusiveMinimum: 0,
    }))();
