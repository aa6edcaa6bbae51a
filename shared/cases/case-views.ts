/**
 * Who lists which cases, as "views": each case is written under the key of every audience that
 * may list it, so each listing is one index Query instead of a filtered scan.
 *   all              the Secretariat, operations and the auditor
 *   nationality#HN   Honduran consular officers (their nationals)
 *   concerns#MX      cases that concern Mexico (the person is in, crosses or returns to it), for
 *                    the regional roles' country filter
 *   authority#MX     Mexican authorities: the cases that concern Mexico whose person consented to
 *                    share their data with it
 *   returns#HN       Honduran reintegration officers (returns to Honduras, with the consent to share
 *                    with Honduras)
 */
import type { CountryCode } from '../countries';
import { ForbiddenError } from '../errors';
import type { Principal } from '../roles';
import { type CaseRecord, concernedCountries } from './case-record';
import { authorityCountries } from './visibility';

export type CaseView =
  | 'all'
  | `nationality#${CountryCode}`
  | `concerns#${CountryCode}`
  | `authority#${CountryCode}`
  | `returns#${CountryCode}`;

/** The views a case appears in. */
export function viewsOfCase(
  record: Pick<
    CaseRecord,
    'nationality' | 'locationCountry' | 'transitCountries' | 'returnCountry' | 'request'
  >,
): CaseView[] {
  return [
    'all',
    `nationality#${record.nationality}`,
    ...concernedCountries(record).map((country): CaseView => `concerns#${country}`),
    ...authorityCountries(record).map((country): CaseView => `authority#${country}`),
    ...(authorityCountries(record).includes(record.returnCountry)
      ? [`returns#${record.returnCountry}` as const]
      : []),
  ];
}

/**
 * The view a principal lists, narrowed to a country when they ask for one. Regional roles may
 * narrow to any country's concerns; country roles list their own country's view and may not ask
 * for another country's.
 * @throws ForbiddenError when a country role asks for another country
 */
export function viewForPrincipal(principal: Principal, country?: CountryCode): CaseView {
  switch (principal.role) {
    case 'secretariat':
    case 'operations':
    case 'auditor':
      return country ? `concerns#${country}` : 'all';
    default: {
      const own = principal.country;
      if (!own) throw new ForbiddenError(`role ${principal.role} needs a country to list cases`);
      if (country && country !== own) throw new ForbiddenError(`you may list cases of ${own} only`);
      if (principal.role === 'consular') return `nationality#${own}`;
      if (principal.role === 'reintegration') return `returns#${own}`;
      return `authority#${own}`;
    }
  }
}
