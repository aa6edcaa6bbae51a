/** Dates, times and money, formatted by Intl for the interface's language. */
import { formatUsd } from '../../../shared/contracts/money';
import { LOCALE, language } from './language';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>(
  key: string,
  make: () => T,
): T {
  const full = `${language.value}:${key}`;
  let format = cache.get(full) as T | undefined;
  if (!format) {
    format = make();
    cache.set(full, format);
  }
  return format;
}

/** A calendar date (`2026-12-01`), shown as that day wherever the reader is. */
export function formatDate(isoDate: string | undefined): string {
  if (!isoDate) return '';
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  return cached(
    'date',
    () => new Intl.DateTimeFormat(LOCALE[language.value], { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(date);
}

/** An instant (`2026-12-01T14:03:00Z`), in the reader's time zone. */
export function formatDateTime(isoInstant: string | undefined): string {
  if (!isoInstant) return '';
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) return isoInstant;
  return cached(
    'datetime',
    () => new Intl.DateTimeFormat(LOCALE[language.value], { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(date);
}

/** US dollars, as the fund keeps them, written as the server writes them (shared/contracts/money.ts). */
export function formatMoney(usd: number | undefined): string {
  return usd === undefined ? '' : formatUsd(usd, language.value);
}

/** Whole US dollars, for a chart's axis: `USD 60,000` / `$60,000`. */
export function formatWholeMoney(usd: number): string {
  return cached(
    'usd-whole',
    () =>
      new Intl.NumberFormat(LOCALE[language.value], {
        style: 'currency',
        currency: 'USD',
        maximumFractionDigits: 0,
      }),
  ).format(usd);
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return cached(
    `n${fractionDigits}`,
    () => new Intl.NumberFormat(LOCALE[language.value], { maximumFractionDigits: fractionDigits }),
  ).format(value);
}

export function formatPercent(share: number): string {
  return cached(
    'pct',
    () => new Intl.NumberFormat(LOCALE[language.value], { style: 'percent', maximumFractionDigits: 1 }),
  ).format(share);
}

/** A month written `2024-05`, as "May 2024" / "mayo de 2024" (`short`: "May 2024" / "may 2024"). */
export function formatMonth(month: string, style: 'long' | 'short' = 'long'): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return cached(
    `month-${style}`,
    () => new Intl.DateTimeFormat(LOCALE[language.value], { month: style, year: 'numeric', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(year, m - 1, 1)));
}

/**
 * A language as the reader names it: `es` → "español" / "Spanish" by `Intl.DisplayNames`; what is
 * not a language code (a language typed in words, "garífuna") is shown as typed.
 */
export function formatLanguage(typed: string | undefined): string | undefined {
  if (!typed) return typed;
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(typed.trim())) return typed;
  try {
    const names = cached(
      'language-names',
      () => new Intl.DisplayNames(LOCALE[language.value], { type: 'language' }),
    );
    return names.of(typed.trim()) ?? typed;
  } catch {
    return typed;
  }
}
