/**
 * The fund's eligibility settings. The defaults are docs/domain.md's; where a rule is not public
 * Retorno makes it configurable and ships the default stated there.
 */
import { DEFAULT_CASE_CEILING_USD } from '../contracts/fund';
import { type CountryCode, RCM_COUNTRY_CODES } from '../countries';

/** Identifiers of the rules in rules.ts, so a deployment can switch one off by name. */
export const RULE_IDS = [
  'member_countries',
  'return_to_nationality',
  'vulnerability_declared',
  'older_person_age',
  'child_protection',
  'disaster_authorisation',
  'consent',
  'route',
  'ceiling',
  'open_case',
  'repeat_return',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface EligibilityConfig {
  /** Per-case ceiling in USD; the fund's own ceiling (context.ceilingUsd) is what is applied. @default DEFAULT_CASE_CEILING_USD, 1000 */
  readonly ceilingUsd: number;
  /** Age from which `older_person` applies, on the submission date. @default 70 */
  readonly olderPersonAge: number;
  /** A person younger than this is a child. @default 18 */
  readonly childAgeBelow: number;
  /** Countries whose nationals, hosts and routes the fund serves. @default the 11 RCM members */
  readonly memberCountries: readonly CountryCode[];
  /**
   * Member states that have authorised returns of persons stranded by a natural disaster (host or
   * return country). The fund covers them only case by case, on such an authorisation. @default none
   */
  readonly disasterStrandedAuthorisedBy: readonly CountryCode[];
  /** Rules switched off in this deployment. @default none */
  readonly disabledRules: readonly RuleId[];
}

export const DEFAULT_ELIGIBILITY_CONFIG: EligibilityConfig = Object.freeze({
  ceilingUsd: DEFAULT_CASE_CEILING_USD,
  olderPersonAge: 70,
  childAgeBelow: 18,
  memberCountries: RCM_COUNTRY_CODES,
  disasterStrandedAuthorisedBy: [],
  disabledRules: [],
});
