/**
 * Runs the eligibility rules over a request and says, in plain words, whether the case is
 * eligible and why not. Pure: the date, the ceiling and the person's history come in `context`.
 */
import { type CaseRequest, COST_ITEMS } from '../contracts/case-request';
import { ageOn, isCalendarDate } from '../contracts/dates';
import type { EligibilityFinding, EligibilityResult } from '../contracts/eligibility-result';
import { sumUsd } from '../contracts/money';
import { DEFAULT_ELIGIBILITY_CONFIG, type EligibilityConfig } from './config';
import { DEFAULT_RULES, type EligibilityContext, type Finding, type Rule } from './rules';

export { personKeys } from './person-keys';
export type { EligibilityContext } from './rules';

/** Sum of a request's costs in USD, exact to the cent. */
export function totalCostUsd(costs: CaseRequest['costs']): number {
  return sumUsd(COST_ITEMS.map((item) => costs[item]));
}

const strip = ({ code, es, en }: Finding): EligibilityFinding => ({ code, es, en });

/**
 * Evaluates a parsed request. `context.today` is the submission date; ages are computed on it.
 * Disabled rules (config.disabledRules) are skipped. `rules` is for tests and extensions.
 */
export function evaluateEligibility(
  request: CaseRequest,
  context: EligibilityContext,
  config: EligibilityConfig = DEFAULT_ELIGIBILITY_CONFIG,
  rules: readonly Rule[] = DEFAULT_RULES,
): EligibilityResult {
  if (!isCalendarDate(context.today))
    throw new RangeError(`context.today must be a YYYY-MM-DD date, got ${context.today}`);
  const age = ageOn(request.migrant.dateOfBirth, context.today);
  const totalUsd = totalCostUsd(request.costs);
  const input = { request, context, config, age, totalUsd };
  const findings: Finding[] = [];
  if (age < 0) {
    // The contract refuses future births; this guards a submission date set before the birth.
    findings.push({
      kind: 'reason',
      code: 'date_of_birth_after_submission',
      es: 'La fecha de nacimiento es posterior a la fecha de la solicitud.',
      en: 'The date of birth is after the submission date.',
    });
  }
  for (const rule of rules) {
    if (config.disabledRules.includes(rule.id)) continue;
    findings.push(...rule.check(input));
  }
  const reasons = findings.filter((finding) => finding.kind === 'reason').map(strip);
  const flags = findings.filter((finding) => finding.kind === 'flag').map(strip);
  return { eligible: reasons.length === 0, reasons, flags, totalUsd, age };
}
