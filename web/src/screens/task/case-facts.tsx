/**
 * The case facts an approver decides on, as the API shows the case to them (already cut to their
 * disclosure profile): the route and its countries, the amounts, the eligibility check and its
 * flags, the vulnerabilities and the person's name only where the answer carries them, and the
 * approvals so far. Not the case page: a link leads there.
 */
import type { CaseDetail } from '../../../../shared/contracts/case';
import { formatMoney } from '../../i18n/format';
import {
  approvalRoleName,
  approvalStatusName,
  countryName,
  routeModeName,
  vulnerabilityName,
  yesNo,
} from '../../i18n/labels';
import { language } from '../../i18n/language';
import { defineMessages } from '../../i18n/messages';
import { StatusBadge } from '../../ui/common';

const text = defineMessages({
  en: {
    heading: 'The case',
    name: 'Person',
    child: 'Under 18',
    status: 'Case status',
    nationality: 'Nationality',
    from: 'Leaves from',
    transit: 'Through',
    noTransit: 'No transit country',
    to: 'Returns to',
    mode: 'Route',
    requested: 'Requested',
    reserved: 'Held in the fund',
    eligible: 'Eligibility',
    isEligible: 'Eligible',
    notEligible: 'Not eligible',
    flags: 'For the approvers to weigh',
    vulnerabilities: 'Vulnerabilities',
    approvals: 'Approvals',
    whole: 'Open the case page',
  },
  es: {
    heading: 'El caso',
    name: 'Persona',
    child: 'Menor de 18',
    status: 'Estado del caso',
    nationality: 'Nacionalidad',
    from: 'Sale de',
    transit: 'Pasa por',
    noTransit: 'Sin país de tránsito',
    to: 'Regresa a',
    mode: 'Ruta',
    requested: 'Solicitado',
    reserved: 'Reservado en el fondo',
    eligible: 'Elegibilidad',
    isEligible: 'Elegible',
    notEligible: 'No elegible',
    flags: 'Para que lo consideren quienes aprueban',
    vulnerabilities: 'Vulnerabilidades',
    approvals: 'Aprobaciones',
    whole: 'Abrir la página del caso',
  },
});

/** The amount a disbursement approval releases: what the fund holds for the case. */
export function amountToDisburse(detail: CaseDetail): number {
  return detail.amounts.reservedUsd > 0 ? detail.amounts.reservedUsd : detail.totalUsd;
}

export function CaseFacts(props: { detail: CaseDetail }) {
  const t = text();
  const c = props.detail;
  const findings = [...(c.eligibility?.reasons ?? []), ...(c.eligibility?.flags ?? [])];
  return (
    <section class="case-facts" aria-labelledby="case-facts-title">
      <h2 id="case-facts-title">{t.heading}</h2>
      <dl>
        {c.displayName ? (
          <div>
            <dt>{t.name}</dt>
            <dd>{c.displayName}</dd>
          </div>
        ) : null}
        {c.isChild !== undefined ? (
          <div>
            <dt>{t.child}</dt>
            <dd>{yesNo(c.isChild)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t.status}</dt>
          <dd>
            <StatusBadge status={c.status} />
          </dd>
        </div>
        <div>
          <dt>{t.nationality}</dt>
          <dd>{countryName(c.nationality)}</dd>
        </div>
        <div>
          <dt>{t.from}</dt>
          <dd>{countryName(c.locationCountry)}</dd>
        </div>
        <div>
          <dt>{t.transit}</dt>
          <dd>{c.transitCountries.length ? c.transitCountries.map(countryName).join(', ') : t.noTransit}</dd>
        </div>
        <div>
          <dt>{t.to}</dt>
          <dd>{countryName(c.returnCountry)}</dd>
        </div>
        <div>
          <dt>{t.mode}</dt>
          <dd>{routeModeName(c.routeMode)}</dd>
        </div>
        <div>
          <dt>{t.requested}</dt>
          <dd>{formatMoney(c.amounts.requestedUsd)}</dd>
        </div>
        <div>
          <dt>{t.reserved}</dt>
          <dd>{formatMoney(c.amounts.reservedUsd)}</dd>
        </div>
        {c.eligibility ? (
          <div>
            <dt>{t.eligible}</dt>
            <dd>{c.eligibility.eligible ? t.isEligible : t.notEligible}</dd>
          </div>
        ) : null}
        {c.vulnerabilities && c.vulnerabilities.length > 0 ? (
          <div>
            <dt>{t.vulnerabilities}</dt>
            <dd>{c.vulnerabilities.map(vulnerabilityName).join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      {findings.length > 0 ? (
        <>
          <h3>{t.flags}</h3>
          <ul class="eligibility-findings">
            {findings.map((finding) => (
              <li key={finding.code}>{finding[language.value]}</li>
            ))}
          </ul>
        </>
      ) : null}
      {c.approvals.length > 0 ? (
        <>
          <h3>{t.approvals}</h3>
          <ul class="approvals">
            {c.approvals.map((approval) => (
              <li key={`${approval.approvalRole}:${approval.country ?? ''}`}>
                {approvalRoleName(approval.approvalRole)}
                {approval.country ? ` (${countryName(approval.country)})` : ''}:{' '}
                {approvalStatusName(approval.status)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={`/cases/${encodeURIComponent(c.caseId)}`}>{t.whole}</a>
      </p>
    </section>
  );
}
