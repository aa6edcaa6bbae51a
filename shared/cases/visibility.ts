/** Which cases a principal may see at all (the rule access.ts documents). */
import type { Principal } from '../roles';
import { type CaseRecord, concernedCountries } from './case-record';

type Scoped = Pick<CaseRecord, 'nationality' | 'locationCountry' | 'transitCountries' | 'returnCountry'>;

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
      return principal.country !== undefined && concernedCountries(record).includes(principal.country);
    case 'reintegration':
      return principal.country === record.returnCountry;
  }
}
