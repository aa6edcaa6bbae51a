/**
 * The Secretariat records a member state's contribution to the fund. The fields are named by
 * `contributionRequestSchema`'s paths and checked with it before anything is sent, so the browser
 * and an API 400 give the same issues on the same fields. A contribution cannot be undone, so it
 * is confirmed first. The API takes a transfer's reference once: sent again with the same amount it
 * answers the entry it already has (nothing is added), with another amount it refuses it (409);
 * the form says which.
 */
import { useState } from 'preact/hooks';
import {
  type ContributionRequest,
  contributionRequestSchema,
  type LedgerEntryShape,
} from '../../../../shared/contracts/fund';
import { RCM_COUNTRY_CODES } from '../../../../shared/countries';
import { ApiError, api } from '../../api';
import { ErrorSummary, fieldId, SelectField, TextField } from '../../forms/fields';
import { type FieldIssue, issuesByPath, validate } from '../../forms/validation';
import { formatDateTime, formatMoney } from '../../i18n/format';
import { countryName } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';
import { ErrorNotice } from '../../ui/common';
import { ConfirmDialog } from '../../ui/confirm-dialog';

const text = defineMessages({
  en: {
    heading: 'Record a contribution',
    intro: 'A member state’s transfer to the fund raises its capital and what is available.',
    country: 'Contributing country',
    choose: 'Choose a country',
    amount: 'Amount (USD)',
    amountHint: 'In US dollars, up to 2 decimals, e.g. 5000 or 1250.50.',
    reference: 'Transfer reference',
    referenceHint: 'The bank or treasury reference; the fund takes each reference once.',
    review: 'Review the contribution',
    confirmHeading: 'Confirm the contribution',
    confirmText: (amount: string, country: string, reference: string) =>
      `Record ${amount} from ${country}, reference ${reference}? A contribution cannot be undone.`,
    alreadyThere: (amount: string, country: string, at: string) =>
      `This reference is already in the ledger: ${amount} from ${country} on ${at}. The fund takes a reference once, so sending it again adds nothing.`,
    confirm: 'Record the contribution',
    back: 'Change it',
    sending: 'Recording…',
    recorded: (amount: string, country: string) => `Recorded: ${amount} from ${country}.`,
    repeated: (amount: string, at: string) =>
      `That reference was already recorded (${amount}, ${at}); the API answered the entry it has and added nothing.`,
    conflict:
      'That reference is already recorded with another amount; the API refused it and nothing was added.',
  },
  es: {
    heading: 'Registrar una contribución',
    intro: 'La transferencia de un Estado miembro al fondo aumenta su capital y lo disponible.',
    country: 'País contribuyente',
    choose: 'Elija un país',
    amount: 'Monto (USD)',
    amountHint: 'En dólares estadounidenses, hasta 2 decimales, p. ej. 5000 o 1250.50.',
    reference: 'Referencia de la transferencia',
    referenceHint: 'La referencia bancaria o de tesorería; el fondo acepta cada referencia una sola vez.',
    review: 'Revisar la contribución',
    confirmHeading: 'Confirme la contribución',
    confirmText: (amount: string, country: string, reference: string) =>
      `¿Registrar ${amount} de ${country}, referencia ${reference}? Una contribución no se puede deshacer.`,
    alreadyThere: (amount: string, country: string, at: string) =>
      `Esta referencia ya está en el libro: ${amount} de ${country} el ${at}. El fondo acepta una referencia una sola vez; enviarla de nuevo no suma nada.`,
    confirm: 'Registrar la contribución',
    back: 'Modificar',
    sending: 'Registrando…',
    recorded: (amount: string, country: string) => `Registrada: ${amount} de ${country}.`,
    repeated: (amount: string, at: string) =>
      `Esa referencia ya estaba registrada (${amount}, ${at}); la API respondió con el movimiento existente y no sumó nada.`,
    conflict: 'Esa referencia ya está registrada con otro monto; la API la rechazó y no se sumó nada.',
  },
});

interface Draft {
  readonly country: string;
  readonly amount: string;
  readonly reference: string;
}

const EMPTY: Draft = { country: '', amount: '', reference: '' };

/** What was typed, as the contract's body: an empty amount is missing, a decimal comma is a point. */
function bodyOf(draft: Draft): Record<string, unknown> {
  const amount = draft.amount.trim();
  const decimal = /^\d+,\d{1,2}$/.test(amount) ? amount.replace(',', '.') : amount;
  return {
    ...(draft.country ? { country: draft.country } : {}),
    ...(amount ? { amount: Number(decimal) } : {}),
    reference: draft.reference,
  };
}

type Outcome =
  | { readonly kind: 'recorded'; readonly entry: LedgerEntryShape }
  | { readonly kind: 'repeated'; readonly entry: LedgerEntryShape };

export function ContributionForm(props: {
  readonly fundId: string;
  /** The ledger as the screen has it, to tell before sending that a reference is already there. */
  readonly ledger: readonly LedgerEntryShape[];
  readonly onRecorded: () => void;
}) {
  const t = text();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [issues, setIssues] = useState<readonly FieldIssue[]>([]);
  const [pending, setPending] = useState<ContributionRequest | undefined>();
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const byPath = issuesByPath(issues);
  const labels: Record<string, string> = { country: t.country, amount: t.amount, reference: t.reference };
  const set = (field: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const existing = pending
    ? props.ledger.find((entry) => entry.type === 'contribution' && entry.reference === pending.reference)
    : undefined;

  function review(event: Event) {
    event.preventDefault();
    setOutcome(undefined);
    setFailure(undefined);
    const checked = validate(contributionRequestSchema, bodyOf(draft));
    if (!checked.ok) {
      setIssues(checked.issues);
      return;
    }
    setIssues([]);
    setPending(checked.data);
  }

  async function send() {
    if (!pending) return;
    setSending(true);
    try {
      const answer = await api.funds.contribute(props.fundId, pending);
      setOutcome({ kind: answer.status === 201 ? 'recorded' : 'repeated', entry: answer.body });
      setDraft(EMPTY);
      setPending(undefined);
      props.onRecorded();
    } catch (error) {
      setPending(undefined);
      if (error instanceof ApiError && error.status === 400 && error.issues.length > 0)
        setIssues(error.issues);
      else setFailure(error);
    } finally {
      setSending(false);
    }
  }

  const countries = RCM_COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code) }));
  return (
    <section aria-labelledby="contribution-heading" class="contribution">
      <h2 id="contribution-heading">{t.heading}</h2>
      <p>{t.intro}</p>
      <div aria-live="polite">
        {outcome ? (
          <p class="notice" role="status" data-outcome={outcome.kind}>
            {outcome.kind === 'recorded'
              ? t.recorded(formatMoney(outcome.entry.amount), countryName(outcome.entry.country ?? ''))
              : t.repeated(formatMoney(outcome.entry.amount), formatDateTime(outcome.entry.at))}
          </p>
        ) : null}
      </div>
      {failure ? (
        failure instanceof ApiError && failure.status === 409 ? (
          <div class="notice notice-error" role="alert" data-outcome="conflict">
            <p>{t.conflict}</p>
            <p class="detail">{failure.message}</p>
          </div>
        ) : (
          <ErrorNotice error={failure} />
        )
      ) : null}
      <ErrorSummary issues={issues} labelOf={(path) => labels[path] ?? path} />
      <ConfirmDialog
        open={pending !== undefined}
        class="contribution-confirm"
        title={t.confirmHeading}
        cancelLabel={t.back}
        confirmLabel={sending ? t.sending : t.confirm}
        busy={sending}
        onCancel={() => setPending(undefined)}
        onConfirm={() => void send()}
        returnFocusTo={fieldId('amount')}
      >
        {pending ? (
          <p>{t.confirmText(formatMoney(pending.amount), countryName(pending.country), pending.reference)}</p>
        ) : null}
        {existing ? (
          <p class="notice">
            {t.alreadyThere(
              formatMoney(existing.amount),
              countryName(existing.country ?? ''),
              formatDateTime(existing.at),
            )}
          </p>
        ) : null}
      </ConfirmDialog>
      <form onSubmit={review} noValidate>
        <div class="contribution-fields">
          <SelectField
            name="country"
            label={t.country}
            value={draft.country}
            onChange={set('country')}
            options={countries}
            placeholder={t.choose}
            issue={byPath.get('country')}
          />
          <TextField
            name="amount"
            label={t.amount}
            value={draft.amount}
            onInput={set('amount')}
            hint={t.amountHint}
            issue={byPath.get('amount')}
          />
          <TextField
            name="reference"
            label={t.reference}
            value={draft.reference}
            onInput={set('reference')}
            hint={t.referenceHint}
            issue={byPath.get('reference')}
          />
        </div>
        <button type="submit">{t.review}</button>
      </form>
    </section>
  );
}
