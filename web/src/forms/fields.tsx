/**
 * Form fields that show their issue beside them (`aria-invalid`, `aria-describedby`) and an
 * error summary at the top (`role="alert"`) whose links move focus to each field. A field's
 * `name` is its path in the request contract, so an API 400's issues find it by name, and its id
 * is derived from that path.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { defineMessages } from '../i18n/messages';
import { type FieldIssue, issueMessage } from './validation';

const text = defineMessages({
  en: {
    summary: (count: number) =>
      count === 1 ? 'There is 1 problem to fix:' : `There are ${count} problems to fix:`,
    optional: '(optional)',
  },
  es: {
    summary: (count: number) =>
      count === 1 ? 'Hay 1 problema por corregir:' : `Hay ${count} problemas por corregir:`,
    optional: '(opcional)',
  },
});

/** The element id of the field at `path`: `migrant.givenNames` → `f-migrant-givenNames`. */
export const fieldId = (path: string): string => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const errorId = (path: string): string => `${fieldId(path)}-error`;

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly issue?: FieldIssue | undefined;
  readonly hint?: string;
  readonly optional?: boolean;
}

function Label(props: FieldProps & { for?: string }) {
  return (
    <label for={props.for ?? fieldId(props.name)}>
      {props.label}
      {props.optional ? <span class="optional"> {text().optional}</span> : null}
    </label>
  );
}

/**
 * The issue first, then the hint: Pico colours the `<small>` right after an invalid field as an
 * error, so the hint after it keeps its muted colour, and a screen reader hears the issue first.
 */
function Describe(props: FieldProps) {
  return (
    <>
      {props.issue ? (
        <small id={errorId(props.name)} class="field-error">
          {issueMessage(props.issue)}
        </small>
      ) : null}
      {props.hint ? <small id={`${fieldId(props.name)}-hint`}>{props.hint}</small> : null}
    </>
  );
}

function describedBy(props: FieldProps): string | undefined {
  const ids = [props.issue ? errorId(props.name) : '', props.hint ? `${fieldId(props.name)}-hint` : '']
    .filter(Boolean)
    .join(' ');
  return ids || undefined;
}

export function TextField(
  props: FieldProps & {
    readonly value: string;
    readonly onInput: (value: string) => void;
    readonly type?: 'text' | 'date' | 'datetime-local' | 'number' | 'email' | 'tel';
    readonly multiline?: boolean;
    readonly step?: string;
    readonly min?: string;
    readonly autocomplete?: string;
  },
) {
  const common = {
    id: fieldId(props.name),
    name: props.name,
    value: props.value,
    'aria-invalid': props.issue ? ('true' as const) : undefined,
    'aria-describedby': describedBy(props),
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <Label {...props} />
      {props.multiline ? (
        <textarea {...common} rows={3} />
      ) : (
        <input
          {...common}
          // Preact types `type` per input kind; one field component serves them all.
          type={(props.type ?? 'text') as 'text'}
          step={props.step}
          min={props.min}
          autocomplete={props.autocomplete ?? 'off'}
          inputMode={props.type === 'number' ? 'decimal' : undefined}
        />
      )}
      <Describe {...props} />
    </div>
  );
}

export function SelectField(
  props: FieldProps & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
    readonly placeholder?: string;
  },
) {
  return (
    <div class="field">
      <Label {...props} />
      <select
        id={fieldId(props.name)}
        name={props.name}
        value={props.value}
        aria-invalid={props.issue ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Describe {...props} />
    </div>
  );
}

/** One checkbox per value, all with the list's `name` (`vulnerabilities`), in a fieldset. */
export function CheckboxGroup(
  props: FieldProps & {
    readonly values: readonly string[];
    readonly onChange: (values: string[]) => void;
    readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  },
) {
  const toggle = (value: string, on: boolean) =>
    props.onChange(on ? [...props.values, value] : props.values.filter((v) => v !== value));
  return (
    <fieldset
      id={fieldId(props.name)}
      aria-invalid={props.issue ? 'true' : undefined}
      aria-describedby={describedBy(props)}
      tabIndex={-1}
    >
      <legend>
        {props.label}
        {props.optional ? <span class="optional"> {text().optional}</span> : null}
      </legend>
      {props.options.map((option) => (
        <label key={option.value}>
          <input
            type="checkbox"
            name={props.name}
            value={option.value}
            checked={props.values.includes(option.value)}
            onChange={(event) => toggle(option.value, event.currentTarget.checked)}
          />
          {option.label}
        </label>
      ))}
      <Describe {...props} />
    </fieldset>
  );
}

/** A yes/no field kept as a boolean (`needs.escort`). */
export function Checkbox(
  props: FieldProps & { readonly checked: boolean; readonly onChange: (on: boolean) => void },
) {
  return (
    <div class="field">
      <label for={fieldId(props.name)}>
        <input
          type="checkbox"
          id={fieldId(props.name)}
          name={props.name}
          checked={props.checked}
          aria-invalid={props.issue ? 'true' : undefined}
          aria-describedby={describedBy(props)}
          onChange={(event) => props.onChange(event.currentTarget.checked)}
        />
        {props.label}
      </label>
      <Describe {...props} />
    </div>
  );
}

/**
 * The list of problems at the top of a form. It takes focus when it appears, so a screen reader
 * announces it and the keyboard user starts from it; each entry links to its field.
 */
export function ErrorSummary(props: {
  readonly issues: readonly FieldIssue[];
  readonly labelOf: (path: string) => string;
  readonly children?: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.issues.length > 0) box.current?.focus();
  }, [props.issues]);
  if (props.issues.length === 0) return null;
  return (
    <div ref={box} class="notice notice-error error-summary" role="alert" tabIndex={-1}>
      <p>
        <strong>{text().summary(props.issues.length)}</strong>
      </p>
      <ul>
        {props.issues.map((issue) => (
          <li key={`${issue.path}:${issue.rule}`}>
            <a
              href={`#${fieldId(issue.path)}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(fieldId(issue.path))?.focus();
              }}
            >
              {props.labelOf(issue.path)}: {issueMessage(issue)}
            </a>
          </li>
        ))}
      </ul>
      {props.children}
    </div>
  );
}
