/**
 * Valid case requests for tests. `validCaseRequest()` is the fund's most typical case: an
 * unaccompanied Honduran child stranded in Mexico, going home overland through Guatemala with an
 * escort, a best-interests determination and every consent; costs total 780 USD.
 */
import type { CaseRequestInput } from '../../shared/contracts/case-request';

type DeepPartial<T> = T extends readonly (infer _)[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge where arrays and scalars replace, and `undefined` removes the field. */
function merge<T>(base: T, overrides: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(overrides))
    return (overrides === undefined ? base : overrides) as T;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[key];
    else result[key] = key in base ? merge(base[key as keyof T], value) : value;
  }
  return result as T;
}

/** The unaccompanied child's request, deep-merged with `overrides` (`undefined` deletes a field). */
export function validCaseRequest(overrides: DeepPartial<CaseRequestInput> = {}): CaseRequestInput {
  const base: CaseRequestInput = {
    migrant: {
      givenNames: 'José Andrés',
      familyNames: 'Martínez López',
      dateOfBirth: '2010-03-14',
      sex: 'male',
      nationality: 'HN',
      documentType: 'birth_certificate',
      documentNumber: '0801-2010-01234',
    },
    location: { country: 'MX', city: 'Tapachula', facility: 'Albergue DIF Tapachula' },
    returnTo: {
      country: 'HN',
      city: 'San Pedro Sula',
      receivingContact: { name: 'María López', relationship: 'mother', phone: '+504 9999 1234' },
    },
    route: { mode: 'land', transitCountries: ['GT'] },
    vulnerabilities: ['unaccompanied_child'],
    needs: { escort: true, medicalEscort: false, wheelchair: false },
    consent: {
      informedConsent: true,
      consentDate: '2024-05-10',
      dataTransferConsent: ['MX', 'GT', 'HN'],
      language: 'es',
    },
    child: {
      bestInterestsDetermination: { decidedOn: '2024-05-08', authority: 'DIF Chiapas', outcome: 'return' },
      guardian: { name: 'María López', relationship: 'mother' },
    },
    costs: { transport: 320, escort: 250, lodging: 90, food: 60, documents: 40, medical: 20, other: 0 },
    circumstances: 'Travelled alone; found by DIF in Tapachula; asks to return to his mother.',
  };
  return merge(base, overrides);
}

/** An adult Guatemalan with a serious illness in Costa Rica, flying home with a medical escort. */
export function adultIllnessRequest(overrides: DeepPartial<CaseRequestInput> = {}): CaseRequestInput {
  const base: CaseRequestInput = {
    migrant: {
      givenNames: 'Ana Lucía',
      familyNames: 'Pérez Xol',
      dateOfBirth: '1985-07-02',
      sex: 'female',
      nationality: 'GT',
      documentType: 'passport',
      documentNumber: 'G12345678',
    },
    location: { country: 'CR', city: 'San José' },
    returnTo: { country: 'GT', city: 'Cobán' },
    route: { mode: 'air', transitCountries: [] },
    vulnerabilities: ['illness_or_injury'],
    needs: { escort: true, medicalEscort: true, wheelchair: true, notes: 'Oxygen during the flight.' },
    consent: { informedConsent: true, consentDate: '2024-05-02', dataTransferConsent: ['CR', 'GT'] },
    costs: { transport: 450, escort: 300, lodging: 0, food: 30, documents: 25, medical: 120, other: 0 },
  };
  return merge(base, overrides);
}
