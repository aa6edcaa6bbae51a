/**
 * The case facts a task's assignee acts on, as the API shows the case to them (already cut to
 * their disclosure profile): the route and its countries, the amounts, the eligibility check and
 * its flags, the vulnerabilities and the person's name only where the answer carries them, the
 * approvals so far; and for the travel and return tasks the planned trip, the needs, who receives
 * the person and which check-in this is. Not the case page: a link leads there.
 */
import type { CaseDetail } from '../../../../shared/contracts/case';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format';
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
    earliestDeparture: 'Can travel from',
    departs: 'Planned departure',
    arrives: 'Planned arrival',
    bookingFailed: 'Why the provider could not book',
    needs: 'Needs on the journey',
    need: { escort: 'an escort', medicalEscort: 'a medical escort', wheelchair: 'a wheelchair' },
    noNeeds: 'None recorded',
    returnCity: 'Returns to (city)',
    receivedBy: 'Received by',
    checkIn: 'Check-in',
    checkInDay: (day: number, due: string) => `Day ${day} after arrival (due ${due})`,
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
    earliestDeparture: 'Puede viajar desde',
    departs: 'Salida prevista',
    arrives: 'Llegada prevista',
    bookingFailed: 'Por qué el proveedor no pudo reservar',
    needs: 'Necesidades en el viaje',
    need: { escort: 'escolta', medicalEscort: 'escolta médica', wheelchair: 'silla de ruedas' },
    noNeeds: 'Ninguna registrada',
    returnCity: 'Regresa a (ciudad)',
    receivedBy: 'La recibe',
    checkIn: 'Seguimiento',
    checkInDay: (day: number, due: string) => `Día ${day} después de la llegada (vence el ${due})`,
  },
});

/** The amount a disbursement approval releases: what the fund holds for the case. */
export function amountToDisburse(detail: CaseDetail): number {
  return detail.amounts.reservedUsd > 0 ? detail.amounts.reservedUsd : detail.totalUsd;
}

export function CaseFacts(props: { detail: CaseDetail; taskId?: string }) {
  const t = text();
  const c = props.detail;
  const request = c.request;
  const needs = request?.needs
    ? (['escort', 'medicalEscort', 'wheelchair'] as const).filter((need) => request.needs?.[need])
    : undefined;
  const contact = request?.returnTo?.receivingContact;
  const checkIn = props.taskId ? c.checkIns.find((entry) => entry.taskId === props.taskId) : undefined;
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
        {request?.route?.earliestDeparture ? (
          <div>
            <dt>{t.earliestDeparture}</dt>
            <dd>{formatDate(request.route.earliestDeparture)}</dd>
          </div>
        ) : null}
        {needs ? (
          <div>
            <dt>{t.needs}</dt>
            <dd>{needs.length > 0 ? needs.map((need) => t.need[need]).join(', ') : t.noNeeds}</dd>
          </div>
        ) : null}
        {c.booking?.departureAt ? (
          <div>
            <dt>{t.departs}</dt>
            <dd>{formatDateTime(c.booking.departureAt)}</dd>
          </div>
        ) : null}
        {c.booking?.arrivalAt ? (
          <div>
            <dt>{t.arrives}</dt>
            <dd>{formatDateTime(c.booking.arrivalAt)}</dd>
          </div>
        ) : null}
        {c.booking?.status === 'failed' && c.booking.failureReason ? (
          <div>
            <dt>{t.bookingFailed}</dt>
            <dd>
              <code>{c.booking.failureReason}</code>
            </dd>
          </div>
        ) : null}
        {request?.returnTo?.city ? (
          <div>
            <dt>{t.returnCity}</dt>
            <dd>{request.returnTo.city}</dd>
          </div>
        ) : null}
        {contact?.name ? (
          <div>
            <dt>{t.receivedBy}</dt>
            <dd>
              {contact.name}
              {contact.relationship ? ` (${contact.relationship})` : ''}
              {contact.phone ? `, ${contact.phone}` : ''}
            </dd>
          </div>
        ) : null}
        {checkIn ? (
          <div>
            <dt>{t.checkIn}</dt>
            <dd>{t.checkInDay(checkIn.dayAfterArrival, formatDate(checkIn.dueOn))}</dd>
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
