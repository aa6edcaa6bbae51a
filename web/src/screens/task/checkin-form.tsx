/**
 * A reintegration check-in: whether contact was made, and the findings as the closed lists the
 * statistics compare across countries (housing, work or training, health, psychosocial support,
 * intention to migrate again), with notes.
 */
import { useState } from 'preact/hooks';
import { checkInFormSchema } from '../../../../shared/contracts/task';
import { SelectField, TextField } from '../../forms/fields';
import { type CheckInFinding, checkInOptions, yesNo } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';
import { CompletionFormShell, type CompletionProps, optionalText, useCompletion } from './completion';
import { RadioGroup } from './radio-group';

const text = defineMessages({
  en: {
    form: 'Reintegration check-in',
    contactMade: 'Was contact made with the person?',
    housing: 'Housing',
    workOrTraining: 'Work or training',
    health: 'Health',
    psychosocialSupport: 'Psychosocial support',
    intendsToMigrateAgain: 'Intends to migrate again',
    notes: 'Notes',
    choose: 'Choose…',
    submit: 'Record the check-in',
  },
  es: {
    form: 'Seguimiento de reintegración',
    contactMade: '¿Se logró contacto con la persona?',
    housing: 'Vivienda',
    workOrTraining: 'Trabajo o formación',
    health: 'Salud',
    psychosocialSupport: 'Apoyo psicosocial',
    intendsToMigrateAgain: 'Piensa migrar de nuevo',
    notes: 'Notas',
    choose: 'Elija…',
    submit: 'Registrar el seguimiento',
  },
});

const SELECTS = ['housing', 'workOrTraining', 'health', 'psychosocialSupport'] as const;

export function CheckInForm(props: CompletionProps) {
  const t = text();
  const completion = useCompletion(props);
  const { byPath, check, send } = completion;
  const [contactMade, setContactMade] = useState('');
  const [findings, setFindings] = useState<Record<CheckInFinding, string>>({
    housing: '',
    workOrTraining: '',
    health: '',
    psychosocialSupport: '',
    intendsToMigrateAgain: '',
  });
  const [notes, setNotes] = useState('');
  const labels: Record<string, string> = {
    contactMade: t.contactMade,
    housing: t.housing,
    workOrTraining: t.workOrTraining,
    health: t.health,
    psychosocialSupport: t.psychosocialSupport,
    intendsToMigrateAgain: t.intendsToMigrateAgain,
    notes: t.notes,
  };
  const set = (finding: CheckInFinding) => (value: string) =>
    setFindings((previous) => ({ ...previous, [finding]: value }));

  function submit() {
    const chosen = Object.fromEntries(Object.entries(findings).filter(([, value]) => value !== ''));
    const form = check(checkInFormSchema, {
      ...(contactMade ? { contactMade: contactMade === 'yes' } : {}),
      ...chosen,
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
      <RadioGroup
        name="contactMade"
        label={t.contactMade}
        value={contactMade}
        onChange={setContactMade}
        issue={byPath.get('contactMade')}
        inline
        options={[
          { value: 'yes', label: yesNo(true) },
          { value: 'no', label: yesNo(false) },
        ]}
      />
      <div class="grid checkin-findings">
        {SELECTS.map((finding) => (
          <SelectField
            key={finding}
            name={finding}
            label={t[finding]}
            value={findings[finding]}
            onChange={set(finding)}
            options={checkInOptions(finding)}
            placeholder={t.choose}
            issue={byPath.get(finding)}
          />
        ))}
      </div>
      <RadioGroup
        name="intendsToMigrateAgain"
        label={t.intendsToMigrateAgain}
        value={findings.intendsToMigrateAgain}
        onChange={set('intendsToMigrateAgain')}
        issue={byPath.get('intendsToMigrateAgain')}
        inline
        options={checkInOptions('intendsToMigrateAgain')}
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
