/**
 * `/cases/new`: the consular officer's request to the Fund for a person who asks to go home.
 * The form is checked with the API's own contract before anything is sent, and an API 400's
 * issues land on the same fields; what was typed is kept as a draft per user across reloads, with
 * one idempotency key per draft so a double click or a retry makes one case.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { caseRequestSchema } from '../../../../shared/contracts/case-request';
import { DEFAULT_CASE_CEILING_USD, DEFAULT_FUND_ID } from '../../../../shared/contracts/fund';
import { ApiError, api } from '../../api';
import { principal } from '../../auth/session';
import { ErrorSummary, fieldId } from '../../forms/fields';
import { type FieldIssue, validate } from '../../forms/validation';
import { formatDateTime } from '../../i18n/format';
import { ErrorNotice, Page } from '../../ui/common';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useResource } from '../../ui/resource';
import {
  buildRequestBody,
  childSectionShown,
  clearDraft,
  costTotal,
  type Draft,
  emptyForm,
  type FormState,
  fieldPathOf,
  isKeyReused,
  keyAfterFailure,
  loadDraft,
  newIdempotencyKey,
  saveDraft,
} from './form-state';
import { fieldLabel, SECTION_KEYS, type SectionKey, sectionOf, text } from './messages';
import {
  type Binding,
  ChildFields,
  ConsentFields,
  CostFields,
  LocationFields,
  NeedsFields,
  OtherFields,
  PersonFields,
  ReturnToFields,
  RouteFields,
  Section,
  VulnerabilityFields,
} from './sections';

/** The issues as the form shows them: on their field's path, once per field and rule. */
function presentIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  const shown: FieldIssue[] = [];
  for (const issue of issues) {
    const path = fieldPathOf(issue.path);
    const key = `${path}:${issue.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    shown.push({ ...issue, path });
  }
  return shown;
}

function FailureNotice(props: { error: unknown }) {
  const t = text();
  const { error } = props;
  if (isKeyReused(error)) {
    return (
      <div class="notice notice-error" role="alert" data-outcome="key-reused">
        <p>
          <strong>{t.keyReused}</strong>
        </p>
        <p>
          <a href="/cases">{t.yourCases}</a>
        </p>
      </div>
    );
  }
  if (error instanceof ApiError && (error.status === 409 || error.status === 403)) {
    return (
      <div class="notice notice-error" role="alert">
        <p>
          <strong>{error.status === 409 ? t.conflict : t.forbidden}</strong>
        </p>
        <p class="detail">{error.message}</p>
      </div>
    );
  }
  return <ErrorNotice error={error} />;
}

function RequestFormScreen(props: { username: string; country?: string | undefined }) {
  const { username, country } = props;
  const t = text();
  const { route } = useLocation();
  const [restored] = useState<Draft | null>(() => loadDraft(username, country));
  const [form, setForm] = useState<FormState>(() => restored?.form ?? emptyForm(country));
  const formRef = useRef(form);
  const keyRef = useRef(restored?.idempotencyKey ?? newIdempotencyKey());
  const [hasDraft, setHasDraft] = useState(restored !== null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const submittingRef = useRef(false);
  const fund = useResource(() => api.funds.get(DEFAULT_FUND_ID), []);

  // Saved as it is typed (not in an effect), so a reload right after typing keeps the last key.
  const change = (path: string, value: unknown) => {
    const next = { ...formRef.current, [path]: value } as FormState;
    formRef.current = next;
    setForm(next);
    saveDraft(username, { form: next, idempotencyKey: keyRef.current, savedAt: new Date().toISOString() });
    setHasDraft(true);
  };
  const byPath = useMemo(() => {
    const map = new Map<string, FieldIssue>();
    for (const issue of issues) if (!map.has(issue.path)) map.set(issue.path, issue);
    return map;
  }, [issues]);
  const binding: Binding = {
    form,
    issue: (path) => byPath.get(path),
    setText: change,
    setFlag: change,
    setList: change,
  };

  const childShown = childSectionShown(form);
  const sections = SECTION_KEYS.filter((key) => key !== 'child' || childShown);
  const issueCount = (key: SectionKey) => issues.filter((issue) => sectionOf(issue.path) === key).length;
  const labelOf = (path: string) => {
    const section = sectionOf(path);
    const label = fieldLabel(path);
    // "City (Where home is)": two sections have a city; a section's only field needs no repeat.
    return section && t.sections[section] !== label ? `${label} (${t.sections[section]})` : label;
  };

  const ceilingIsDefault = fund.error !== undefined;
  const ceiling = fund.data?.ceiling ?? (ceilingIsDefault ? DEFAULT_CASE_CEILING_USD : undefined);

  async function submit(event: Event) {
    event.preventDefault();
    if (submittingRef.current) return;
    const current = formRef.current;
    const body = buildRequestBody(current, { childShown: childSectionShown(current) });
    const checked = validate(caseRequestSchema, body);
    setFailure(null);
    if (!checked.ok) {
      setIssues(presentIssues(checked.issues));
      return;
    }
    setIssues([]);
    submittingRef.current = true;
    setSubmitting(true);
    try {
      const created = await api.cases.submit(body, keyRef.current);
      clearDraft(username);
      route(`/cases/${encodeURIComponent(created.caseId)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.issues.length > 0)
        setIssues(presentIssues(error.issues));
      else setFailure(error);
      const key = keyAfterFailure(keyRef.current, error);
      if (key !== keyRef.current) {
        keyRef.current = key;
        saveDraft(username, { form: current, idempotencyKey: key, savedAt: new Date().toISOString() });
      }
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  }

  function discard() {
    clearDraft(username);
    const fresh = emptyForm(country);
    formRef.current = fresh;
    keyRef.current = newIdempotencyKey();
    setForm(fresh);
    setIssues([]);
    setFailure(null);
    setHasDraft(false);
    setConfirmDiscard(false);
  }

  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      {restored && hasDraft ? (
        <p class="notice" role="status">
          {t.draftRestored(formatDateTime(restored.savedAt))}
        </p>
      ) : null}
      <ErrorSummary issues={issues} labelOf={labelOf} />
      <div class="request-form-layout">
        <nav aria-label={t.sectionsNav} class="form-sections">
          <ol>
            {sections.map((key) => {
              const count = issueCount(key);
              return (
                <li key={key} class={count > 0 ? 'has-issues' : undefined}>
                  <a href={`#s-${key}`}>
                    {t.sections[key]}
                    {count > 0 ? ' ' : null}
                    {count > 0 ? <span class="section-issues">{t.sectionIssues(count)}</span> : null}
                  </a>
                </li>
              );
            })}
          </ol>
        </nav>
        <form class="request-form" noValidate onSubmit={submit}>
          <Section id="person" issues={issueCount('person')}>
            <PersonFields b={binding} officerCountry={country} />
          </Section>
          <Section id="location" issues={issueCount('location')}>
            <LocationFields b={binding} />
          </Section>
          <Section id="returnTo" issues={issueCount('returnTo')}>
            <ReturnToFields b={binding} />
          </Section>
          <Section id="route" issues={issueCount('route')}>
            <RouteFields b={binding} />
          </Section>
          <Section id="vulnerabilities" issues={issueCount('vulnerabilities')}>
            <VulnerabilityFields b={binding} />
          </Section>
          <Section id="needs" issues={issueCount('needs')}>
            <NeedsFields b={binding} />
          </Section>
          <Section id="consent" issues={issueCount('consent')}>
            <ConsentFields b={binding} />
          </Section>
          {childShown ? (
            <Section id="child" issues={issueCount('child')}>
              <ChildFields b={binding} />
            </Section>
          ) : null}
          <Section id="costs" issues={issueCount('costs')}>
            <CostFields
              b={binding}
              total={costTotal(form)}
              ceiling={ceiling}
              ceilingIsDefault={ceilingIsDefault}
            />
          </Section>
          <Section id="other" issues={issueCount('other')}>
            <OtherFields b={binding} />
          </Section>
          {failure ? <FailureNotice error={failure} /> : null}
          <div class="form-actions">
            <button type="submit" aria-busy={submitting ? 'true' : undefined} disabled={submitting}>
              {submitting ? t.submitting : t.submit}
            </button>
            {hasDraft ? (
              <button type="button" class="secondary outline" onClick={() => setConfirmDiscard(true)}>
                {t.discard}
              </button>
            ) : null}
          </div>
          <ConfirmDialog
            open={confirmDiscard}
            title={t.discard}
            cancelLabel={t.discardNo}
            confirmLabel={t.discardYes}
            danger
            onCancel={() => setConfirmDiscard(false)}
            onConfirm={discard}
            returnFocusTo={fieldId('migrant.givenNames')}
          >
            <p>{t.discardConfirm}</p>
          </ConfirmDialog>
        </form>
      </div>
    </Page>
  );
}

export default function RequestForm() {
  const who = principal.value;
  if (!who) return null;
  if (who.role !== 'consular') {
    return (
      <Page title={text().title}>
        <p class="notice" role="status">
          {text().consularOnly}
        </p>
      </Page>
    );
  }
  // Keyed by user, so another officer signing in on this device never opens someone else's draft.
  return <RequestFormScreen key={who.username} username={who.username} country={who.country} />;
}
