/** Which cases a principal may see at all (the rule access.ts documents). */
import type { CountryCode } from '../countries';
import type { Principal } from '../roles';
import { type CaseRecord, concernedCountries } from './case-record';

type Scoped = Pick<CaseRecord, 'nationality' | 'locationCountry' | 'transitCountries' | 'returnCountry'> & {
  readonly request: { readonly consent: { readonly dataTransferConsent: readonly CountryCode[] } };
};

/**
 * The countries whose authorities may see the case: those it concerns (where the person is, the
 * route crosses, or returns to) that the person consented to share their data with. The same
 * consent the eligibility rule `consent` asks of every country on the route, so every country
 * asked to approve an eligible case can see it.
 */
export function authorityCountries(record: Scoped): CountryCode[] {
  const consented = record.request.consent.dataTransferConsent;
  return concernedCountries(record).filter((country) => consented.includes(country));
}

/** True when the principal may see the case at all. */
export function mayViewCase(principal: Principal, record: Scoped): boolean {
  switch (principal.role) {
    case 'secretariat':
    case 'operations':
    case 'auditor':
      return true;
    case 'consular':
      return principal.country === record.nationality;
    case 'authority':
      return principal.country !== undefined && authorityCountries(record).includes(principal.country);
    case 'reintegration':
      // The return country's services, with the same consent as its authority.
      return (
        principal.country === record.returnCountry && authorityCountries(record).includes(principal.country)
      );
  }
}
