/**
 * `/cases/:caseId`: one case as the API answers it to this caller, cut to their disclosure profile
 * (`detail.disclosure`), so the page shows what the answer carries and never asks for more. The
 * workflow's progress, the timeline in the reader's language, every decision, the money, the
 * travel and the follow-up; the consulate may withdraw while the case allows it, and the
 * Secretariat and the auditor find the case's audit log. A case the caller may not see answers
 * 404 and the page shows that alone.
 */
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import {
  type CaseDetail,
  type DisclosureProfile,
  WITHDRAWABLE_CASE_STATUSES,
} from '../../../../shared/contracts/case';
import { api } from '../../api';
import { principal } from '../../auth/session';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format';
import { countryName, routeModeName, statusName, vulnerabilityName } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';
import { ErrorNotice, Loading, Page, StatusBadge } from '../../ui/common';
import { useResource } from '../../ui/resource';
import {
  Amounts,
  Approvals,
  actorText,
  BookingSection,
  CheckIns,
  Eligibility,
  Failure,
  Reintegration,
  Timeline,
  Withdrawal,
} from './case-sections';
import { Facts, yesNo } from './facts';
import { RequestDetails } from './request-details';
import { WithdrawCase } from './withdraw-case';
import { WorkflowStepper } from './workflow-stepper';

const text = defineMessages({
  en: {
    title: (caseId: string) => `Case ${caseId}`,
    summary: 'Summary',
    nationality: 'Nationality',
    route: 'From → to',
    transit: 'Through',
    routeMode: 'Route',
    totalUsd: 'Total',
    isChild: 'Child (under 18)',
    vulnerabilities: 'Vulnerabilities',
    submittedAt: 'Submitted',
    submittedBy: 'Submitted by',
    updatedAt: 'Updated',
    disclosure: 'What you see',
    profile: {
      full: 'The whole case',
      exit: 'What the exit country needs',
      transit: 'What a transit country needs',
      reception: 'What the return country needs',
      reintegration: 'What reintegration needs',
      operations: 'What travel booking needs',
      none: 'No personal data',
    },
    audit: 'Audit log',
    withdrawn: (status: string) => `The request was withdrawn. The case is now: ${status}.`,
  },
  es: {
    title: (caseId: string) => `Caso ${caseId}`,
    summary: 'Resumen',
    nationality: 'Nacionalidad',
    route: 'De → a',
    transit: 'Por',
    routeMode: 'Ruta',
    totalUsd: 'Total',
    isChild: 'Niña, niño o adolescente (menor de 18)',
    vulnerabilities: 'Vulnerabilidades',
    submittedAt: 'Enviado',
    submittedBy: 'Enviado por',
    updatedAt: 'Actualizado',
    disclosure: 'Lo que usted ve',
    profile: {
      full: 'El caso completo',
      exit: 'Lo que necesita el país de salida',
      transit: 'Lo que necesita un país de tránsito',
      reception: 'Lo que necesita el país de retorno',
      reintegration: 'Lo que necesita la reintegración',
      operations: 'Lo que necesita la reserva del viaje',
      none: 'Ningún dato personal',
    },
    audit: 'Registro de auditoría',
    withdrawn: (status: string) => `La solicitud fue retirada. El caso está ahora: ${status}.`,
  },
});

function Summary(props: { readonly detail: CaseDetail }) {
  const t = text();
  const d = props.detail;
  return (
    <section class="case-section case-summary" aria-labelledby="case-summary-heading">
      <h2 id="case-summary-heading" class="visually-hidden">
        {t.summary}
      </h2>
      <Facts
        facts={[
          [t.nationality, countryName(d.nationality)],
          [t.route, `${countryName(d.locationCountry)} → ${countryName(d.returnCountry)}`],
          [t.transit, d.transitCountries.map(countryName).join(', ')],
          [t.routeMode, routeModeName(d.routeMode)],
          [t.totalUsd, formatMoney(d.totalUsd)],
          [t.isChild, yesNo(d.isChild)],
          [t.vulnerabilities, d.vulnerabilities?.map(vulnerabilityName).join(', ')],
          [
            t.submittedAt,
            <time key="submitted" dateTime={d.submittedAt}>
              {formatDate(d.submittedAt)}
            </time>,
          ],
          [t.submittedBy, actorText(d.submittedBy)],
          [
            t.updatedAt,
            <time key="updated" dateTime={d.updatedAt}>
              {formatDateTime(d.updatedAt)}
            </time>,
          ],
          [t.disclosure, t.profile[d.disclosure as DisclosureProfile]],
        ]}
      />
    </section>
  );
}

function CaseBody(props: { readonly detail: CaseDetail; readonly reload: () => void }) {
  const d = props.detail;
  const t = text();
  const [withdrawn, setWithdrawn] = useState(false);
  const mayWithdraw = principal.value?.role === 'consular' && WITHDRAWABLE_CASE_STATUSES.includes(d.status);
  return (
    <>
      <div class="case-header">
        {d.displayName ? <p class="case-name">{d.displayName}</p> : null}
        <StatusBadge status={d.status} />
      </div>
      {withdrawn ? (
        <p class="notice" role="status">
          {t.withdrawn(statusName(d.status))}
        </p>
      ) : null}
      <Summary detail={d} />
      <WorkflowStepper status={d.status} timeline={d.timeline} />
      {d.withdrawal ? <Withdrawal withdrawal={d.withdrawal} /> : null}
      {d.failure ? <Failure failure={d.failure} /> : null}
      <Timeline entries={d.timeline} />
      <Approvals approvals={d.approvals} />
      {d.eligibility ? <Eligibility eligibility={d.eligibility} /> : null}
      <Amounts amounts={d.amounts} />
      {d.booking ? <BookingSection booking={d.booking} /> : null}
      {d.checkIns.length > 0 ? <CheckIns checkIns={d.checkIns} /> : null}
      {d.reintegration ? <Reintegration summary={d.reintegration} /> : null}
      {d.request ? <RequestDetails request={d.request} /> : null}
      {mayWithdraw ? (
        <WithdrawCase
          caseId={d.caseId}
          onWithdrawn={() => {
            setWithdrawn(true);
            props.reload();
          }}
        />
      ) : null}
    </>
  );
}

export default function CasePage(props: { caseId?: string }) {
  const t = text();
  const { params } = useRoute();
  const caseId = props.caseId ?? params.caseId ?? '';
  const detail = useResource(() => api.cases.get(caseId), [caseId]);
  const role = principal.value?.role;
  const seesAudit = (role === 'secretariat' || role === 'auditor') && detail.data !== undefined;
  return (
    <Page
      title={t.title(caseId)}
      actions={seesAudit ? <a href={`/cases/${encodeURIComponent(caseId)}/audit`}>{t.audit}</a> : undefined}
    >
      {detail.error ? (
        <ErrorNotice error={detail.error} onRetry={detail.reload} />
      ) : !detail.data ? (
        <Loading />
      ) : (
        <CaseBody detail={detail.data} reload={detail.reload} />
      )}
    </Page>
  );
}
