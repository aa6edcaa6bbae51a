/**
 * `/cases`: the cases the signed-in user may see (the API decides whose: a consulate's own, an
 * authority's consented ones, all for the Secretariat and the auditor), filtered by status and
 * country. The filters live in the URL query, so a filtered list is a link
 * (`/cases?status=AWAITING_APPROVALS&country=MX`), and "more" pages on by `nextCursor`. A list item
 * carries no personal data, so no name is shown here.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { CASE_STATUSES, type CaseStatus, type CaseSummary } from '../../../../shared/contracts/case';
import { type CountryCode, isRcmCountry, RCM_COUNTRY_CODES } from '../../../../shared/countries';
import type { Role } from '../../../../shared/roles';
import { api } from '../../api';
import { principal } from '../../auth/session';
import { SelectField } from '../../forms/fields';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format';
import { countryName, routeModeName, statusName } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';
import { ErrorNotice, Loading, Page, StatusBadge } from '../../ui/common';
import { usePagedList } from '../../ui/paged-list';
import { ShowMore } from '../../ui/show-more';
import { TableWrap } from '../../ui/table-wrap';

const text = defineMessages({
  en: {
    myCases: 'My cases',
    cases: 'Cases',
    filters: 'Filters',
    status: 'Status',
    country: 'Country',
    anyStatus: 'Any status',
    anyCountry: 'Any country',
    countryHint: 'Of nationality, location, transit or return.',
    apply: 'Show',
    clear: 'Clear the filters',
    caption: (count: number, more: boolean) =>
      `${count} ${count === 1 ? 'case' : 'cases'}${more ? ' shown, more to load' : ''}`,
    columns: {
      caseId: 'Case',
      status: 'Status',
      nationality: 'Nationality',
      route: 'From → to',
      routeMode: 'Route',
      totalUsd: 'Total',
      submittedAt: 'Submitted',
      updatedAt: 'Updated',
    },
    via: (countries: string) => `via ${countries}`,
    none: 'No cases match.',
    noneAtAll: 'There are no cases to show yet.',
    more: 'Show more',
  },
  es: {
    myCases: 'Mis casos',
    cases: 'Casos',
    filters: 'Filtros',
    status: 'Estado',
    country: 'País',
    anyStatus: 'Cualquier estado',
    anyCountry: 'Cualquier país',
    countryHint: 'De nacionalidad, ubicación, tránsito o retorno.',
    apply: 'Mostrar',
    clear: 'Quitar los filtros',
    caption: (count: number, more: boolean) =>
      `${count} ${count === 1 ? 'caso' : 'casos'}${more ? ' mostrados, hay más por cargar' : ''}`,
    columns: {
      caseId: 'Caso',
      status: 'Estado',
      nationality: 'Nacionalidad',
      route: 'De → a',
      routeMode: 'Ruta',
      totalUsd: 'Total',
      submittedAt: 'Enviado',
      updatedAt: 'Actualizado',
    },
    via: (countries: string) => `por ${countries}`,
    none: 'Ningún caso coincide.',
    noneAtAll: 'Aún no hay casos que mostrar.',
    more: 'Mostrar más',
  },
});

/** The filters as the URL gives them; anything unknown is dropped rather than sent to the API. */
function filtersOf(query: Record<string, string>): { status?: CaseStatus; country?: CountryCode } {
  const status = CASE_STATUSES.find((value) => value === query.status);
  const country = query.country && isRcmCountry(query.country) ? query.country : undefined;
  return { ...(status ? { status } : {}), ...(country ? { country } : {}) };
}

function listUrl(filters: { status?: string; country?: string }): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.country) params.set('country', filters.country);
  const query = params.toString();
  return query ? `/cases?${query}` : '/cases';
}

function Filters(props: { status: string; country: string; byCountry: boolean }) {
  const t = text();
  const { route } = useLocation();
  const [status, setStatus] = useState(props.status);
  const [country, setCountry] = useState(props.country);
  // A link or the back button changes the URL: the form follows it.
  useEffect(() => setStatus(props.status), [props.status]);
  useEffect(() => setCountry(props.country), [props.country]);
  const filtered = Boolean(props.status || props.country);
  return (
    <form
      class="case-filters"
      aria-label={t.filters}
      onSubmit={(event) => {
        event.preventDefault();
        route(listUrl({ status, ...(props.byCountry ? { country } : {}) }));
      }}
    >
      <SelectField
        name="status"
        label={t.status}
        value={status}
        onChange={setStatus}
        placeholder={t.anyStatus}
        options={CASE_STATUSES.map((value) => ({ value, label: statusName(value) }))}
      />
      {props.byCountry ? (
        <SelectField
          name="country"
          label={t.country}
          hint={t.countryHint}
          value={country}
          onChange={setCountry}
          placeholder={t.anyCountry}
          options={RCM_COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code) }))}
        />
      ) : null}
      <div class="filter-actions">
        <button type="submit" class="filter-apply">
          {t.apply}
        </button>
        {filtered ? <a href="/cases">{t.clear}</a> : null}
      </div>
    </form>
  );
}

function CaseRow(props: { item: CaseSummary }) {
  const t = text();
  const item = props.item;
  return (
    <tr>
      <th scope="row">
        <a href={`/cases/${encodeURIComponent(item.caseId)}`}>{item.caseId}</a>
      </th>
      <td>
        <StatusBadge status={item.status} />
      </td>
      <td>{countryName(item.nationality)}</td>
      <td>
        {countryName(item.locationCountry)} → {countryName(item.returnCountry)}
        {item.transitCountries.length > 0 ? (
          <small class="via">{t.via(item.transitCountries.map(countryName).join(', '))}</small>
        ) : null}
      </td>
      <td>{routeModeName(item.routeMode)}</td>
      <td class="number">{formatMoney(item.totalUsd)}</td>
      <td>
        <time dateTime={item.submittedAt}>{formatDate(item.submittedAt)}</time>
      </td>
      <td>
        <time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt)}</time>
      </td>
    </tr>
  );
}

/** The Secretariat, operations and the auditor see every country's cases and may narrow to one. */
const REGIONAL_ROLES: readonly Role[] = ['secretariat', 'operations', 'auditor'];

export default function CaseList() {
  const t = text();
  const { query } = useLocation();
  const who = principal.value;
  const byCountry = who !== undefined && who !== null && REGIONAL_ROLES.includes(who.role);
  const asked = filtersOf(query);
  // A country role sees its own country's cases: its own country narrows nothing; another one is
  // left for the API to refuse, with its reason, rather than silently dropped.
  const filters =
    !byCountry && asked.country === who?.country ? (asked.status ? { status: asked.status } : {}) : asked;
  const key = listUrl(filters);
  // Each page belongs to the filters it was asked for: a late page of older filters is dropped.
  const list = usePagedList((cursor) => api.cases.list({ ...filters, ...(cursor ? { cursor } : {}) }), [key]);
  const consular = who?.role === 'consular';
  const { items, nextCursor } = list;

  const columns = t.columns;
  return (
    <Page title={consular ? t.myCases : t.cases}>
      <Filters status={filters.status ?? ''} country={filters.country ?? ''} byCountry={byCountry} />
      {list.error ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : list.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="notice">{filters.status || filters.country ? t.none : t.noneAtAll}</p>
      ) : (
        <>
          <TableWrap captionId="case-list-caption">
            <table class="case-table">
              <caption id="case-list-caption">{t.caption(items.length, Boolean(nextCursor))}</caption>
              <thead>
                <tr>
                  <th scope="col">{columns.caseId}</th>
                  <th scope="col">{columns.status}</th>
                  <th scope="col">{columns.nationality}</th>
                  <th scope="col">{columns.route}</th>
                  <th scope="col">{columns.routeMode}</th>
                  <th scope="col" class="number">
                    {columns.totalUsd}
                  </th>
                  <th scope="col">{columns.submittedAt}</th>
                  <th scope="col">{columns.updatedAt}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <CaseRow key={item.caseId} item={item} />
                ))}
              </tbody>
            </table>
          </TableWrap>
          <ShowMore list={list} label={t.more} />
        </>
      )}
    </Page>
  );
}
