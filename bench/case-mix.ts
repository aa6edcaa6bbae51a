/**
 * The benchmark's cases: eligible requests of the kinds the fund sees, cycled over routes across
 * the region (air and overland, with and without transit countries, children and adults), each
 * a new person so that the one-open-case rule never refuses one. Built on the test fixtures, so a
 * benchmark request is valid exactly when a test's is.
 */

import type { CaseRequestInput } from '../shared/contracts/case-request';
import type { CountryCode } from '../shared/countries';
import { adultIllnessRequest, validCaseRequest } from '../test/support/case-request-fixture';

/** One route of the mix: who the person is, where they are, and how they go home. */
interface RouteTemplate {
  readonly nationality: CountryCode;
  readonly location: { readonly country: CountryCode; readonly city: string };
  readonly returnCity: string;
  readonly mode: 'air' | 'land';
  readonly transit: readonly CountryCode[];
  /** An unaccompanied child (the fixture's child case) or an adult with this vulnerability. */
  readonly person: 'child' | 'illness_or_injury' | 'trafficking_victim' | 'pregnancy' | 'disability';
}

const ROUTES: readonly RouteTemplate[] = [
  {
    nationality: 'HN',
    location: { country: 'MX', city: 'Tapachula' },
    returnCity: 'San Pedro Sula',
    mode: 'land',
    transit: ['GT'],
    person: 'child',
  },
  {
    nationality: 'GT',
    location: { country: 'CR', city: 'San José' },
    returnCity: 'Cobán',
    mode: 'air',
    transit: [],
    person: 'illness_or_injury',
  },
  {
    nationality: 'SV',
    location: { country: 'MX', city: 'Ciudad de México' },
    returnCity: 'San Miguel',
    mode: 'land',
    transit: ['GT'],
    person: 'trafficking_victim',
  },
  {
    nationality: 'NI',
    location: { country: 'PA', city: 'Ciudad de Panamá' },
    returnCity: 'León',
    mode: 'land',
    transit: ['CR'],
    person: 'pregnancy',
  },
  {
    nationality: 'HN',
    location: { country: 'US', city: 'Houston' },
    returnCity: 'Tegucigalpa',
    mode: 'air',
    transit: [],
    person: 'trafficking_victim',
  },
  {
    nationality: 'DO',
    location: { country: 'PA', city: 'Colón' },
    returnCity: 'Santiago de los Caballeros',
    mode: 'air',
    transit: [],
    person: 'disability',
  },
  {
    nationality: 'GT',
    location: { country: 'MX', city: 'Tijuana' },
    returnCity: 'Quetzaltenango',
    mode: 'land',
    transit: [],
    person: 'child',
  },
  {
    nationality: 'BZ',
    location: { country: 'GT', city: 'Flores' },
    returnCity: 'Belize City',
    mode: 'land',
    transit: [],
    person: 'illness_or_injury',
  },
  {
    nationality: 'MX',
    location: { country: 'US', city: 'Phoenix' },
    returnCity: 'Hermosillo',
    mode: 'land',
    transit: [],
    person: 'disability',
  },
  {
    nationality: 'CR',
    location: { country: 'SV', city: 'San Salvador' },
    returnCity: 'Liberia',
    mode: 'land',
    transit: ['HN', 'NI'],
    person: 'trafficking_victim',
  },
  {
    nationality: 'CA',
    location: { country: 'MX', city: 'Cancún' },
    returnCity: 'Toronto',
    mode: 'air',
    transit: [],
    person: 'illness_or_injury',
  },
];

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The `index`-th case of the mix, for a person no other case of the run (`runId`) has: the
 * document number and the family name carry both.
 */
export function benchCaseRequest(index: number, runId: string): CaseRequestInput {
  const route = ROUTES[index % ROUTES.length]!;
  const consent = {
    dataTransferConsent: [route.location.country, ...route.transit, route.nationality],
  };
  const place = {
    location: { country: route.location.country, city: route.location.city, facility: undefined },
    returnTo: { country: route.nationality, city: route.returnCity },
    route: { mode: route.mode, transitCountries: [...route.transit] },
    consent,
  };
  const unique = `${runId}-${index}`;
  if (route.person === 'child') {
    return validCaseRequest({
      ...place,
      migrant: {
        nationality: route.nationality,
        familyNames: `Bench ${unique}`,
        // 12 to 15 years old in 2026, a different birthday for each index.
        dateOfBirth: addDays('2011-01-01', index % 1000),
        documentNumber: `BC-${unique}`,
      },
    });
  }
  return adultIllnessRequest({
    ...place,
    migrant: {
      nationality: route.nationality,
      familyNames: `Bench ${unique}`,
      dateOfBirth: addDays('1970-01-01', (index * 37) % 9000),
      documentNumber: `BP-${unique}`,
    },
    vulnerabilities: [route.person],
    needs:
      route.person === 'illness_or_injury'
        ? { escort: true, medicalEscort: true, wheelchair: false, notes: undefined }
        : {
            escort: false,
            medicalEscort: false,
            wheelchair: route.person === 'disability',
            notes: undefined,
          },
  });
}
