/**
 * `/statistics` (Secretariat, auditor): the figures of `GET /api/statistics` as tables, each with
 * its caption and its definition beneath, the filters (period and country) kept in the address,
 * and a CSV download drawn from the same tables.
 */

import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type StatisticsQuery, statisticsQuerySchema } from '../../../../shared/contracts/statistics';
import { RCM_COUNTRY_CODES } from '../../../../shared/countries';
import { ApiError, api } from '../../api';
import { ErrorSummary, fieldId, SelectField } from '../../forms/fields';
import { type FieldIssue, issueMessage, validate } from '../../forms/validation';
import { formatMonth } from '../../i18n/format';
import { countryName } from '../../i18n/labels';
import { ErrorNotice, Loading, Page } from '../../ui/common';
import { useResource } from '../../ui/resource';
import { TableWrap } from '../../ui/table-wrap';
import { downloadCsv, statisticsCsv } from './statistics-csv';
import { formatCell, type StatisticsTable, statisticsTables } from './statistics-tables';
import { text } from './statistics-text';

type Filters = { from: string; to: string; country: string };
const FILTERS = ['from', 'to', 'country'] as const;

/** The filters as the query carries them: only those given. */
function queryOf(filters: Partial<Filters>): Record<string, string> {
  return Object.fromEntries(FILTERS.flatMap((key) => (filters[key] ? [[key, filters[key]]] : [])));
}

function MonthField(props: {
  name: 'from' | 'to';
  label: string;
  value: string;
  issue: FieldIssue | undefined;
  onInput: (value: string) => void;
}) {
  const id = fieldId(props.name);
  const hint = `${id}-hint`;
  const error = `${id}-error`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type="month"
        value={props.value}
        placeholder="YYYY-MM"
        aria-invalid={props.issue ? 'true' : undefined}
        aria-describedby={props.issue ? `${hint} ${error}` : hint}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      <small id={hint}>{text().monthHint}</small>
      {props.issue ? (
        <small id={error} class="field-error">
          {issueMessage(props.issue)}
        </small>
      ) : null}
    </div>
  );
}

function FilterForm(props: { asked: Partial<Filters>; apiIssues: readonly FieldIssue[] }) {
  const t = text();
  const { route } = useLocation();
  const [filters, setFilters] = useState<Filters>({ from: '', to: '', country: '', ...props.asked });
  const [issues, setIssues] = useState<readonly FieldIssue[]>([]);
  useEffect(
    () => setFilters({ from: '', to: '', country: '', ...props.asked }),
    [JSON.stringify(props.asked)],
  );
  const shown = issues.length > 0 ? issues : props.apiIssues;
  const issueOf = (path: string) => shown.find((issue) => issue.path === path);
  const set = (key: keyof Filters) => (value: string) =>
    setFilters((current) => ({ ...current, [key]: value }));
  const labelOf = (path: string) => (path === 'from' ? t.from : path === 'to' ? t.to : t.country);

  function submit(event: Event) {
    event.preventDefault();
    const query = queryOf(filters);
    const checked = validate(statisticsQuerySchema, query);
    if (!checked.ok) {
      setIssues(checked.issues);
      return;
    }
    setIssues([]);
    const search = new URLSearchParams(query).toString();
    route(search ? `/statistics?${search}` : '/statistics');
  }

  return (
    <form class="statistics-filters" aria-label={t.filters} onSubmit={submit} noValidate>
      <ErrorSummary issues={shown} labelOf={labelOf} />
      <div class="statistics-filter-fields">
        <MonthField
          name="from"
          label={t.from}
          value={filters.from}
          issue={issueOf('from')}
          onInput={set('from')}
        />
        <MonthField name="to" label={t.to} value={filters.to} issue={issueOf('to')} onInput={set('to')} />
        <SelectField
          name="country"
          label={t.country}
          value={filters.country}
          issue={issueOf('country')}
          onChange={set('country')}
          placeholder={t.allCountries}
          options={RCM_COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code) }))}
        />
      </div>
      <div class="statistics-filter-actions">
        <button type="submit">{t.show}</button>
        <a href="/statistics" class="statistics-clear">
          {t.clear}
        </a>
      </div>
    </form>
  );
}

function Table(props: { table: StatisticsTable }) {
  const { table } = props;
  const definition = `statistics-${table.id}-definition`;
  return (
    <div class="statistics-table" id={`statistics-${table.id}`}>
      <TableWrap label={table.caption}>
        <table class="striped" aria-describedby={definition}>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{table.rowHeading}</th>
              {table.columns.map((column) => (
                <th key={column} scope="col" class="number">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, index) => (
                  <td key={table.columns[index]} class="number">
                    {cell.href ? <a href={cell.href}>{formatCell(cell)}</a> : formatCell(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p id={definition} class="statistics-definition">
        {table.definition}
      </p>
    </div>
  );
}

function cohortLine(query: StatisticsQuery): string {
  const t = text();
  const period =
    query.from && query.to
      ? t.periodBetween(formatMonth(query.from), formatMonth(query.to))
      : query.from
        ? t.periodFrom(formatMonth(query.from))
        : query.to
          ? t.periodTo(formatMonth(query.to))
          : t.anyPeriod;
  return t.cohort(period, query.country ? t.concerning(countryName(query.country)) : t.everyCountry);
}

export default function StatisticsScreen() {
  const t = text();
  const { query } = useLocation();
  const asked = queryOf(query as Partial<Filters>);
  const key = JSON.stringify(asked);
  const stats = useResource(() => api.statistics(asked), [key]);
  const apiIssues = stats.error instanceof ApiError && stats.error.status === 400 ? stats.error.issues : [];
  const tables = stats.data && !stats.loading ? statisticsTables(stats.data) : undefined;

  function download() {
    if (!tables) return;
    const c = t.csv;
    downloadCsv(statisticsCsv(tables, [c.table, c.row, c.column, c.value]), `${t.csvName}.csv`);
  }

  return (
    <Page
      title={t.title}
      actions={
        <button type="button" class="secondary" onClick={download} disabled={!tables}>
          {t.download}
        </button>
      }
    >
      <FilterForm asked={asked} apiIssues={apiIssues} />
      {stats.loading ? <Loading /> : null}
      {stats.error && apiIssues.length === 0 ? (
        <ErrorNotice error={stats.error} onRetry={stats.reload} />
      ) : null}
      {tables && stats.data ? (
        <div class="statistics-results">
          <p class="statistics-cohort" role="status">
            {cohortLine(stats.data.query)}
          </p>
          <p class="statistics-note">{t.note}</p>
          {(['cases', 'times', 'reintegration'] as const).map((group) => (
            <section key={group} aria-labelledby={`statistics-group-${group}`}>
              <h2 id={`statistics-group-${group}`}>{t.groups[group]}</h2>
              {tables
                .filter((table) => table.group === group)
                .map((table) => (
                  <Table key={table.id} table={table} />
                ))}
            </section>
          ))}
        </div>
      ) : null}
    </Page>
  );
}
