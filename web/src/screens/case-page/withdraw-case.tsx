/**
 * The consulate withdraws a request on the migrant's word: a reason (checked with the API's own
 * `withdrawRequestSchema`, its issue shown beside the field), then a confirmation that names what
 * ends, then `POST /api/cases/{id}/withdraw`. The API's refusal (409 after departure) is shown
 * as it words it.
 */
import { useState } from 'preact/hooks';
import { withdrawRequestSchema } from '../../../../shared/contracts/withdraw';
import { ApiError, api } from '../../api';
import { fieldId, TextField } from '../../forms/fields';
import { type FieldIssue, issuesByPath, validate } from '../../forms/validation';
import { defineMessages } from '../../i18n/messages';
import { ErrorNotice } from '../../ui/common';
import { ConfirmDialog } from '../../ui/confirm-dialog';

const text = defineMessages({
  en: {
    heading: 'Withdraw the request',
    explain:
      'The person may withdraw at any time until the day of departure. Say why, in their words, then confirm.',
    reason: 'Reason for the withdrawal',
    reasonHint: 'Seen only by the consulate, the Secretariat and the auditor.',
    next: 'Withdraw…',
    confirmTitle: (caseId: string) => `Withdraw case ${caseId}?`,
    consequence:
      'The case ends now and cannot be reopened: pending decisions and tasks are cancelled, the money held for it goes back to the fund, and any travel booked is cancelled. Everyone already told about the case is told it was withdrawn.',
    reasonGiven: 'Reason given:',
    cancel: 'Keep the request',
    confirm: 'Yes, withdraw it',
  },
  es: {
    heading: 'Retirar la solicitud',
    explain:
      'La persona puede retirarse en cualquier momento hasta el día de la salida. Indique el motivo, en sus palabras, y confirme.',
    reason: 'Motivo del retiro',
    reasonHint: 'Solo lo ven el consulado, la Secretaría y la auditoría.',
    next: 'Retirar…',
    confirmTitle: (caseId: string) => `¿Retirar el caso ${caseId}?`,
    consequence:
      'El caso termina ahora y no se puede reabrir: se cancelan las decisiones y tareas pendientes, el dinero reservado vuelve al fondo y se cancela cualquier viaje reservado. Se avisa del retiro a todos los que ya conocían el caso.',
    reasonGiven: 'Motivo indicado:',
    cancel: 'Mantener la solicitud',
    confirm: 'Sí, retirarla',
  },
});

export function WithdrawCase(props: { readonly caseId: string; readonly onWithdrawn: () => void }) {
  const t = text();
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [confirmed, setConfirmed] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const issue = issuesByPath(issues).get('reason');

  function ask(event: Event) {
    event.preventDefault();
    setFailure(undefined);
    const checked = validate(withdrawRequestSchema, { reason });
    if (!checked.ok) {
      setIssues(checked.issues);
      document.getElementById(fieldId('reason'))?.focus();
      return;
    }
    setIssues([]);
    setConfirmed(checked.data.reason);
  }

  function close() {
    setConfirmed(undefined);
  }

  async function withdraw() {
    if (confirmed === undefined) return;
    setBusy(true);
    try {
      await api.cases.withdraw(props.caseId, confirmed);
      close();
      props.onWithdrawn();
    } catch (error) {
      close();
      if (error instanceof ApiError && error.issues.length > 0) setIssues([...error.issues]);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="case-section case-withdraw" aria-labelledby="case-withdraw-heading">
      <h2 id="case-withdraw-heading">{t.heading}</h2>
      <p>{t.explain}</p>
      {failure ? <ErrorNotice error={failure} /> : null}
      <form onSubmit={ask} noValidate>
        <TextField
          name="reason"
          label={t.reason}
          hint={t.reasonHint}
          multiline
          value={reason}
          onInput={setReason}
          issue={issue}
        />
        <button type="submit" class="secondary withdraw">
          {t.next}
        </button>
      </form>
      <ConfirmDialog
        open={confirmed !== undefined}
        title={t.confirmTitle(props.caseId)}
        cancelLabel={t.cancel}
        confirmLabel={t.confirm}
        danger
        busy={busy}
        onCancel={close}
        onConfirm={() => void withdraw()}
        confirmId="withdraw"
        returnFocusTo={fieldId('reason')}
      >
        <p>{t.consequence}</p>
        {confirmed ? (
          <p>
            {t.reasonGiven} <q>{confirmed}</q>
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
