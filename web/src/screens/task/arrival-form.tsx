/** The return country confirms the person arrived: on which day, and who received them. */
import { useState } from 'preact/hooks';
import { arrivalFormSchema } from '../../../../shared/contracts/task';
import { TextField } from '../../forms/fields';
import { defineMessages } from '../../i18n/messages';
import { CompletionFormShell, type CompletionProps, optionalText, useCompletion } from './completion';

const text = defineMessages({
  en: {
    form: 'Arrival confirmation',
    arrivedOn: 'Arrived on',
    receivedBy: 'Received by',
    receivedByHint:
      'The authority or person who received them (e.g. a child-protection officer, the mother).',
    notes: 'Notes',
    submit: 'Confirm the arrival',
  },
  es: {
    form: 'Confirmación de llegada',
    arrivedOn: 'Fecha de llegada',
    receivedBy: 'Recibido por',
    receivedByHint:
      'La autoridad o la persona que le recibió (p. ej. un oficial de protección de la niñez, la madre).',
    notes: 'Notas',
    submit: 'Confirmar la llegada',
  },
});

/** Today as a calendar date where the reader is. */
function localToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function ArrivalForm(props: CompletionProps) {
  const t = text();
  const completion = useCompletion(props);
  const { byPath, check, send } = completion;
  const [arrivedOn, setArrivedOn] = useState(localToday);
  const [receivedBy, setReceivedBy] = useState('');
  const [notes, setNotes] = useState('');
  const labels: Record<string, string> = { arrivedOn: t.arrivedOn, receivedBy: t.receivedBy, notes: t.notes };

  function submit() {
    const form = check(arrivalFormSchema, {
      arrivedOn,
      receivedBy,
      ...(optionalText(notes) !== undefined ? { notes } : {}),
    });
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
      <TextField
        name="arrivedOn"
        label={t.arrivedOn}
        type="date"
        value={arrivedOn}
        onInput={setArrivedOn}
        issue={byPath.get('arrivedOn')}
      />
      <TextField
        name="receivedBy"
        label={t.receivedBy}
        hint={t.receivedByHint}
        value={receivedBy}
        onInput={setReceivedBy}
        issue={byPath.get('receivedBy')}
      />
      <TextField
        name="notes"
        label={t.notes}
        multiline
        optional
        value={notes}
        onInput={setNotes}
        issue={byPath.get('notes')}
      />
    </CompletionFormShell>
  );
}
