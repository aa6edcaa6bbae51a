/**
 * The request form's pure functions. The draft functions (loadDraft, saveDraft, clearDraft) read
 * and write sessionStorage and are left to the browser tests.
 */
import { caseRequestSchema } from '../../../shared/contracts/case-request';
import {
  buildRequestBody,
  COST_PATHS,
  childSectionShown,
  costTotal,
  draftKey,
  emptyForm,
  FLAG_PATHS,
  type FormState,
  fieldPathOf,
  isKeyReused,
  isMinor,
  keyAfterFailure,
  LIST_PATHS,
  localToday,
  TEXT_PATHS,
} from '../../../web/src/screens/request-form/form-state';

const TODAY = '2024-05-20';

const formWith = (
  fields: Partial<Record<keyof FormState, string | boolean | readonly string[]>>,
): FormState => ({ ...emptyForm(), ...fields }) as FormState;

/** Every field of the form filled in, as an officer would type it for an unaccompanied child. */
const filledForm = (): FormState =>
  formWith({
    'migrant.givenNames': 'José Andrés',
    'migrant.familyNames': 'Martínez López',
    'migrant.dateOfBirth': '2010-03-14',
    'migrant.sex': 'male',
    'migrant.nationality': 'HN',
    'migrant.documentType': 'birth_certificate',
    'migrant.documentNumber': '0801-2010-01234',
    'location.country': 'MX',
    'location.city': 'Tapachula',
    'location.facility': 'Albergue DIF Tapachula',
    'returnTo.country': 'HN',
    'returnTo.city': 'San Pedro Sula',
    'returnTo.address': 'Colonia Rivera Hernández, casa 12',
    'returnTo.receivingContact.name': 'María López',
    'returnTo.receivingContact.relationship': 'mother',
    'returnTo.receivingContact.phone': '+504 9999 1234',
    'route.mode': 'land',
    'route.transitCountries': ['GT'],
    'route.earliestDeparture': '2024-06-01',
    vulnerabilities: ['unaccompanied_child'],
    'needs.escort': true,
    'needs.medicalEscort': false,
    'needs.wheelchair': true,
    'needs.notes': 'Needs a window seat.',
    'consent.informedConsent': true,
    'consent.consentDate': '2024-05-10',
    'consent.dataTransferConsent': ['MX', 'GT', 'HN'],
    'consent.language': 'es',
    'child.bestInterestsDetermination.decidedOn': '2024-05-08',
    'child.bestInterestsDetermination.authority': 'DIF Chiapas',
    'child.bestInterestsDetermination.outcome': 'return',
    'child.bestInterestsDetermination.reference': 'BID-2024-077',
    'child.guardian.name': 'María López',
    'child.guardian.relationship': 'mother',
    'child.guardian.phone': '+504 9999 1234',
    'costs.transport': '320',
    'costs.escort': '250.50',
    'costs.lodging': '90',
    'costs.food': '60.25',
    'costs.documents': '40',
    'costs.medical': '20',
    'costs.other': '0',
    circumstances: 'Travelled alone; found by DIF in Tapachula.',
    'contact.phone': '+52 962 123 4567',
    'contact.email': 'jose@example.org',
    submitterNotes: 'Mother confirmed by phone.',
  });

describe('an empty request form', () => {
  it('has every text field empty, every yes/no field unticked and every list empty', () => {
    const form = emptyForm();
    for (const path of TEXT_PATHS) expect(form[path]).toBe('');
    for (const path of FLAG_PATHS) expect(form[path]).toBe(false);
    for (const path of LIST_PATHS) expect(form[path]).toEqual([]);
  });

  it("takes the officer's country as the nationality and the return country", () => {
    const form = emptyForm('GT');
    expect(form['migrant.nationality']).toBe('GT');
    expect(form['returnTo.country']).toBe('GT');
    expect(form['location.country']).toBe('');
  });
});

describe("today on the officer's device", () => {
  it('is the local calendar date written YYYY-MM-DD', () => {
    expect(localToday(new Date(2024, 0, 5, 23, 30))).toBe('2024-01-05');
    expect(localToday(new Date(2024, 11, 31, 0, 1))).toBe('2024-12-31');
  });
});

describe('the child section', () => {
  it('is shown for someone under 18 by the date of birth', () => {
    const child = formWith({ 'migrant.dateOfBirth': '2010-03-14' });
    expect(isMinor(child, TODAY)).toBe(true);
    expect(childSectionShown(child, TODAY)).toBe(true);
  });

  it('is shown up to the day before the 18th birthday, and not from the birthday on', () => {
    const born = formWith({ 'migrant.dateOfBirth': '2006-05-20' });
    expect(isMinor(born, '2024-05-19')).toBe(true);
    expect(isMinor(born, '2024-05-20')).toBe(false);
    expect(childSectionShown(born, '2024-05-20')).toBe(false);
  });

  it('is not shown for an adult, nor for an incomplete, impossible or future date of birth', () => {
    for (const dateOfBirth of ['1985-07-02', '', '2010-03', '2010-02-30', '2025-01-01']) {
      expect(childSectionShown(formWith({ 'migrant.dateOfBirth': dateOfBirth }), TODAY)).toBe(false);
    }
  });

  it('is shown for an adult declared an unaccompanied child', () => {
    const declared = formWith({
      'migrant.dateOfBirth': '1985-07-02',
      vulnerabilities: ['disability', 'unaccompanied_child'],
    });
    expect(isMinor(declared, TODAY)).toBe(false);
    expect(childSectionShown(declared, TODAY)).toBe(true);
    expect(childSectionShown(formWith({ vulnerabilities: ['disability'] }), TODAY)).toBe(false);
  });
});

describe('the cost total', () => {
  it('adds the typed costs in whole cents, so 0.10 and 0.20 make exactly 0.30', () => {
    expect(costTotal(formWith({ 'costs.transport': '0.1', 'costs.food': '0.2' }))).toBe(0.3);
    expect(costTotal(filledForm())).toBe(780.75);
  });

  it('counts empty, negative and non-numeric amounts as 0', () => {
    expect(costTotal(emptyForm())).toBe(0);
    expect(
      costTotal(
        formWith({
          'costs.transport': '100',
          'costs.escort': '-40',
          'costs.food': 'abc',
          'costs.other': ' ',
        }),
      ),
    ).toBe(100);
  });
});

describe('the body built from the form', () => {
  it('passes the case request contract when every field is filled in', () => {
    const form = filledForm();
    const parsed = caseRequestSchema.safeParse(
      buildRequestBody(form, { childShown: childSectionShown(form, TODAY) }),
    );
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.success).toBe(true);
  });

  it('turns the typed costs into numbers, an empty or blank cost into 0', () => {
    const body = buildRequestBody(
      formWith({ 'costs.transport': '320', 'costs.escort': ' 12.5 ', 'costs.lodging': ' ' }),
      { childShown: false },
    );
    expect(body.costs).toEqual({
      transport: 320,
      escort: 12.5,
      lodging: 0,
      food: 0,
      documents: 0,
      medical: 0,
      other: 0,
    });
    expect(Object.keys(body.costs)).toEqual(COST_PATHS.map((path) => path.slice('costs.'.length)));
  });

  it('leaves an amount that is not a number for the contract to refuse', () => {
    const body = buildRequestBody(formWith({ 'costs.transport': 'a lot' }), { childShown: false });
    expect(body.costs.transport).toBeNaN();
  });

  it('sends the yes/no fields as booleans', () => {
    const body = buildRequestBody(filledForm(), { childShown: true });
    expect(body.needs).toMatchObject({ escort: true, medicalEscort: false, wheelchair: true });
    expect(body.consent.informedConsent).toBe(true);
    expect(buildRequestBody(emptyForm(), { childShown: false }).needs).toEqual({
      escort: false,
      medicalEscort: false,
      wheelchair: false,
    });
  });

  it('sends copies of the lists', () => {
    const form = filledForm();
    const body = buildRequestBody(form, { childShown: true });
    expect(body.route.transitCountries).toEqual(['GT']);
    expect(body.vulnerabilities).toEqual(['unaccompanied_child']);
    expect(body.consent.dataTransferConsent).toEqual(['MX', 'GT', 'HN']);
    expect(body.route.transitCountries).not.toBe(form['route.transitCountries']);
  });

  it('leaves out the optional fields left empty or blank', () => {
    const body = buildRequestBody(
      formWith({ 'migrant.documentNumber': '   ', 'location.facility': '', 'needs.notes': ' ' }),
      { childShown: false },
    );
    expect(body.migrant).not.toHaveProperty('documentType');
    expect(body.migrant).not.toHaveProperty('documentNumber');
    expect(body.location).not.toHaveProperty('facility');
    expect(body.returnTo).not.toHaveProperty('address');
    expect(body.route).not.toHaveProperty('earliestDeparture');
    expect(body.needs).not.toHaveProperty('notes');
    expect(body.consent).not.toHaveProperty('language');
    for (const key of ['circumstances', 'submitterNotes', 'contact']) expect(body).not.toHaveProperty(key);
  });

  it('leaves out the optional groups left empty, and sends one as soon as a field of it is typed', () => {
    const empty = buildRequestBody(emptyForm(), { childShown: false });
    expect(empty.returnTo).not.toHaveProperty('receivingContact');
    expect(empty).not.toHaveProperty('contact');

    const typed = buildRequestBody(
      formWith({ 'returnTo.receivingContact.name': 'María López', 'contact.email': 'jose@example.org' }),
      { childShown: false },
    );
    expect(typed.returnTo.receivingContact).toEqual({ name: 'María López', relationship: '' });
    expect(typed.contact).toEqual({ email: 'jose@example.org' });
  });

  it('sends the required text fields as typed, even empty, and leaves out an empty required choice', () => {
    const body = buildRequestBody(emptyForm(), { childShown: false });
    expect(body.migrant).toEqual({ givenNames: '', familyNames: '', dateOfBirth: '' });
    expect(body.location).toEqual({ city: '' });
    expect(body.route).toEqual({ transitCountries: [] });
    expect(body.consent).toEqual({ informedConsent: false, consentDate: '', dataTransferConsent: [] });
  });

  it('sends the child part only while the child section is shown', () => {
    const form = filledForm();
    expect(buildRequestBody(form, { childShown: false })).not.toHaveProperty('child');
    expect(buildRequestBody(form, { childShown: true }).child).toEqual({
      bestInterestsDetermination: {
        decidedOn: '2024-05-08',
        authority: 'DIF Chiapas',
        outcome: 'return',
        reference: 'BID-2024-077',
      },
      guardian: { name: 'María López', relationship: 'mother', phone: '+504 9999 1234' },
    });
  });

  it('sends a shown but untouched child section without a guardian, for the contract to name what is missing', () => {
    const body = buildRequestBody(emptyForm(), { childShown: true });
    expect(body.child).toEqual({ bestInterestsDetermination: { decidedOn: '', authority: '' } });
  });

  it('of an adult, with the child fields typed but the section hidden, passes the contract without them', () => {
    const form = formWith({
      ...filledForm(),
      'migrant.dateOfBirth': '1985-07-02',
      vulnerabilities: ['illness_or_injury'],
    });
    const childShown = childSectionShown(form, TODAY);
    expect(childShown).toBe(false);
    const body = buildRequestBody(form, { childShown });
    expect(body).not.toHaveProperty('child');
    expect(caseRequestSchema.safeParse(body).success).toBe(true);
  });
});

describe('the field an issue is shown on', () => {
  it('is the list for an issue about one of its items', () => {
    expect(fieldPathOf('route.transitCountries.1')).toBe('route.transitCountries');
    expect(fieldPathOf('vulnerabilities.0')).toBe('vulnerabilities');
    expect(fieldPathOf('consent.dataTransferConsent.12')).toBe('consent.dataTransferConsent');
  });

  it('is the field itself, or the costs fieldset, for an issue about them', () => {
    expect(fieldPathOf('migrant.givenNames')).toBe('migrant.givenNames');
    expect(fieldPathOf('costs')).toBe('costs');
    expect(fieldPathOf('costs.transport')).toBe('costs.transport');
  });

  it('is the path itself when no field has it', () => {
    expect(fieldPathOf('priority')).toBe('priority');
    expect(fieldPathOf('(root)')).toBe('(root)');
  });
});

describe('the draft', () => {
  it('is kept under a key of its own for each user', () => {
    expect(draftKey('officer.hn')).toBe('retorno.draft.officer.hn');
    expect(draftKey('officer.gt')).not.toBe(draftKey('officer.hn'));
  });
});

describe('the idempotency key after a failed submission', () => {
  const key = 'draft-key-1';
  const answer = (status: number, error: string) => ({ status, error, message: 'refused' });

  it('stays after a refusal that stored nothing, so the corrected request is the same request', () => {
    expect(keyAfterFailure(key, answer(400, 'ValidationError'))).toBe(key);
    expect(keyAfterFailure(key, answer(403, 'ForbiddenError'))).toBe(key);
    expect(keyAfterFailure(key, answer(409, 'OpenCaseClaimedError'))).toBe(key);
  });

  it('stays after an answer that never came, so sending again answers the case it may have made', () => {
    expect(keyAfterFailure(key, answer(0, 'NetworkError'))).toBe(key);
    expect(keyAfterFailure(key, answer(503, 'ServiceUnavailable'))).toBe(key);
    expect(keyAfterFailure(key, new TypeError('fetch failed'))).toBe(key);
  });

  it('is renewed once the API says the key already made a case from another version', () => {
    const reused = answer(409, 'IdempotencyKeyReusedError');
    expect(isKeyReused(reused)).toBe(true);
    const next = keyAfterFailure(key, reused);
    expect(next).not.toBe(key);
    expect(next).toMatch(/^[0-9a-f-]{36}$/);
    expect(keyAfterFailure(key, reused)).not.toBe(next);
  });

  it('does not take another 409 or a non-answer for a reused key', () => {
    expect(isKeyReused(answer(409, 'OpenCaseClaimedError'))).toBe(false);
    expect(isKeyReused(answer(400, 'IdempotencyKeyReusedError'))).toBe(false);
    expect(isKeyReused(undefined)).toBe(false);
    expect(isKeyReused('IdempotencyKeyReusedError')).toBe(false);
  });
});
