/**
 * A country's approval or the Secretariat's disbursement approval: approve or reject, with a
 * comment that is required to reject (the contract's rule: a rejection ends the case, so it says
 * why). The decision cannot be taken back, so it is confirmed in a dialog that says what happens
 * before anything is sent.
 */
import { useState } from 'preact/hooks';
import { type ApprovalForm as Approval, approvalFormSchema } from '../../../../shared/contracts/task';
import { TextField } from '../../forms/fields';
import { formatMoney } from '../../i18n/format';
import { countryName } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { CompletionFormShell, type CompletionProps, optionalText, useCompletion } from './completion';
import { RadioGroup } from './radio-group';

const text = defineMessages({
  en: {
    form: 'Your decision',
    decision: 'Decision',
    approve: 'Approve',
    reject: 'Reject',
    comment: 'Comment',
    commentHint: 'Required to reject: the reason is kept with the case and shown to the consulate.',
    amount: 'Amount to disburse',
    next: 'Continue',
    confirmTitle: 'Confirm your decision',
    approveCountry: (country: string) =>
      `Approve: ${country}'s approval is recorded. The case goes on once every country on the route has approved and the Secretariat approves the disbursement.`,
    approveDisbursement: (amount: string) =>
      `Approve: ${amount} is disbursed from the Reserve Fund and the travel is booked.`,
    rejectCase:
      'Reject: this ends the case. The money held for it goes back to the fund, and your comment is the reason given.',
    final: 'This decision cannot be undone.',
    back: 'Go back',
    confirmApprove: 'Confirm: approve',
    confirmReject: 'Confirm: reject',
  },
  es: {
    form: 'Su decisión',
    decision: 'Decisión',
    approve: 'Aprobar',
    reject: 'Rechazar',
    comment: 'Comentario',
    commentHint: 'Obligatorio para rechazar: el motivo queda en el caso y lo ve el consulado.',
    amount: 'Monto a desembolsar',
    next: 'Continuar',
    confirmTitle: 'Confirme su decisión',
    approveCountry: (country: string) =>
      `Aprobar: se registra la aprobación de ${country}. El caso sigue cuando todos los países de la ruta lo aprueben y la Secretaría apruebe el desembolso.`,
    approveDisbursement: (amount: string) =>
      `Aprobar: se desembolsan ${amount} del Fondo de Reserva y se reserva el viaje.`,
    rejectCase:
      'Rechazar: esto termina el caso. El dinero reservado vuelve al fondo, y su comentario es el motivo que se comunica.',
    final: 'Esta decisión no se puede deshacer.',
    back: 'Volver',
    confirmApprove: 'Confirmar: aprobar',
    confirmReject: 'Confirmar: rechazar',
  },
});

export function ApprovalForm(props: CompletionProps & { readonly amountUsd?: number | undefined }) {
  const t = text();
  const completion = useCompletion(props);
  const { byPath, check, send } = completion;
  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const [pending, setPending] = useState<Approval | undefined>(undefined);
  const labels: Record<string, string> = { decision: t.decision, comment: t.comment };
  const disbursement = props.task.kind === 'disbursement_approval';

  function review() {
    const form = check(approvalFormSchema, {
      ...(decision ? { decision } : {}),
      ...(optionalText(comment) !== undefined ? { comment } : {}),
    });
    if (form) setPending(form);
  }

  async function confirm() {
    if (!pending) return;
    const body = pending;
    setPending(undefined);
    await send(body);
  }

  const amount = props.amountUsd !== undefined ? formatMoney(props.amountUsd) : undefined;
  const consequence =
    pending?.decision === 'reject'
      ? t.rejectCase
      : disbursement
        ? t.approveDisbursement(amount ?? '')
        : t.approveCountry(props.task.assignedCountry ? countryName(props.task.assignedCountry) : '');

  return (
    <>
      <CompletionFormShell
        label={t.form}
        completion={completion}
        labels={labels}
        submitLabel={t.next}
        onSubmit={review}
      >
        {disbursement && amount ? (
          <p class="disbursement-amount">
            {t.amount}: <strong>{amount}</strong>
          </p>
        ) : null}
        <RadioGroup
          name="decision"
          label={t.decision}
          value={decision}
          onChange={setDecision}
          issue={byPath.get('decision')}
          inline
          options={[
            { value: 'approve', label: t.approve },
            { value: 'reject', label: t.reject },
          ]}
        />
        <TextField
          name="comment"
          label={t.comment}
          hint={t.commentHint}
          multiline
          value={comment}
          onInput={setComment}
          issue={byPath.get('comment')}
          optional={decision !== 'reject'}
        />
      </CompletionFormShell>
      <ConfirmDialog
        open={pending !== undefined}
        class="confirm-decision"
        title={t.confirmTitle}
        cancelLabel={t.back}
        confirmLabel={pending?.decision === 'reject' ? t.confirmReject : t.confirmApprove}
        danger={pending?.decision === 'reject'}
        onCancel={() => setPending(undefined)}
        onConfirm={() => void confirm()}
      >
        <p class="consequence">{consequence}</p>
        <p>{t.final}</p>
      </ConfirmDialog>
    </>
  );
}
