/**
 * The RCM Reserve Fund (secretariat; the auditor reads it without the form): its four figures,
 * the contribution form, movements by month and by country (each chart beside a table of the same
 * numbers), and the ledger, newest first. The ledger is read whole, following `nextCursor` page by
 * page (a fund holds tens to hundreds of entries), because the charts sum all of it; the ledger
 * table then shows it a page at a time. Chart.js arrives last, by its own dynamic import
 * (bar-chart.tsx), so the figures and tables never wait for it.
 */
import { useState } from 'preact/hooks';
import { DEFAULT_FUND_ID, type FundShape, type LedgerEntryShape } from '../../../../shared/contracts/fund';
import type { Role } from '../../../../shared/roles';
import { api } from '../../api';
import { principal } from '../../auth/session';
import { formatDateTime, formatMoney, formatMonth, formatWholeMoney } from '../../i18n/format';
import { countryName, roleName } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';
import { ErrorNotice, Loading, Page } from '../../ui/common';
import { useResource } from '../../ui/resource';
import { TableWrap } from '../../ui/table-wrap';
import { BarChart } from './bar-chart';
import { ContributionForm } from './contribution-form';
import {
  type CountryMovements,
  disbursedCaseIds,
  LEDGER_ENTRY_KINDS,
  type MonthMovements,
  movementsByCountry,
  movementsByMonth,
} from './movements';

const text = defineMessages({
  en: {
    title: 'RCM Reserve Fund',
    balances: 'Balances',
    capital: 'Capital',
    available: 'Available',
    reserved: 'Reserved',
    disbursed: 'Disbursed',
    ceiling: (amount: string) => `Most one case may receive: ${amount}.`,
    updated: (at: string) => `Last movement: ${at}`,
    byMonth: 'Movements by month',
    byMonthChart:
      'Bar chart of the movements by month; the table “Movements by month” below it has the same numbers.',
    month: 'Month',
    byCountry: 'Contributions and disbursements by country',
    byCountryChart:
      'Bar chart of contributions and disbursements by country; the table “Contributions and disbursements by country” beside it has the same numbers.',
    byCountryNote:
      'Contributions by the contributing country; disbursements by the return country of the case they paid for.',
    country: 'Country',
    contributions: 'Contributions',
    disbursements: 'Disbursements',
    unknownCountry: 'Country not known',
    countriesPending: 'Looking up the cases’ return countries…',
    countriesFailed:
      'The cases’ return countries could not be read; their disbursements show as “Country not known”.',
    noMovements: 'No movements yet.',
    ledger: 'Ledger',
    ledgerIntro: (shown: number, total: number) => `Newest first: ${shown} of ${total} entries.`,
    showMore: 'Show more entries',
    when: 'When',
    type: 'Movement',
    amount: 'Amount',
    case: 'Case',
    reference: 'Reference',
    contributor: 'Contributing country',
    who: 'By',
    system: 'Workflow',
    kinds: {
      contribution: 'Contribution',
      reservation: 'Reservation',
      release: 'Release',
      disbursement: 'Disbursement',
      reversal: 'Reversal',
    },
    kindsPlural: {
      contribution: 'Contributions',
      reservation: 'Reservations',
      release: 'Releases',
      disbursement: 'Disbursements',
      reversal: 'Reversals',
    },
    noFund: 'No fund is configured.',
  },
  es: {
    title: 'Fondo de Reserva de la CRM',
    balances: 'Saldos',
    capital: 'Capital',
    available: 'Disponible',
    reserved: 'Reservado',
    disbursed: 'Desembolsado',
    ceiling: (amount: string) => `Máximo que puede recibir un caso: ${amount}.`,
    updated: (at: string) => `Último movimiento: ${at}`,
    byMonth: 'Movimientos por mes',
    byMonthChart:
      'Gráfico de barras de los movimientos por mes; la tabla «Movimientos por mes» debajo tiene las mismas cifras.',
    month: 'Mes',
    byCountry: 'Contribuciones y desembolsos por país',
    byCountryChart:
      'Gráfico de barras de contribuciones y desembolsos por país; la tabla «Contribuciones y desembolsos por país» a su lado tiene las mismas cifras.',
    byCountryNote:
      'Contribuciones por país contribuyente; desembolsos por el país de retorno del caso que pagaron.',
    country: 'País',
    contributions: 'Contribuciones',
    disbursements: 'Desembolsos',
    unknownCountry: 'País no conocido',
    countriesPending: 'Buscando los países de retorno de los casos…',
    countriesFailed:
      'No se pudieron leer los países de retorno de los casos; sus desembolsos figuran como «País no conocido».',
    noMovements: 'Todavía no hay movimientos.',
    ledger: 'Libro de movimientos',
    ledgerIntro: (shown: number, total: number) =>
      `Los más recientes primero: ${shown} de ${total} movimientos.`,
    showMore: 'Mostrar más movimientos',
    when: 'Fecha',
    type: 'Movimiento',
    amount: 'Monto',
    case: 'Caso',
    reference: 'Referencia',
    contributor: 'País contribuyente',
    who: 'Por',
    system: 'Flujo de trabajo',
    kinds: {
      contribution: 'Contribución',
      reservation: 'Reserva',
      release: 'Liberación',
      disbursement: 'Desembolso',
      reversal: 'Reversión',
    },
    kindsPlural: {
      contribution: 'Contribuciones',
      reservation: 'Reservas',
      release: 'Liberaciones',
      disbursement: 'Desembolsos',
      reversal: 'Reversiones',
    },
    noFund: 'No hay ningún fondo configurado.',
  },
});

/** Ledger rows shown at a time. */
const LEDGER_PAGE = 25;
/** Enough pages for any fund this app serves; a guard against a cursor that never ends. */
const MAX_PAGES = 200;

/** Colours of the movements, distinct and dark enough on white (and kept in the legend). */
const KIND_COLOUR = {
  contribution: '#1b6e3a',
  reservation: '#8a5300',
  release: '#4a6fa5',
  disbursement: '#6b2323',
  reversal: '#6a4c93',
} as const;

/** The configured fund (the RCM Reserve Fund unless a deployment names another). */
async function loadFund(): Promise<FundShape | undefined> {
  const { items } = await api.funds.list();
  return items.find((fund) => fund.fundId === DEFAULT_FUND_ID) ?? items[0];
}

/** Every ledger entry, oldest first, following `nextCursor` until the last page. */
async function loadLedger(fundId: string): Promise<LedgerEntryShape[]> {
  const entries: LedgerEntryShape[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.funds.ledger(fundId, { limit: 100, cursor });
    entries.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return entries;
}

/**
 * The return country of each case the ledger disbursed to, from the case list (a summary carries
 * `returnCountry`; reading each case would be an audited read of the person's file, which a chart
 * has no need of). Pages until every case is found or the list ends.
 */
async function loadReturnCountries(caseIds: ReadonlySet<string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (caseIds.size === 0) return found;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES && found.size < caseIds.size; page++) {
    const answer = await api.cases.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const item of answer.items) if (caseIds.has(item.caseId)) found.set(item.caseId, item.returnCountry);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return found;
}

function Figures(props: { fund: FundShape }) {
  const t = text();
  const { fund } = props;
  const figures = [
    ['capital', t.capital, fund.capital],
    ['available', t.available, fund.available],
    ['reserved', t.reserved, fund.reserved],
    ['disbursed', t.disbursed, fund.disbursed],
  ] as const;
  return (
    <section aria-labelledby="balances-heading">
      <h2 id="balances-heading" class="visually-hidden">
        {t.balances}
      </h2>
      <dl class="fund-figures">
        {figures.map(([key, label, amount]) => (
          <div key={key} class="fund-figure" data-figure={key}>
            <dt>{label}</dt>
            <dd>{formatMoney(amount)}</dd>
          </div>
        ))}
      </dl>
      <p class="fund-notes">
        {t.ceiling(formatMoney(fund.ceiling))} {t.updated(formatDateTime(fund.updatedAt))}
      </p>
    </section>
  );
}

function MonthTable(props: { rows: readonly MonthMovements[] }) {
  const t = text();
  return (
    <TableWrap label={t.byMonth}>
      <table data-table="by-month" class="fb-table">
        <caption>{t.byMonth}</caption>
        <thead>
          <tr>
            <th scope="col">{t.month}</th>
            {LEDGER_ENTRY_KINDS.map((kind) => (
              <th key={kind} scope="col" class="number">
                {t.kindsPlural[kind]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.month} data-month={row.month}>
              <th scope="row">{formatMonth(row.month, 'short')}</th>
              {LEDGER_ENTRY_KINDS.map((kind) => (
                <td key={kind} class="number" data-kind={kind}>
                  {formatMoney(row[kind])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function CountryTable(props: { rows: readonly CountryMovements[] }) {
  const t = text();
  return (
    <TableWrap label={t.byCountry}>
      <table data-table="by-country" class="fb-table">
        <caption>{t.byCountry}</caption>
        <thead>
          <tr>
            <th scope="col">{t.country}</th>
            <th scope="col" class="number">
              {t.contributions}
            </th>
            <th scope="col" class="number">
              {t.disbursements}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.country} data-country={row.country}>
              <th scope="row">{row.country ? countryName(row.country) : t.unknownCountry}</th>
              <td class="number" data-kind="contributions">
                {formatMoney(row.contributions)}
              </td>
              <td class="number" data-kind="disbursements">
                {formatMoney(row.disbursements)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Charts(props: { entries: readonly LedgerEntryShape[] }) {
  const t = text();
  const { entries } = props;
  const caseIds = disbursedCaseIds(entries);
  const countries = useResource(() => loadReturnCountries(caseIds), [[...caseIds].join(',')]);
  const months = movementsByMonth(entries);
  const byCountry = movementsByCountry(entries, (caseId) => countries.data?.get(caseId));
  if (entries.length === 0) return <p>{t.noMovements}</p>;
  return (
    <>
      <section aria-labelledby="by-month-heading" class="chart-section">
        <h2 id="by-month-heading">{t.byMonth}</h2>
        {/* Five columns of money need the page's width: the table goes under its chart. */}
        <div class="chart-and-table stacked">
          <BarChart
            name="by-month"
            label={t.byMonthChart}
            data={{
              labels: months.map((row) => formatMonth(row.month, 'short')),
              series: LEDGER_ENTRY_KINDS.map((kind) => ({
                label: t.kindsPlural[kind],
                values: months.map((row) => row[kind]),
                color: KIND_COLOUR[kind],
              })),
              format: formatMoney,
              axisFormat: formatWholeMoney,
            }}
          />
          <MonthTable rows={months} />
        </div>
      </section>
      <section aria-labelledby="by-country-heading" class="chart-section">
        <h2 id="by-country-heading">{t.byCountry}</h2>
        <p>{t.byCountryNote}</p>
        {countries.loading ? <Loading /> : null}
        {countries.error ? <p class="notice">{t.countriesFailed}</p> : null}
        {countries.loading ? null : (
          <div class="chart-and-table">
            <BarChart
              name="by-country"
              label={t.byCountryChart}
              data={{
                labels: byCountry.map((row) => (row.country ? countryName(row.country) : t.unknownCountry)),
                series: [
                  {
                    label: t.contributions,
                    values: byCountry.map((row) => row.contributions),
                    color: KIND_COLOUR.contribution,
                  },
                  {
                    label: t.disbursements,
                    values: byCountry.map((row) => row.disbursements),
                    color: KIND_COLOUR.disbursement,
                  },
                ],
                format: formatMoney,
                axisFormat: formatWholeMoney,
              }}
            />
            <CountryTable rows={byCountry} />
          </div>
        )}
      </section>
    </>
  );
}

function Ledger(props: { entries: readonly LedgerEntryShape[] }) {
  const t = text();
  const [shown, setShown] = useState(LEDGER_PAGE);
  const newestFirst = [...props.entries].reverse();
  const rows = newestFirst.slice(0, shown);
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">{t.ledger}</h2>
      <p>{t.ledgerIntro(rows.length, newestFirst.length)}</p>
      <TableWrap label={t.ledger}>
        <table data-table="ledger" class="fb-table">
          <thead>
            <tr>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.type}</th>
              <th scope="col" class="number">
                {t.amount}
              </th>
              <th scope="col">{t.case}</th>
              <th scope="col">{t.reference}</th>
              <th scope="col">{t.contributor}</th>
              <th scope="col">{t.who}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => (
              <tr key={entry.entryKey} data-entry={entry.entryKey}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{t.kinds[entry.type]}</td>
                <td class="number">{formatMoney(entry.amount)}</td>
                <td>
                  {entry.caseId ? (
                    <a href={`/cases/${encodeURIComponent(entry.caseId)}`}>{entry.caseId}</a>
                  ) : (
                    ''
                  )}
                </td>
                <td>{entry.reference ?? ''}</td>
                <td>{entry.country ? countryName(entry.country) : ''}</td>
                <td>
                  {entry.actor && entry.actor.role !== 'system'
                    ? `${entry.actor.username} (${roleName(entry.actor.role as Role)})`
                    : t.system}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {rows.length < newestFirst.length ? (
        <button type="button" class="secondary" onClick={() => setShown((n) => n + LEDGER_PAGE)}>
          {t.showMore}
        </button>
      ) : null}
    </section>
  );
}

export default function FundScreen() {
  const t = text();
  const mayContribute = principal.value?.role === 'secretariat';
  const fund = useResource(loadFund, []);
  const fundId = fund.data?.fundId;
  const ledger = useResource(() => (fundId ? loadLedger(fundId) : Promise.resolve([])), [fundId]);
  const refresh = () => {
    fund.reload();
    ledger.reload();
  };
  return (
    <Page title={t.title}>
      {fund.error ? <ErrorNotice error={fund.error} onRetry={fund.reload} /> : null}
      {fund.data === undefined && fund.loading ? <Loading /> : null}
      {fund.data === undefined && !fund.loading && !fund.error ? <p class="notice">{t.noFund}</p> : null}
      {fund.data ? (
        <>
          <Figures fund={fund.data} />
          {mayContribute ? (
            <ContributionForm fundId={fund.data.fundId} ledger={ledger.data ?? []} onRecorded={refresh} />
          ) : null}
          {ledger.error ? <ErrorNotice error={ledger.error} onRetry={ledger.reload} /> : null}
          {ledger.data === undefined && ledger.loading ? <Loading /> : null}
          {ledger.data ? (
            <>
              <Charts entries={ledger.data} />
              <Ledger entries={ledger.data} />
            </>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
