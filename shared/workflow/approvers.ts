/**
 * Who approves a case's return (docs/architecture.md step 4): the country the migrant is in (exit), each
 * transit country on an overland route, and the country of return (reception). A country that
 * plays two parts approves once, under its first part.
 */
import type { ApprovalRole } from '../contracts/case';
import type { CountryCode } from '../countries';

export interface CountryApprover {
  readonly country: CountryCode;
  readonly approvalRole: Exclude<ApprovalRole, 'disbursement'>;
}

/** The approving countries in route order: exit, transit countries, reception; each once. */
export function approversOf(route: {
  readonly locationCountry: CountryCode;
  readonly transitCountries: readonly CountryCode[];
  readonly returnCountry: CountryCode;
}): CountryApprover[] {
  const parts: CountryApprover[] = [
    { country: route.locationCountry, approvalRole: 'exit' },
    ...route.transitCountries.map((country): CountryApprover => ({ country, approvalRole: 'transit' })),
    { country: route.returnCountry, approvalRole: 'reception' },
  ];
  const seen = new Set<CountryCode>();
  return parts.filter(({ country }) => !seen.has(country) && seen.add(country));
}
