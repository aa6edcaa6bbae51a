/**
 * The sections of a case page, each showing only what the answer carries: the API cuts the detail
 * to the caller's disclosure profile, so a missing field is one this reader may not see, and its
 * row (or the whole section) is left out rather than shown empty.
 */
import type {
  Approval,
  Booking,
  CaseDetail,
  CheckIn,
  ReintegrationSummary,
  TimelineEntry,
} from '../../../../shared/contracts/case';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../i18n/format';
import {
  approvalRoleName,
  approvalStatusName,
  type CheckInFinding,
  checkInValueName,
  countryName,
  roleName,
  routeModeName,
} from '../../i18n/labels';
import { language } from '../../i18n/language';
import { defineMessages } from '../../i18n/messages';
import { TableWrap } from '../../ui/table-wrap';
import { Facts, yesNo } from './facts';

const text = defineMessages({
  en: {
    timeline: 'Timeline',
    noTimeline: 'Nothing recorded yet.',
    approvals: 'Decisions',
    noApprovals: 'No decision has been asked for yet.',
    approvalsCaption: 'Each approval the case waits on or received',
    approval: {
      approvalRole: 'Role',
      country: 'Country',
      status: 'Decision',
      decidedBy: 'By',
      decidedAt: 'When',
      dueAt: 'Due',
      comment: 'Comment',
    },
    eligibility: 'Eligibility',
    eligibility_: {
      eligible: 'Eligible',
      reasons: 'Why not',
      flags: 'To weigh',
      age: 'Age at submission',
      totalUsd: 'Total requested',
    },
    amounts: 'Amounts',
    amounts_: { requestedUsd: 'Requested', reservedUsd: 'Reserved', disbursedUsd: 'Disbursed' },
    booking: 'Travel booking',
    booking_: {
      status: 'Status',
      bookedBy: 'Booked',
      provider: 'Provider',
      reference: 'Reference',
      departureAt: 'Departure',
      arrivalAt: 'Arrival',
      costUsd: 'Cost',
      escortSeat: 'Escort seat',
      failureReason: 'Why it failed',
      attempt: 'Attempt',
      bookedAt: 'Booked on',
      recordedBy: 'Entered by',
      cancelledAt: 'Cancelled on',
    },
    bookingStatus: { pending: 'Pending', booked: 'Booked', failed: 'Failed', cancelled: 'Cancelled' },
    bookedBy: { provider: 'Through the travel provider', manual: 'By hand, by operations' },
    legs: 'Legs',
    legsCaption: 'The journey, leg by leg',
    leg: {
      from: 'From',
      to: 'To',
      mode: 'Mode',
      carrier: 'Carrier',
      departureAt: 'Departs',
      arrivalAt: 'Arrives',
    },
    checkIns: 'Reintegration check-ins',
    checkInsCaption: 'Check-ins after arrival and what they found',
    checkIn: {
      dayAfterArrival: 'Day',
      dueOn: 'Due',
      status: 'Status',
      contactMade: 'Contact made',
      housing: 'Housing',
      workOrTraining: 'Work or training',
      health: 'Health',
      psychosocialSupport: 'Psychosocial support',
      intendsToMigrateAgain: 'Intends to migrate again',
      notes: 'Notes',
      recorded: 'Recorded',
      findings: 'What was found',
    },
    checkInStatus: {
      scheduled: 'Scheduled',
      open: 'Open',
      completed: 'Completed',
      missed: 'Missed',
      cancelled: 'Cancelled',
    },
    dayN: (day: number) => `Day ${day}`,
    reintegration: 'Reintegration summary',
    reintegration_: {
      checkIns: 'Check-ins',
      completed: 'Completed',
      contactMade: 'With contact made',
      intendsToMigrateAgain: 'Intends to migrate again (last check-in)',
    },
    withdrawal: 'Withdrawal',
    withdrawal_: { reason: 'Reason', at: 'When', by: 'By' },
    failure: 'Failure',
    failure_: { error: 'Error', at: 'When' },
    by: (who: string, role: string) => `${who} (${role})`,
  },
  es: {
    timeline: 'Historial',
    noTimeline: 'Aún no hay nada registrado.',
    approvals: 'Decisiones',
    noApprovals: 'Aún no se ha pedido ninguna decisión.',
    approvalsCaption: 'Cada aprobación que el caso espera o recibió',
    approval: {
      approvalRole: 'Rol',
      country: 'País',
      status: 'Decisión',
      decidedBy: 'Por',
      decidedAt: 'Cuándo',
      dueAt: 'Vence',
      comment: 'Comentario',
    },
    eligibility: 'Elegibilidad',
    eligibility_: {
      eligible: 'Elegible',
      reasons: 'Por qué no',
      flags: 'A considerar',
      age: 'Edad al presentar',
      totalUsd: 'Total solicitado',
    },
    amounts: 'Montos',
    amounts_: { requestedUsd: 'Solicitado', reservedUsd: 'Reservado', disbursedUsd: 'Desembolsado' },
    booking: 'Reserva del viaje',
    booking_: {
      status: 'Estado',
      bookedBy: 'Reservado',
      provider: 'Proveedor',
      reference: 'Referencia',
      departureAt: 'Salida',
      arrivalAt: 'Llegada',
      costUsd: 'Costo',
      escortSeat: 'Asiento de acompañante',
      failureReason: 'Por qué falló',
      attempt: 'Intento',
      bookedAt: 'Reservado el',
      recordedBy: 'Registrado por',
      cancelledAt: 'Cancelado el',
    },
    bookingStatus: { pending: 'Pendiente', booked: 'Reservado', failed: 'Fallido', cancelled: 'Cancelado' },
    bookedBy: { provider: 'Con el proveedor de viajes', manual: 'A mano, por operaciones' },
    legs: 'Tramos',
    legsCaption: 'El viaje, tramo por tramo',
    leg: {
      from: 'Desde',
      to: 'Hasta',
      mode: 'Modo',
      carrier: 'Empresa',
      departureAt: 'Sale',
      arrivalAt: 'Llega',
    },
    checkIns: 'Seguimientos de reintegración',
    checkInsCaption: 'Seguimientos después de la llegada y lo que encontraron',
    checkIn: {
      dayAfterArrival: 'Día',
      dueOn: 'Vence',
      status: 'Estado',
      contactMade: 'Hubo contacto',
      housing: 'Vivienda',
      workOrTraining: 'Trabajo o formación',
      health: 'Salud',
      psychosocialSupport: 'Apoyo psicosocial',
      intendsToMigrateAgain: 'Piensa migrar de nuevo',
      notes: 'Notas',
      recorded: 'Registrado',
      findings: 'Lo que se encontró',
    },
    checkInStatus: {
      scheduled: 'Programado',
      open: 'Abierto',
      completed: 'Completado',
      missed: 'No realizado',
      cancelled: 'Cancelado',
    },
    dayN: (day: number) => `Día ${day}`,
    reintegration: 'Resumen de la reintegración',
    reintegration_: {
      checkIns: 'Seguimientos',
      completed: 'Completados',
      contactMade: 'Con contacto',
      intendsToMigrateAgain: 'Piensa migrar de nuevo (último seguimiento)',
    },
    withdrawal: 'Retiro',
    withdrawal_: { reason: 'Motivo', at: 'Cuándo', by: 'Por' },
    failure: 'Falla',
    failure_: { error: 'Error', at: 'Cuándo' },
    by: (who: string, role: string) => `${who} (${role})`,
  },
});

/** Who did something, as a decision or entry records them: username, role, country. */
export function actorText(actor: CaseDetail['submittedBy'] | undefined): string | undefined {
  if (!actor) return undefined;
  const role =
    actor.role === 'consular' ||
    actor.role === 'authority' ||
    actor.role === 'reintegration' ||
    actor.role === 'secretariat' ||
    actor.role === 'operations' ||
    actor.role === 'auditor'
      ? roleName(actor.role)
      : actor.role;
  return text().by(actor.username, actor.country ? `${role}, ${countryName(actor.country)}` : role);
}

export function When(props: { readonly at: string | undefined; readonly date?: boolean }) {
  if (!props.at) return null;
  return <time dateTime={props.at}>{props.date ? formatDate(props.at) : formatDateTime(props.at)}</time>;
}

/** A section with its `<h2>`, labelled by it. */
function Section(props: { readonly id: string; readonly title: string; readonly children: unknown }) {
  return (
    <section class="case-section" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.children as never}
    </section>
  );
}

export function Timeline(props: { readonly entries: readonly TimelineEntry[] }) {
  const t = text();
  const entries = [...props.entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Section id="case-timeline" title={t.timeline}>
      {entries.length === 0 ? (
        <p>{t.noTimeline}</p>
      ) : (
        <ol class="timeline">
          {entries.map((entry, index) => (
            <li key={`${entry.at}-${entry.event}-${index}`} data-event={entry.event}>
              <When at={entry.at} />
              <span class="sentence">{entry[language.value]}</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function Approvals(props: { readonly approvals: readonly Approval[] }) {
  const t = text();
  const columns = t.approval;
  return (
    <Section id="case-approvals" title={t.approvals}>
      {props.approvals.length === 0 ? (
        <p>{t.noApprovals}</p>
      ) : (
        <TableWrap captionId="case-approvals-caption">
          <table class="approvals wide-table">
            <caption id="case-approvals-caption" class="visually-hidden">
              {t.approvalsCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{columns.approvalRole}</th>
                <th scope="col">{columns.status}</th>
                <th scope="col">{columns.decidedBy}</th>
                <th scope="col">{columns.decidedAt}</th>
                <th scope="col">{columns.comment}</th>
              </tr>
            </thead>
            <tbody>
              {props.approvals.map((approval, index) => (
                <tr
                  key={`${approval.approvalRole}-${approval.country ?? ''}-${index}`}
                  data-approval={`${approval.approvalRole}${approval.country ? `-${approval.country}` : ''}`}
                >
                  <th scope="row">
                    {approvalRoleName(approval.approvalRole)}
                    {approval.country ? `: ${countryName(approval.country)}` : ''}
                  </th>
                  <td>
                    <span class={`badge approval-${approval.status}`}>
                      {approvalStatusName(approval.status)}
                    </span>
                    {approval.status === 'pending' && approval.dueAt ? (
                      <small class="due">
                        {columns.dueAt} <When at={approval.dueAt} />
                      </small>
                    ) : null}
                  </td>
                  <td>{actorText(approval.decidedBy)}</td>
                  <td>
                    <When at={approval.decidedAt} />
                  </td>
                  <td>{approval.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}

export function Eligibility(props: { readonly eligibility: NonNullable<CaseDetail['eligibility']> }) {
  const t = text();
  const e = props.eligibility;
  const lang = language.value;
  const list = (findings: typeof e.reasons) =>
    findings && findings.length > 0 ? (
      <ul>
        {findings.map((finding) => (
          <li key={finding.code}>{finding[lang]}</li>
        ))}
      </ul>
    ) : undefined;
  return (
    <Section id="case-eligibility" title={t.eligibility}>
      <Facts
        facts={[
          [t.eligibility_.eligible, yesNo(e.eligible)],
          [t.eligibility_.reasons, list(e.reasons)],
          [t.eligibility_.flags, list(e.flags)],
          [t.eligibility_.age, e.age === undefined ? undefined : formatNumber(e.age)],
          [t.eligibility_.totalUsd, formatMoney(e.totalUsd)],
        ]}
      />
    </Section>
  );
}

export function Amounts(props: { readonly amounts: CaseDetail['amounts'] }) {
  const t = text();
  const a = props.amounts;
  return (
    <Section id="case-amounts" title={t.amounts}>
      <Facts
        facts={[
          [t.amounts_.requestedUsd, formatMoney(a.requestedUsd)],
          [t.amounts_.reservedUsd, formatMoney(a.reservedUsd)],
          [t.amounts_.disbursedUsd, formatMoney(a.disbursedUsd)],
        ]}
      />
    </Section>
  );
}

function place(where: { country: string; city: string }): string {
  return `${where.city}, ${countryName(where.country)}`;
}

export function BookingSection(props: { readonly booking: Booking }) {
  const t = text();
  const b = props.booking;
  const labels = t.booking_;
  return (
    <Section id="case-booking" title={t.booking}>
      <Facts
        facts={[
          [labels.status, t.bookingStatus[b.status]],
          [labels.bookedBy, t.bookedBy[b.bookedBy]],
          [labels.provider, b.provider],
          [labels.reference, b.reference ? <code>{b.reference}</code> : undefined],
          [labels.departureAt, b.departureAt ? <When at={b.departureAt} /> : undefined],
          [labels.arrivalAt, b.arrivalAt ? <When at={b.arrivalAt} /> : undefined],
          [labels.costUsd, formatMoney(b.costUsd)],
          [labels.escortSeat, yesNo(b.escortSeat)],
          [labels.failureReason, b.failureReason ? <code>{b.failureReason}</code> : undefined],
          [labels.attempt, b.attempt === undefined ? undefined : formatNumber(b.attempt)],
          [labels.bookedAt, b.bookedAt ? <When at={b.bookedAt} /> : undefined],
          [labels.recordedBy, actorText(b.recordedBy)],
          [labels.cancelledAt, b.cancelledAt ? <When at={b.cancelledAt} /> : undefined],
        ]}
      />
      {b.legs && b.legs.length > 0 ? (
        <>
          <h3>{t.legs}</h3>
          <TableWrap captionId="case-legs-caption">
            <table class="wide-table">
              <caption id="case-legs-caption" class="visually-hidden">
                {t.legsCaption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t.leg.from}</th>
                  <th scope="col">{t.leg.to}</th>
                  <th scope="col">{t.leg.mode}</th>
                  <th scope="col">{t.leg.carrier}</th>
                  <th scope="col">{t.leg.departureAt}</th>
                  <th scope="col">{t.leg.arrivalAt}</th>
                </tr>
              </thead>
              <tbody>
                {b.legs.map((leg, index) => (
                  <tr key={`${leg.departureAt}-${index}`}>
                    <th scope="row">{place(leg.from)}</th>
                    <td>{place(leg.to)}</td>
                    <td>{routeModeName(leg.mode)}</td>
                    <td>{leg.carrier}</td>
                    <td>
                      <When at={leg.departureAt} />
                    </td>
                    <td>
                      <When at={leg.arrivalAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </Section>
  );
}

export function CheckIns(props: { readonly checkIns: readonly CheckIn[] }) {
  const t = text();
  const c = t.checkIn;
  return (
    <Section id="case-check-ins" title={t.checkIns}>
      <TableWrap captionId="case-check-ins-caption">
        <table class="check-ins wide-table">
          <caption id="case-check-ins-caption" class="visually-hidden">
            {t.checkInsCaption}
          </caption>
          <thead>
            <tr>
              <th scope="col">{c.dayAfterArrival}</th>
              <th scope="col">{c.status}</th>
              <th scope="col">{c.findings}</th>
              <th scope="col">{c.notes}</th>
              <th scope="col">{c.recorded}</th>
            </tr>
          </thead>
          <tbody>
            {props.checkIns.map((checkIn) => (
              <tr key={checkIn.dayAfterArrival}>
                <th scope="row">
                  {t.dayN(checkIn.dayAfterArrival)}
                  <small class="due">
                    {c.dueOn} <When at={checkIn.dueOn} date />
                  </small>
                </th>
                <td>{t.checkInStatus[checkIn.status]}</td>
                <td>
                  <CheckInFindings checkIn={checkIn} />
                </td>
                <td>{checkIn.notes}</td>
                <td>
                  {actorText(checkIn.recordedBy)} <When at={checkIn.recordedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Section>
  );
}

/**
 * A check-in's findings as a short list of what was asked and answered (one cell, so the table
 * of check-ins fits a desktop's width); nothing for a check-in not yet recorded.
 */
function CheckInFindings(props: { readonly checkIn: CheckIn }) {
  const c = text().checkIn;
  const { checkIn } = props;
  const named = <F extends CheckInFinding>(finding: F, value: string | undefined) =>
    value ? checkInValueName(finding, value) : undefined;
  return (
    <Facts
      class="check-in-findings"
      facts={[
        [c.contactMade, yesNo(checkIn.contactMade)],
        [c.housing, named('housing', checkIn.housing)],
        [c.workOrTraining, named('workOrTraining', checkIn.workOrTraining)],
        [c.health, named('health', checkIn.health)],
        [c.psychosocialSupport, named('psychosocialSupport', checkIn.psychosocialSupport)],
        [c.intendsToMigrateAgain, named('intendsToMigrateAgain', checkIn.intendsToMigrateAgain)],
      ]}
    />
  );
}

export function Reintegration(props: { readonly summary: ReintegrationSummary }) {
  const t = text();
  const s = props.summary;
  const labels = t.reintegration_;
  return (
    <Section id="case-reintegration" title={t.reintegration}>
      <Facts
        facts={[
          [labels.checkIns, formatNumber(s.checkIns)],
          [labels.completed, formatNumber(s.completed)],
          [labels.contactMade, formatNumber(s.contactMade)],
          [
            labels.intendsToMigrateAgain,
            s.intendsToMigrateAgain
              ? checkInValueName('intendsToMigrateAgain', s.intendsToMigrateAgain)
              : undefined,
          ],
        ]}
      />
    </Section>
  );
}

export function Withdrawal(props: { readonly withdrawal: NonNullable<CaseDetail['withdrawal']> }) {
  const t = text();
  const w = props.withdrawal;
  return (
    <Section id="case-withdrawal" title={t.withdrawal}>
      <Facts
        facts={[
          [t.withdrawal_.reason, w.reason],
          [t.withdrawal_.at, <When key="at" at={w.at} />],
          [t.withdrawal_.by, actorText(w.by)],
        ]}
      />
    </Section>
  );
}

export function Failure(props: { readonly failure: NonNullable<CaseDetail['failure']> }) {
  const t = text();
  const f = props.failure;
  return (
    <Section id="case-failure" title={t.failure}>
      <Facts
        facts={[
          [t.failure_.error, <code key="error">{f.error}</code>],
          [t.failure_.at, <When key="at" at={f.at} />],
        ]}
      />
    </Section>
  );
}
