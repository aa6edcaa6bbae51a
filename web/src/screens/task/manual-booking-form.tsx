/**
 * Operations books the travel by hand after the provider failed for good: who carries the person,
 * the booking's reference, when they leave and arrive (typed in the reader's time, sent as UTC
 * instants), what it cost and whether an escort's seat is booked. Legs are left out: the
 * contract takes the booking without them.
 */
import { useState } from 'preact/hooks';
import { manualBookingFormSchema } from '../../../../shared/contracts/task';
import { Checkbox, TextField } from '../../forms/fields';
import { defineMessages } from '../../i18n/messages';
import { CompletionFormShell, type CompletionProps, useCompletion } from './completion';

const text = defineMessages({
  en: {
    form: 'Manual booking',
    provider: 'Provider',
    providerHint: 'The airline, bus or ferry company.',
    reference: 'Booking reference',
    departureAt: 'Departure',
    arrivalAt: 'Arrival',
    timeHint: 'In your time zone.',
    cost: 'Cost (USD)',
    escortSeat: "An escort's seat is booked beside the traveller's",
    submit: 'Record the booking',
  },
  es: {
    form: 'Reserva manual',
    provider: 'Proveedor',
    providerHint: 'La aerolínea o la empresa de autobuses o de ferris.',
    reference: 'Código de la reserva',
    departureAt: 'Salida',
    arrivalAt: 'Llegada',
    timeHint: 'En su zona horaria.',
    cost: 'Costo (USD)',
    escortSeat: 'Se reservó un asiento para el acompañante junto al de la persona',
    submit: 'Registrar la reserva',
  },
});

/** A `datetime-local` value (the reader's wall time) as an ISO instant in UTC, or undefined. */
export function instantOf(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function ManualBookingForm(props: CompletionProps) {
  const t = text();
  const completion = useCompletion(props);
  const { byPath, check, send } = completion;
  const [provider, setProvider] = useState('');
  const [reference, setReference] = useState('');
  const [departureAt, setDepartureAt] = useState('');
  const [arrivalAt, setArrivalAt] = useState('');
  const [cost, setCost] = useState('');
  const [escortSeat, setEscortSeat] = useState(false);
  const labels: Record<string, string> = {
    provider: t.provider,
    reference: t.reference,
    departureAt: t.departureAt,
    arrivalAt: t.arrivalAt,
    cost: t.cost,
    escortSeat: t.escortSeat,
  };

  function submit() {
    const departure = instantOf(departureAt);
    const arrival = instantOf(arrivalAt);
    const form = check(manualBookingFormSchema, {
      provider,
      reference,
      departureAt: departure ?? '',
      arrivalAt: arrival ?? '',
      ...(cost.trim() === '' ? {} : { cost: Number(cost) }),
      escortSeat,
    });
    // A time left blank or half typed is sent as '', which validate says is empty.
    if (form) void send(form);
  }

  return (
    <CompletionFormShell
      label={t.form}
      completion={completion}
      labels={labels}
      submitLabel={t.submit}
      onSubmit={submit}
    >
      <div class="grid">
        <TextField
          name="provider"
          label={t.provider}
          hint={t.providerHint}
          value={provider}
          onInput={setProvider}
          issue={byPath.get('provider')}
        />
        <TextField
          name="reference"
          label={t.reference}
          value={reference}
          onInput={setReference}
          issue={byPath.get('reference')}
        />
      </div>
      <div class="grid">
        <TextField
          name="departureAt"
          label={t.departureAt}
          hint={t.timeHint}
          type="datetime-local"
          value={departureAt}
          onInput={setDepartureAt}
          issue={byPath.get('departureAt')}
        />
        <TextField
          name="arrivalAt"
          label={t.arrivalAt}
          hint={t.timeHint}
          type="datetime-local"
          value={arrivalAt}
          onInput={setArrivalAt}
          issue={byPath.get('arrivalAt')}
        />
      </div>
      <TextField
        name="cost"
        label={t.cost}
        type="number"
        step="0.01"
        min="0"
        value={cost}
        onInput={setCost}
        issue={byPath.get('cost')}
      />
      <Checkbox
        name="escortSeat"
        label={t.escortSeat}
        checked={escortSeat}
        onChange={setEscortSeat}
        issue={byPath.get('escortSeat')}
      />
    </CompletionFormShell>
  );
}
