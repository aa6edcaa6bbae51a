/**
 * The fund's ledger summed for the charts and their tables: movements by month and by country.
 * Pure functions of the entries (and of the cases' return countries), summed in integer cents so a
 * table adds up to the cent, as the ledger does (shared/contracts/money.ts).
 */
import type { LedgerEntryKind, LedgerEntryShape } from '../../../../shared/contracts/fund';
import { LEDGER_ENTRY_KINDS } from '../../../../shared/contracts/fund';

export { LEDGER_ENTRY_KINDS };

/** One month's sums in USD, one per kind of movement. `month` is `YYYY-MM` (UTC). */
export type MonthMovements = { readonly month: string } & Readonly<Record<LedgerEntryKind, number>>;

/** One country's contributions and disbursements in USD; `country` is an alpha-2 code, or `''` when unknown. */
export interface CountryMovements {
  readonly country: string;
  readonly contributions: number;
  readonly disbursements: number;
}

const cents = (usd: number): number => Math.round(usd * 100);
const usd = (c: number): number => c / 100;

/** The entries summed per month (UTC) and kind, months oldest first; months without entries are left out. */
export function movementsByMonth(entries: readonly LedgerEntryShape[]): MonthMovements[] {
  const months = new Map<string, Record<LedgerEntryKind, number>>();
  for (const entry of entries) {
    // The UTC month, whatever offset the instant is written with.
    const month = new Date(entry.at).toISOString().slice(0, 7);
    let sums = months.get(month);
    if (!sums) {
      sums = Object.fromEntries(LEDGER_ENTRY_KINDS.map((kind) => [kind, 0])) as Record<
        LedgerEntryKind,
        number
      >;
      months.set(month, sums);
    }
    sums[entry.type] += cents(entry.amount);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, sums]) => {
      const row = { month } as { month: string } & Record<LedgerEntryKind, number>;
      for (const kind of LEDGER_ENTRY_KINDS) row[kind] = usd(sums[kind]);
      return row;
    });
}

/**
 * Contributions by contributing country (the entry's `country`) and disbursements by the return
 * country of the entry's case (`returnCountryOf`; `''` when the case is not known), net of
 * reversals, largest total first. Countries with neither are left out.
 */
export function movementsByCountry(
  entries: readonly LedgerEntryShape[],
  returnCountryOf: (caseId: string) => string | undefined,
): CountryMovements[] {
  const countries = new Map<string, { contributions: number; disbursements: number }>();
  const add = (country: string, field: 'contributions' | 'disbursements', amount: number) => {
    const sums = countries.get(country) ?? { contributions: 0, disbursements: 0 };
    sums[field] += cents(amount);
    countries.set(country, sums);
  };
  for (const entry of entries) {
    if (entry.type === 'contribution') add(entry.country ?? '', 'contributions', entry.amount);
    else if (entry.type === 'disbursement')
      add((entry.caseId && returnCountryOf(entry.caseId)) || '', 'disbursements', entry.amount);
    // A reversal gives a withdrawn case's disbursement back to the fund: net of it, per country.
    else if (entry.type === 'reversal')
      add((entry.caseId && returnCountryOf(entry.caseId)) || '', 'disbursements', -entry.amount);
  }
  return [...countries.entries()]
    .map(([country, sums]) => ({
      country,
      contributions: usd(sums.contributions),
      disbursements: usd(sums.disbursements),
    }))
    .sort(
      (a, b) =>
        b.contributions + b.disbursements - (a.contributions + a.disbursements) ||
        a.country.localeCompare(b.country),
    );
}

/** The case ids the ledger disbursed to, whose return country the country chart needs. */
export function disbursedCaseIds(entries: readonly LedgerEntryShape[]): Set<string> {
  const ids = new Set<string>();
  for (const entry of entries) if (entry.type === 'disbursement' && entry.caseId) ids.add(entry.caseId);
  return ids;
}
