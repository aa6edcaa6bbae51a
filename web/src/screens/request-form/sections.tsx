/**
 * The sections of the new-request form. Each field is bound to its contract path through one
 * `Binding` (value, change, issue), so a section only says which paths it shows and how.
 */
import type { ComponentChildren } from 'preact';
import {
  BID_OUTCOMES,
  DOCUMENT_TYPES,
  ROUTE_MODES,
  SEXES,
  VULNERABILITIES,
} from '../../../../shared/contracts/case-request';
import { RCM_COUNTRY_CODES } from '../../../../shared/countries';
import { Checkbox, CheckboxGroup, fieldId, SelectField, TextField } from '../../forms/fields';
import type { FieldIssue } from '../../forms/validation';
import { issueMessage } from '../../forms/validation';
import { formatMoney } from '../../i18n/format';
import { countryName, routeModeName, vulnerabilityName } from '../../i18n/labels';
import { COST_PATHS, type FlagPath, type FormState, type ListPath, type TextPath } from './form-state';
import { documentTypeName, fieldLabel, outcomeName, type SectionKey, sexName, text } from './messages';

export interface Binding {
  readonly form: FormState;
  issue(path: string): FieldIssue | undefined;
  setText(path: TextPath, value: string): void;
  setFlag(path: FlagPath, value: boolean): void;
  setList(path: ListPath, value: readonly string[]): void;
}

type TextType = 'text' | 'date' | 'number' | 'email' | 'tel';

function Text(props: {
  b: Binding;
  path: TextPath;
  type?: TextType;
  optional?: boolean;
  hint?: string;
  multiline?: boolean;
  autocomplete?: string;
}) {
  const { b, path } = props;
  return (
    <TextField
      name={path}
      label={fieldLabel(path)}
      value={b.form[path]}
      onInput={(value) => b.setText(path, value)}
      issue={b.issue(path)}
      type={props.type ?? 'text'}
      {...(props.optional ? { optional: true } : {})}
      {...(props.hint ? { hint: props.hint } : {})}
      {...(props.multiline ? { multiline: true } : {})}
      {...(props.autocomplete ? { autocomplete: props.autocomplete } : {})}
      {...(props.type === 'number' ? { step: '0.01', min: '0' } : {})}
    />
  );
}

function Select(props: {
  b: Binding;
  path: TextPath;
  options: ReadonlyArray<{ value: string; label: string }>;
  optional?: boolean;
  hint?: string;
}) {
  const { b, path } = props;
  return (
    <SelectField
      name={path}
      label={fieldLabel(path)}
      value={b.form[path]}
      onChange={(value) => b.setText(path, value)}
      issue={b.issue(path)}
      options={props.options}
      placeholder={props.optional ? text().none : text().choose}
      {...(props.optional ? { optional: true } : {})}
      {...(props.hint ? { hint: props.hint } : {})}
    />
  );
}

function Flag(props: { b: Binding; path: FlagPath }) {
  const { b, path } = props;
  return (
    <Checkbox
      name={path}
      label={fieldLabel(path)}
      checked={b.form[path]}
      onChange={(on) => b.setFlag(path, on)}
      issue={b.issue(path)}
    />
  );
}

function List(props: {
  b: Binding;
  path: ListPath;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: string;
  optional?: boolean;
}) {
  const { b, path } = props;
  return (
    <CheckboxGroup
      name={path}
      label={fieldLabel(path)}
      values={b.form[path]}
      onChange={(values) => b.setList(path, values)}
      issue={b.issue(path)}
      options={props.options}
      {...(props.hint ? { hint: props.hint } : {})}
      {...(props.optional ? { optional: true } : {})}
    />
  );
}

const countries = () => RCM_COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code) }));

/** A section of the form: its heading says how many problems it has, for every reader. */
export function Section(props: { id: SectionKey; issues: number; children: ComponentChildren }) {
  const t = text();
  return (
    <section
      id={`s-${props.id}`}
      aria-labelledby={`h-${props.id}`}
      class={props.issues > 0 ? 'form-section has-issues' : 'form-section'}
    >
      <h2 id={`h-${props.id}`}>
        {t.sections[props.id]}
        {props.issues > 0 ? ' ' : null}
        {props.issues > 0 ? <span class="section-issues">{t.sectionIssues(props.issues)}</span> : null}
      </h2>
      {props.children}
    </section>
  );
}

export function PersonFields(props: { b: Binding; officerCountry?: string | undefined }) {
  const { b } = props;
  const t = text();
  return (
    <>
      <div class="grid">
        <Text b={b} path="migrant.givenNames" />
        <Text b={b} path="migrant.familyNames" />
      </div>
      <div class="grid">
        <Text b={b} path="migrant.dateOfBirth" type="date" hint={t.hints.dateOfBirth} />
        <Select b={b} path="migrant.sex" options={SEXES.map((value) => ({ value, label: sexName(value) }))} />
      </div>
      <Select
        b={b}
        path="migrant.nationality"
        options={countries()}
        {...(props.officerCountry ? { hint: t.hints.nationality(countryName(props.officerCountry)) } : {})}
      />
      <div class="grid">
        <Select
          b={b}
          path="migrant.documentType"
          optional
          options={DOCUMENT_TYPES.map((value) => ({ value, label: documentTypeName(value) }))}
        />
        <Text b={b} path="migrant.documentNumber" optional hint={t.hints.documentNumber} />
      </div>
    </>
  );
}

export function LocationFields(props: { b: Binding }) {
  const { b } = props;
  return (
    <>
      <div class="grid">
        <Select b={b} path="location.country" options={countries()} />
        <Text b={b} path="location.city" />
      </div>
      <Text b={b} path="location.facility" optional />
    </>
  );
}

export function ReturnToFields(props: { b: Binding }) {
  const { b } = props;
  const t = text();
  return (
    <>
      <div class="grid">
        <Select b={b} path="returnTo.country" options={countries()} />
        <Text b={b} path="returnTo.city" />
      </div>
      <Text b={b} path="returnTo.address" optional />
      <fieldset>
        <legend>
          {t.hints.receivingContact} <span class="optional">{t.optional}</span>
        </legend>
        <div class="grid">
          <Text b={b} path="returnTo.receivingContact.name" />
          <Text b={b} path="returnTo.receivingContact.relationship" />
        </div>
        <Text b={b} path="returnTo.receivingContact.phone" type="tel" optional hint={t.hints.phone} />
      </fieldset>
    </>
  );
}

export function RouteFields(props: { b: Binding }) {
  const { b } = props;
  const t = text();
  const transit = b.form['route.transitCountries'];
  const moveUp = (index: number) => {
    const next = [...transit];
    [next[index - 1], next[index]] = [next[index] as string, next[index - 1] as string];
    b.setList('route.transitCountries', next);
    // The pressed button's item moved away from under it: keep the keyboard on the moved country.
    const moved = countryName(next[index - 1] as string);
    const fallback = countryName(next[index] as string);
    requestAnimationFrame(() => {
      const buttons = document.querySelectorAll<HTMLButtonElement>('.transit-order button');
      const target = [...buttons].find(
        (button) => button.getAttribute('aria-label') === t.hints.moveUp(moved),
      );
      (
        target ??
        [...buttons].find((button) => button.getAttribute('aria-label') === t.hints.moveUp(fallback))
      )?.focus();
    });
  };
  return (
    <>
      <div class="grid">
        <Select
          b={b}
          path="route.mode"
          options={ROUTE_MODES.map((value) => ({ value, label: routeModeName(value) }))}
        />
        <Text b={b} path="route.earliestDeparture" type="date" optional />
      </div>
      <List b={b} path="route.transitCountries" options={countries()} hint={t.hints.transit} optional />
      {transit.length > 1 ? (
        <div class="transit-order">
          <p id="transit-order-label">{t.hints.transitOrder}</p>
          <ol aria-labelledby="transit-order-label">
            {transit.map((code, index) => (
              <li key={code}>
                {countryName(code)}
                {index > 0 ? (
                  <button
                    type="button"
                    class="secondary outline move-up"
                    aria-label={t.hints.moveUp(countryName(code))}
                    onClick={() => moveUp(index)}
                  >
                    ↑
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </>
  );
}

export function VulnerabilityFields(props: { b: Binding }) {
  return (
    <List
      b={props.b}
      path="vulnerabilities"
      options={VULNERABILITIES.map((value) => ({ value, label: vulnerabilityName(value) }))}
      hint={text().hints.vulnerabilities}
    />
  );
}

export function NeedsFields(props: { b: Binding }) {
  const { b } = props;
  return (
    <>
      <Flag b={b} path="needs.escort" />
      <Flag b={b} path="needs.medicalEscort" />
      <Flag b={b} path="needs.wheelchair" />
      <Text b={b} path="needs.notes" multiline optional />
    </>
  );
}

export function ConsentFields(props: { b: Binding }) {
  const { b } = props;
  const t = text();
  const routeCountries = [
    b.form['location.country'],
    ...b.form['route.transitCountries'],
    b.form['returnTo.country'],
  ].filter(Boolean);
  const tickRoute = () =>
    b.setList('consent.dataTransferConsent', [
      ...new Set([...b.form['consent.dataTransferConsent'], ...routeCountries]),
    ]);
  return (
    <>
      <Flag b={b} path="consent.informedConsent" />
      <div class="grid">
        <Text b={b} path="consent.consentDate" type="date" />
        <Text b={b} path="consent.language" optional hint={t.hints.consentLanguage} />
      </div>
      <List
        b={b}
        path="consent.dataTransferConsent"
        options={countries()}
        hint={t.hints.dataTransfer}
        optional
      />
      {routeCountries.length > 0 ? (
        <button type="button" class="secondary outline" onClick={tickRoute}>
          {t.hints.tickRoute}
        </button>
      ) : null}
    </>
  );
}

export function ChildFields(props: { b: Binding }) {
  const { b } = props;
  const t = text();
  return (
    <>
      <p class="hint">{t.hints.child}</p>
      <fieldset>
        <legend>{t.hints.bid}</legend>
        <div class="grid">
          <Text b={b} path="child.bestInterestsDetermination.decidedOn" type="date" />
          <Text b={b} path="child.bestInterestsDetermination.authority" />
        </div>
        <div class="grid">
          <Select
            b={b}
            path="child.bestInterestsDetermination.outcome"
            options={BID_OUTCOMES.map((value) => ({ value, label: outcomeName(value) }))}
          />
          <Text b={b} path="child.bestInterestsDetermination.reference" optional />
        </div>
      </fieldset>
      <fieldset>
        <legend>
          {t.hints.guardian} <span class="optional">{t.optional}</span>
        </legend>
        <div class="grid">
          <Text b={b} path="child.guardian.name" />
          <Text b={b} path="child.guardian.relationship" />
        </div>
        <Text b={b} path="child.guardian.phone" type="tel" optional hint={t.hints.phone} />
      </fieldset>
    </>
  );
}

/** The costs, their live total and how it stands against the fund's per-case ceiling. */
export function CostFields(props: {
  b: Binding;
  total: number;
  ceiling: number | undefined;
  ceilingIsDefault: boolean;
}) {
  const { b, total, ceiling } = props;
  const t = text();
  const issue = b.issue('costs');
  const over = ceiling !== undefined && Math.round(total * 100) > Math.round(ceiling * 100);
  return (
    <fieldset
      id={fieldId('costs')}
      tabIndex={-1}
      aria-invalid={issue ? 'true' : undefined}
      aria-describedby={issue ? `${fieldId('costs')}-error costs-hint` : 'costs-hint'}
    >
      <legend>{fieldLabel('costs')}</legend>
      <small id="costs-hint">{t.hints.costs}</small>
      <div class="cost-grid">
        {COST_PATHS.map((path) => (
          <Text key={path} b={b} path={path} type="number" />
        ))}
      </div>
      {issue ? (
        <small id={`${fieldId('costs')}-error`} class="field-error">
          {issueMessage(issue)}
        </small>
      ) : null}
      <div class={over ? 'cost-total over-ceiling' : 'cost-total'} aria-live="polite" id="cost-total">
        <p>
          {t.total}: <strong data-total>{formatMoney(total)}</strong>
        </p>
        {ceiling !== undefined ? (
          <>
            <p>
              {props.ceilingIsDefault
                ? t.ceilingDefault(formatMoney(ceiling))
                : t.ceiling(formatMoney(ceiling))}
            </p>
            <p class={over ? 'ceiling-warning' : 'ceiling-ok'}>
              {over
                ? t.overCeiling(formatMoney((Math.round(total * 100) - Math.round(ceiling * 100)) / 100))
                : t.withinCeiling(formatMoney((Math.round(ceiling * 100) - Math.round(total * 100)) / 100))}
            </p>
          </>
        ) : null}
      </div>
    </fieldset>
  );
}

export function OtherFields(props: { b: Binding }) {
  const { b } = props;
  const t = text();
  return (
    <>
      <Text b={b} path="circumstances" multiline optional />
      <div class="grid">
        <Text b={b} path="contact.phone" type="tel" optional hint={t.hints.phone} />
        <Text b={b} path="contact.email" type="email" optional />
      </div>
      <Text b={b} path="submitterNotes" multiline optional />
    </>
  );
}
