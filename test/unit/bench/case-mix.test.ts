// The case benchmark's requests: every one valid and eligible under the fund's rules, each a
// different person, across the routes of the mix (air and overland, children and adults).
import { benchCaseRequest } from '../../../bench/case-mix';
import { caseRequestSchema } from '../../../shared/contracts/case-request';
import { DEFAULT_CASE_CEILING_USD } from '../../../shared/contracts/fund';
import { evaluateEligibility, personKeys } from '../../../shared/eligibility/evaluate';

describe('the benchmark case mix', () => {
  const requests = Array.from({ length: 30 }, (_, index) =>
    caseRequestSchema.parse(benchCaseRequest(index, 'test')),
  );

  it('builds requests the fund finds eligible', () => {
    for (const request of requests) {
      const result = evaluateEligibility(request, {
        today: new Date().toISOString().slice(0, 10),
        ceilingUsd: DEFAULT_CASE_CEILING_USD,
        openCasesForPerson: 0,
        previousCompletedReturns: 0,
      });
      expect({ reasons: result.reasons, eligible: result.eligible }).toEqual({ reasons: [], eligible: true });
    }
  });

  it('gives every case its own person, so the one-open-case rule refuses none', () => {
    const keys = requests.flatMap((request) => personKeys(request.migrant));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('varies the route: air and overland, with and without transit, children and adults', () => {
    expect(new Set(requests.map((r) => r.route.mode))).toEqual(new Set(['air', 'land']));
    expect(requests.some((r) => r.route.transitCountries.length === 2)).toBe(true);
    expect(requests.some((r) => r.route.mode === 'land' && r.route.transitCountries.length === 0)).toBe(true);
    expect(new Set(requests.map((r) => r.vulnerabilities[0])).size).toBeGreaterThanOrEqual(5);
    expect(new Set(requests.map((r) => r.returnTo.country)).size).toBeGreaterThanOrEqual(8);
  });
});
