/**
 * The answer of `GET /api/statistics` as the tables the page shows, in the reader's language. The
 * page and the CSV download are both drawn from these tables, so they hold the same numbers.
 */
import type { Statistics } from '../../../../shared/contracts/statistics';
import { formatMonth, formatNumber, formatPercent } from '../../i18n/format';
import { countryName, statusName, vulnerabilityName } from '../../i18n/labels';
import { text } from './statistics-text';

export type CellKind = 'count' | 'share' | 'days';

export interface Cell {
  readonly kind: CellKind;
  /** Absent when there is nothing to divide by, or nothing was measured. */
  readonly value: number | undefined;
  /** The filtered case list this count stands for. */
  readonly href?: string;
}

export interface StatisticsTable {
  readonly id: string;
  readonly group: 'cases' | 'times' | 'reintegration';
  readonly caption: string;
  readonly definition: string;
  /** The first column's heading (the rows' names). */
  readonly rowHeading: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<{ readonly label: string; readonly cells: readonly Cell[] }>;
}

const count = (value: number, href?: string): Cell => ({ kind: 'count', value, ...(href ? { href } : {}) });
const share = (value: number | undefined): Cell => ({ kind: 'share', value });
const days = (value: number | undefined): Cell => ({ kind: 'days', value });

/** A cell as the page shows it: counts whole, shares as percentages, days to one decimal. */
export function formatCell(cell: Cell): string {
  if (cell.value === undefined) return text().notApplicable;
  if (cell.kind === 'share') return formatPercent(cell.value);
  if (cell.kind === 'days') return formatNumber(cell.value, 1);
  return formatNumber(cell.value);
}

/** The list of the cases in this status (and country), when the figures have no period. */
function caseListLink(stats: Statistics, status: string): string | undefined {
  if (stats.query.from || stats.query.to) return undefined;
  const query = new URLSearchParams({
    status,
    ...(stats.query.country ? { country: stats.query.country } : {}),
  });
  return `/cases?${query.toString()}`;
}

export function statisticsTables(stats: Statistics): StatisticsTable[] {
  const t = text();
  const c = t.columns;
  return [
    {
      id: 'totals',
      group: 'cases',
      ...t.totals,
      rowHeading: c.figure,
      columns: [c.value],
      rows: [
        { label: t.totals.cases, cells: [count(stats.totals.cases)] },
        { label: t.totals.arrived, cells: [count(stats.totals.arrived)] },
        { label: t.totals.repeatReturns, cells: [count(stats.totals.repeatReturns)] },
        { label: t.totals.repeatReturnShare, cells: [share(stats.totals.repeatReturnShare)] },
      ],
    },
    {
      id: 'by-nationality',
      group: 'cases',
      ...t.byNationality,
      rowHeading: c.nationality,
      columns: [c.cases],
      rows: stats.byNationality.map((row) => ({
        label: countryName(row.country),
        cells: [count(row.cases)],
      })),
    },
    {
      id: 'by-host-country',
      group: 'cases',
      ...t.byHostCountry,
      rowHeading: c.country,
      columns: [c.cases],
      rows: stats.byHostCountry.map((row) => ({
        label: countryName(row.country),
        cells: [count(row.cases)],
      })),
    },
    {
      id: 'by-vulnerability',
      group: 'cases',
      ...t.byVulnerability,
      rowHeading: c.vulnerability,
      columns: [c.cases],
      rows: stats.byVulnerability.map((row) => ({
        label: vulnerabilityName(row.vulnerability),
        cells: [count(row.cases)],
      })),
    },
    {
      id: 'by-outcome',
      group: 'cases',
      ...t.byOutcome,
      rowHeading: c.status,
      columns: [c.cases],
      rows: stats.byOutcome.map((row) => ({
        label: statusName(row.status),
        cells: [count(row.cases, row.cases > 0 ? caseListLink(stats, row.status) : undefined)],
      })),
    },
    {
      id: 'by-month',
      group: 'cases',
      ...t.byMonth,
      rowHeading: c.month,
      columns: [c.cases],
      rows: stats.byMonth.map((row) => ({ label: formatMonth(row.month), cells: [count(row.cases)] })),
    },
    {
      id: 'durations',
      group: 'times',
      caption: t.durations.caption,
      definition: t.durations.definition,
      rowHeading: c.step,
      columns: [c.measured, c.meanDays, c.medianDays, c.maxDays],
      rows: stats.durations.map((row) => ({
        label: t.durations[row.measure],
        cells: [count(row.count), days(row.meanDays), days(row.medianDays), days(row.maxDays)],
      })),
    },
    {
      id: 'approvals',
      group: 'times',
      caption: t.approvals.caption,
      definition: t.approvals.definition,
      rowHeading: c.approver,
      columns: [c.decided, c.approved, c.rejected, c.approvalRate, c.rejectionRate],
      rows: stats.approvals.map((row) => ({
        label: row.country ? countryName(row.country) : t.approvals.secretariat,
        cells: [
          count(row.decided),
          count(row.approved),
          count(row.rejected),
          share(row.approvalRate),
          share(row.rejectionRate),
        ],
      })),
    },
    {
      id: 'arrivals',
      group: 'reintegration',
      ...t.arrivals,
      rowHeading: c.country,
      columns: [c.cases, c.arrived],
      rows: stats.arrivals.map((row) => ({
        label: countryName(row.country),
        cells: [count(row.cases), count(row.arrived)],
      })),
    },
    {
      id: 'check-ins',
      group: 'reintegration',
      caption: t.checkIns.caption,
      definition: t.checkIns.definition,
      rowHeading: c.day,
      columns: [c.due, c.completed, c.missed, c.contactMade, c.contactShare, c.intends, c.intentionShare],
      rows: stats.checkIns.map((row) => ({
        label: t.checkIns.day(row.dayAfterArrival),
        cells: [
          count(row.due),
          count(row.completed),
          count(row.missed),
          count(row.contactMade),
          share(row.contactShare),
          count(row.intendsToMigrateAgain),
          share(row.intentionShare),
        ],
      })),
    },
    {
      id: 'repeat-returns',
      group: 'reintegration',
      ...t.repeatReturns,
      rowHeading: c.nationality,
      columns: [c.cases, c.repeatReturns, c.share],
      rows: stats.repeatReturns.map((row) => ({
        label: countryName(row.country),
        cells: [count(row.cases), count(row.repeatReturns), share(row.share)],
      })),
    },
  ];
}
