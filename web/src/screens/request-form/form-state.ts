/**
 * The new-request form's state and the one function that turns it into the body of
 * `POST /api/cases`. The state is what the officer typed, kept as strings, booleans and lists
 * under the contract's own paths (`migrant.givenNames`, `costs.transport`), so a field's name, its
 * issue and its value share one key. The draft (the state and its idempotency key) is kept in
 * sessionStorage per signed-in user until the case is submitted or the draft discarded: a reload
 * or an expired session's sign-in keeps it, but it holds a migrant's personal data, so it ends
 * with the browser tab and never stays on a shared consulate computer's disk.
 */
import type { CaseRequestInput } from '../../../../shared/contracts/case-request';
import { ageOn, isCalendarDate } from '../../../../shared/contracts/dates';

export const TEXT_PATHS = [
  'migrant.givenNames',
  'migrant.familyNames',
  'migrant.dateOfBirth',
  'migrant.sex',
  'migrant.nationality',
  'migrant.documentType',
  'migrant.documentNumber',
  'location.country',
  'location.city',
  'location.facility',
  'returnTo.country',
  'returnTo.city',
  'returnTo.address',
  'returnTo.receivingContact.name',
  'returnTo.receivingContact.relationship',
  'returnTo.receivingContact.phone',
  'route.mode',
  'route.earliestDeparture',
  'needs.notes',
  'consent.consentDate',
  'consent.language',
  'child.bestInterestsDetermination.decidedOn',
  'child.bestInterestsDetermination.authority',
  'child.bestInterestsDetermination.outcome',
  'child.bestInterestsDetermination.reference',
  'child.guardian.name',
  'child.guardian.relationship',
  'child.guardian.phone',
  'costs.transport',
  'costs.escort',
  'costs.lodging',
  'costs.food',
  'costs.documents',
  'costs.medical',
  'costs.other',
  'circumstances',
  'contact.phone',
  'contact.email',
  'submitterNotes',
] as const;
export const FLAG_PATHS = [
  'needs.escort',
  'needs.medicalEscort',
  'needs.wheelchair',
  'consent.informedConsent',
] as const;
export const LIST_PATHS = [
  'route.transitCountries',
  'vulnerabilities',
  'consent.dataTransferConsent',
] as const;

export type TextPath = (typeof TEXT_PATHS)[number];
export type FlagPath = (typeof FLAG_PATHS)[number];
export type ListPath = (typeof LIST_PATHS)[number];
export type FieldPath = TextPath | FlagPath | ListPath;

export type FormState = { readonly [P in TextPath]: string } & { readonly [P in FlagPath]: boolean } & {
  readonly [P in ListPath]: readonly string[];
};

export const COST_PATHS = [
  'costs.transport',
  'costs.escort',
  'costs.lodging',
  'costs.food',
  'costs.documents',
  'costs.medical',
  'costs.other',
] as const satisfies readonly TextPath[];

/** Every path a field of the form has, plus the groups whose issues are shown on a fieldset. */
export const FIELD_PATHS: ReadonlySet<string> = new Set<string>([
  ...TEXT_PATHS,
  ...FLAG_PATHS,
  ...LIST_PATHS,
  'costs',
]);

/** An empty form; the officer's own country is the likely nationality and return country. */
export function emptyForm(country?: string): FormState {
  const form: Record<string, string | boolean | readonly string[]> = {};
  for (const path of TEXT_PATHS) form[path] = '';
  for (const path of FLAG_PATHS) form[path] = false;
  for (const path of LIST_PATHS) form[path] = [];
  if (country) {
    form['migrant.nationality'] = country;
    form['returnTo.country'] = country;
  }
  return form as FormState;
}

/** Today as the officer's device sees it, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Whether the person is a child by the typed date of birth (an incomplete date says nothing). */
export function isMinor(form: FormState, today: string = localToday()): boolean {
  const birth = form['migrant.dateOfBirth'];
  return isCalendarDate(birth) && birth <= today && ageOn(birth, today) < 18;
}

/** The child section is asked for when the person is under 18 or declared an unaccompanied child. */
export function childSectionShown(form: FormState, today: string = localToday()): boolean {
  return isMinor(form, today) || form.vulnerabilities.includes('unaccompanied_child');
}

/** A typed amount as a number: empty counts as 0; anything else is left for the contract to judge. */
function amount(typed: string): number {
  const trimmed = typed.trim();
  return trimmed === '' ? 0 : Number(trimmed);
}

/** The live total of the typed costs, in USD, summed in cents; amounts that are not money count 0. */
export function costTotal(form: FormState): number {
  let cents = 0;
  for (const path of COST_PATHS) {
    const value = amount(form[path]);
    if (Number.isFinite(value) && value >= 0) cents += Math.round(value * 100);
  }
  return cents / 100;
}

/** Drops keys whose value is undefined, and answers undefined for an object left empty. */
function compact<T extends Record<string, unknown>>(object: T): T | undefined {
  const entries = Object.entries(object).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

/**
 * The body of `POST /api/cases` built from the form: costs become numbers, yes/no fields
 * booleans, and empty optional fields and optional groups are left out. Required fields are sent
 * as typed (even empty), so the contract names what is missing. The child section is sent only
 * while it is shown.
 */
export function buildRequestBody(form: FormState, options: { childShown: boolean }): CaseRequestInput {
  const text = (path: TextPath): string => form[path];
  const optional = (path: TextPath): string | undefined =>
    form[path].trim() === '' ? undefined : form[path];
  const anyTyped = (...paths: TextPath[]) => paths.some((path) => form[path].trim() !== '');
  const required = (path: TextPath): string | undefined => (form[path] === '' ? undefined : form[path]);

  const receivingContact = anyTyped(
    'returnTo.receivingContact.name',
    'returnTo.receivingContact.relationship',
    'returnTo.receivingContact.phone',
  )
    ? compact({
        name: text('returnTo.receivingContact.name'),
        relationship: text('returnTo.receivingContact.relationship'),
        phone: optional('returnTo.receivingContact.phone'),
      })
    : undefined;
  const guardian = anyTyped('child.guardian.name', 'child.guardian.relationship', 'child.guardian.phone')
    ? compact({
        name: text('child.guardian.name'),
        relationship: text('child.guardian.relationship'),
        phone: optional('child.guardian.phone'),
      })
    : undefined;

  const body = compact({
    migrant: compact({
      givenNames: text('migrant.givenNames'),
      familyNames: text('migrant.familyNames'),
      dateOfBirth: text('migrant.dateOfBirth'),
      sex: required('migrant.sex'),
      nationality: required('migrant.nationality'),
      documentType: optional('migrant.documentType'),
      documentNumber: optional('migrant.documentNumber'),
    }),
    location: compact({
      country: required('location.country'),
      city: text('location.city'),
      facility: optional('location.facility'),
    }),
    returnTo: compact({
      country: required('returnTo.country'),
      city: text('returnTo.city'),
      address: optional('returnTo.address'),
      receivingContact,
    }),
    route: compact({
      mode: required('route.mode'),
      transitCountries: [...form['route.transitCountries']],
      earliestDeparture: optional('route.earliestDeparture'),
    }),
    vulnerabilities: [...form.vulnerabilities],
    needs: compact({
      escort: form['needs.escort'],
      medicalEscort: form['needs.medicalEscort'],
      wheelchair: form['needs.wheelchair'],
      notes: optional('needs.notes'),
    }),
    consent: compact({
      informedConsent: form['consent.informedConsent'],
      consentDate: text('consent.consentDate'),
      dataTransferConsent: [...form['consent.dataTransferConsent']],
      language: optional('consent.language'),
    }),
    child: options.childShown
      ? compact({
          bestInterestsDetermination: compact({
            decidedOn: text('child.bestInterestsDetermination.decidedOn'),
            authority: text('child.bestInterestsDetermination.authority'),
            outcome: required('child.bestInterestsDetermination.outcome'),
            reference: optional('child.bestInterestsDetermination.reference'),
          }),
          guardian,
        })
      : undefined,
    costs: Object.fromEntries(COST_PATHS.map((path) => [path.slice('costs.'.length), amount(form[path])])),
    circumstances: optional('circumstances'),
    contact: compact({ phone: optional('contact.phone'), email: optional('contact.email') }),
    submitterNotes: optional('submitterNotes'),
  });
  // The contract judges the shape; this only converts what was typed.
  return body as unknown as CaseRequestInput;
}

/** The field an issue belongs to: `route.transitCountries.1` is shown on `route.transitCountries`. */
export function fieldPathOf(issuePath: string): string {
  let path = issuePath;
  while (!FIELD_PATHS.has(path) && /\.\d+$/.test(path)) path = path.replace(/\.\d+$/, '');
  return path;
}

/** A draft: what was typed, and the idempotency key its submission is sent with. */
export interface Draft {
  readonly form: FormState;
  readonly idempotencyKey: string;
  readonly savedAt: string;
}

export const draftKey = (username: string): string => `retorno.draft.${username}`;

export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `draft-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The idempotency key for the next submission after one that failed. The key stays while it may
 * still name what the API did: after a refusal (400, 403, a 409 such as another open case of the
 * person) nothing was stored under it, and after an answer that never came (no connection, a 5xx)
 * the case may have been stored, so sending again with the same key answers that case instead of
 * making a second one, edited or not (an edited body is then refused as a reuse of the key). Only
 * that refusal spends the key: the earlier version is recorded, and what is sent next is a new
 * request with a new key (a second request for the same person still meets the open-case rule).
 */
export function keyAfterFailure(key: string, failure: unknown): string {
  return isKeyReused(failure) ? newIdempotencyKey() : key;
}

/** The API's answer that this key already made a case from another version of the request. */
export function isKeyReused(failure: unknown): boolean {
  if (typeof failure !== 'object' || failure === null) return false;
  const { status, error } = failure as { status?: unknown; error?: unknown };
  return status === 409 && error === 'IdempotencyKeyReusedError';
}

/** The user's saved draft, read defensively: only known fields of the right kind are taken. */
export function loadDraft(username: string, country?: string): Draft | null {
  let stored: unknown;
  try {
    stored = JSON.parse(globalThis.sessionStorage?.getItem(draftKey(username)) ?? 'null');
  } catch {
    return null;
  }
  if (typeof stored !== 'object' || stored === null) return null;
  const { form, idempotencyKey, savedAt } = stored as Record<string, unknown>;
  if (typeof form !== 'object' || form === null || typeof idempotencyKey !== 'string') return null;
  const saved = form as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...emptyForm(country) };
  for (const path of TEXT_PATHS) if (typeof saved[path] === 'string') merged[path] = saved[path];
  for (const path of FLAG_PATHS) if (typeof saved[path] === 'boolean') merged[path] = saved[path];
  for (const path of LIST_PATHS) {
    const list = saved[path];
    if (Array.isArray(list)) merged[path] = list.filter((item): item is string => typeof item === 'string');
  }
  return {
    form: merged as FormState,
    idempotencyKey,
    savedAt: typeof savedAt === 'string' ? savedAt : new Date().toISOString(),
  };
}

export function saveDraft(username: string, draft: Draft): void {
  try {
    globalThis.sessionStorage?.setItem(draftKey(username), JSON.stringify(draft));
  } catch {
    // A full or blocked storage only loses the draft across a reload; the form still works.
  }
}

export function clearDraft(username: string): void {
  globalThis.sessionStorage?.removeItem(draftKey(username));
}
