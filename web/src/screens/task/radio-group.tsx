/**
 * A set of radio buttons in a fieldset, all with the field's `name` (its contract path), its issue
 * beside it like the other fields (web/src/forms/fields.tsx), and the fieldset's id the one the
 * error summary links to.
 */
import { fieldId } from '../../forms/fields';
import { type FieldIssue, issueMessage } from '../../forms/validation';

export function RadioGroup(props: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly issue?: FieldIssue | undefined;
  readonly inline?: boolean;
}) {
  const error = `${fieldId(props.name)}-error`;
  return (
    <fieldset
      id={fieldId(props.name)}
      class={props.inline ? 'radio-inline' : undefined}
      aria-invalid={props.issue ? 'true' : undefined}
      aria-describedby={props.issue ? error : undefined}
      tabIndex={-1}
    >
      <legend>{props.label}</legend>
      {props.options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={props.name}
            value={option.value}
            checked={props.value === option.value}
            aria-invalid={props.issue ? 'true' : undefined}
            onChange={(event) => event.currentTarget.checked && props.onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
      {props.issue ? (
        <small id={error} class="field-error">
          {issueMessage(props.issue)}
        </small>
      ) : null}
    </fieldset>
  );
}
