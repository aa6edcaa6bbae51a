import { type CaseRequest, caseRequestSchema } from '../../../shared/contracts/case-request';
import {
  DEFAULT_ELIGIBILITY_CONFIG,
  DEFAULT_RULES,
  type EligibilityConfig,
  type EligibilityContext,
  evaluateEligibility,
  RULE_IDS,
} from '../../../shared/eligibility';
import { adultIllnessRequest, validCaseRequest } from '../../support/case-request-fixture';

type Overrides = Parameters<typeof validCaseRequest>[0];

const context: EligibilityContext = {
  today: '2024-05-17',
  ceilingUsd: 1000,
  openCasesForPerson: 0,
  previousCompletedReturns: 0,
};

const child = (overrides?: Overrides): CaseRequest => caseRequestSchema.parse(validCaseRequest(overrides));
const adult = (overrides?: Overrides): CaseRequest => caseRequestSchema.parse(adultIllnessRequest(overrides));
const codes = (findings: ReadonlyArray<{ code: string }>) => findings.map((finding) => finding.code);
const reasonsOf = (request: CaseRequest, ctx: Partial<EligibilityContext> = {}) =>
  codes(evaluateEligibility(request, { ...context, ...ctx }).reasons);

describe('eligibility of a typical case', () => {
  it('finds the unaccompanied child with a best-interests determination, escort and consents eligible', () => {
    expect(evaluateEligibility(child(), context)).toEqual({
      eligible: true,
      reasons: [],
      flags: [],
      totalUsd: 780,
      age: 14,
    });
  });

  it('finds the adult with an illness flying home eligible', () => {
    const result = evaluateEligibility(adult(), context);
    expect(result).toMatchObject({ eligible: true, reasons: [], age: 38, totalUsd: 925 });
  });

  it('explains every reason with a stable code and a sentence in Spanish and English', () => {
    const result = evaluateEligibility(child({ needs: { escort: false } }), context);
    expect(result.reasons).toEqual([
      {
        code: 'child_escort_missing',
        es: expect.stringMatching(/escolta/),
        en: expect.stringMatching(/escort/),
      },
    ]);
  });
});

describe('each rule on its own', () => {
  it('refuses a person who is already in their country of nationality', () => {
    expect(reasonsOf(adult({ location: { country: 'GT' } }))).toEqual(['location_is_nationality']);
  });

  it('refuses a return to a country other than the nationality', () => {
    expect(
      reasonsOf(adult({ returnTo: { country: 'SV' }, consent: { dataTransferConsent: ['CR', 'SV'] } })),
    ).toEqual(['return_not_to_nationality']);
  });

  it('refuses countries the configuration does not count as members', () => {
    const config: EligibilityConfig = {
      ...DEFAULT_ELIGIBILITY_CONFIG,
      memberCountries: ['GT', 'HN', 'MX', 'SV'],
    };
    const result = evaluateEligibility(adult(), context, config);
    expect(codes(result.reasons)).toEqual(['location_not_member']);
    expect(result.reasons[0]?.en).toContain('Costa Rica');
  });

  it('refuses a request with no vulnerability (when called without the contract)', () => {
    expect(reasonsOf({ ...adult(), vulnerabilities: [] })).toEqual(['no_vulnerability']);
  });

  describe('older persons', () => {
    it('accepts older_person from the 70th birthday, on the submission date', () => {
      const request = adult({ migrant: { dateOfBirth: '1954-05-17' }, vulnerabilities: ['older_person'] });
      expect(evaluateEligibility(request, context)).toMatchObject({ eligible: true, age: 70 });
    });

    it('refuses older_person the day before the 70th birthday', () => {
      const request = adult({ migrant: { dateOfBirth: '1954-05-18' }, vulnerabilities: ['older_person'] });
      const result = evaluateEligibility(request, context);
      expect(codes(result.reasons)).toEqual(['older_person_under_age']);
      expect(result.reasons[0]?.en).toContain('the person is 69');
    });

    it('uses the configured age', () => {
      const request = adult({ migrant: { dateOfBirth: '1959-01-01' }, vulnerabilities: ['older_person'] });
      expect(
        evaluateEligibility(request, context, { ...DEFAULT_ELIGIBILITY_CONFIG, olderPersonAge: 65 }).eligible,
      ).toBe(true);
    });
  });

  describe('children', () => {
    it('refuses unaccompanied_child claimed for an adult', () => {
      expect(reasonsOf(adult({ vulnerabilities: ['unaccompanied_child', 'illness_or_injury'] }))).toEqual([
        'unaccompanied_child_is_adult',
      ]);
    });

    it('treats the 18th birthday as adulthood', () => {
      expect(reasonsOf(child({ migrant: { dateOfBirth: '2006-05-17' } }))).toEqual([
        'unaccompanied_child_is_adult',
      ]);
      expect(reasonsOf(child({ migrant: { dateOfBirth: '2006-05-18' } }))).toEqual([]);
    });

    it('refuses a child whose own request does not declare them unaccompanied', () => {
      expect(reasonsOf(child({ vulnerabilities: ['illness_or_injury'] }))).toEqual([
        'child_not_declared_unaccompanied',
      ]);
    });

    it('refuses a child without a best-interests determination', () => {
      expect(reasonsOf(child({ child: undefined }))).toEqual(['child_bid_missing']);
    });

    it('refuses a child whose best-interests determination did not find return best', () => {
      expect(reasonsOf(child({ child: { bestInterestsDetermination: { outcome: 'stay' } } }))).toEqual([
        'child_bid_not_return',
      ]);
      expect(reasonsOf(child({ child: { bestInterestsDetermination: { outcome: 'other' } } }))).toEqual([
        'child_bid_not_return',
      ]);
    });

    it('refuses a child travelling without an escort', () => {
      expect(reasonsOf(child({ needs: { escort: false } }))).toEqual(['child_escort_missing']);
    });
  });

  describe('consent', () => {
    it('refuses a return without informed consent', () => {
      expect(reasonsOf(child({ consent: { informedConsent: false } }))).toEqual(['informed_consent_missing']);
    });

    it('refuses when a country on the route lacks data-transfer consent, naming it', () => {
      const result = evaluateEligibility(child({ consent: { dataTransferConsent: ['MX', 'HN'] } }), context);
      expect(codes(result.reasons)).toEqual(['data_transfer_consent_missing']);
      expect(result.reasons[0]?.es).toContain('Guatemala');
      expect(result.reasons[0]?.en).toContain('Guatemala');
    });
  });

  describe('the route', () => {
    it('refuses transit countries on an air route', () => {
      expect(reasonsOf(child({ route: { mode: 'air' } }))).toEqual(['transit_on_air_route']);
    });

    it('accepts transit countries by sea', () => {
      expect(reasonsOf(child({ route: { mode: 'sea' } }))).toEqual([]);
    });

    it('refuses the origin or destination as a transit country', () => {
      expect(reasonsOf(child({ route: { transitCountries: ['GT', 'HN'] } }))).toEqual([
        'transit_is_origin_or_destination',
      ]);
      expect(reasonsOf(child({ route: { transitCountries: ['MX', 'GT'] } }))).toEqual([
        'transit_is_origin_or_destination',
      ]);
    });

    it('refuses a transit country listed twice', () => {
      expect(reasonsOf(child({ route: { transitCountries: ['GT', 'GT'] } }))).toEqual(['transit_duplicate']);
    });

    it('refuses a transit country the configuration does not count as a member', () => {
      const config: EligibilityConfig = { ...DEFAULT_ELIGIBILITY_CONFIG, memberCountries: ['HN', 'MX'] };
      expect(codes(evaluateEligibility(child(), context, config).reasons)).toEqual(['transit_not_member']);
    });
  });

  describe('the ceiling', () => {
    it('accepts a total exactly at the ceiling, summed to the cent', () => {
      const request = adult({
        costs: {
          transport: 450.1,
          escort: 300.2,
          lodging: 0.3,
          food: 29.4,
          documents: 25,
          medical: 195,
          other: 0,
        },
      });
      expect(evaluateEligibility(request, context)).toMatchObject({ eligible: true, totalUsd: 1000 });
    });

    it('refuses a total one cent over the ceiling, stating both amounts', () => {
      const request = adult({ costs: { other: 75.01 } });
      const result = evaluateEligibility(request, context);
      expect(result.totalUsd).toBe(1000.01);
      expect(codes(result.reasons)).toEqual(['over_ceiling']);
      expect(result.reasons[0]?.en).toContain('$1,000.01');
      expect(result.reasons[0]?.en).toContain('$1,000.00');
    });

    it('applies the fund’s ceiling from the context', () => {
      expect(reasonsOf(adult(), { ceilingUsd: 900 })).toEqual(['over_ceiling']);
    });
  });

  it('refuses a second open case for the same person', () => {
    expect(reasonsOf(child(), { openCasesForPerson: 1 })).toEqual(['open_case_exists']);
  });

  it('flags a repeat return for approvers without refusing it', () => {
    const result = evaluateEligibility(child(), { ...context, previousCompletedReturns: 2 });
    expect(result.eligible).toBe(true);
    expect(codes(result.flags)).toEqual(['repeat_return']);
    expect(result.flags[0]?.en).toContain('2 assisted returns');
  });

  describe('persons stranded by a natural disaster', () => {
    it('refuses disaster_stranded alone when no member state has authorised it', () => {
      expect(reasonsOf(adult({ vulnerabilities: ['disaster_stranded'] }))).toEqual([
        'disaster_stranded_not_authorised',
      ]);
    });

    it('flags the authorisation for a case-by-case decision when the host or return country authorised it', () => {
      const request = adult({ vulnerabilities: ['disaster_stranded'] });
      for (const country of ['CR', 'GT'] as const) {
        const result = evaluateEligibility(request, context, {
          ...DEFAULT_ELIGIBILITY_CONFIG,
          disasterStrandedAuthorisedBy: [country],
        });
        expect(result.eligible).toBe(true);
        expect(codes(result.flags)).toEqual(['disaster_stranded_authorised']);
      }
    });

    it('sets an unauthorised disaster claim aside when other vulnerabilities carry the case', () => {
      const result = evaluateEligibility(
        adult({ vulnerabilities: ['illness_or_injury', 'disaster_stranded'] }),
        context,
      );
      expect(result.eligible).toBe(true);
      expect(codes(result.flags)).toEqual(['disaster_stranded_not_counted']);
    });
  });

  it('guards against a submission date before the date of birth', () => {
    expect(reasonsOf(child(), { today: '2009-01-01' })).toContain('date_of_birth_after_submission');
  });

  it('refuses to evaluate against a malformed submission date', () => {
    expect(() => evaluateEligibility(child(), { ...context, today: '2024-02-30' })).toThrow(/context.today/);
  });
});

describe('rules in combination', () => {
  it('reports every failing rule, not just the first', () => {
    const request = child({
      returnTo: { country: 'SV' },
      route: { mode: 'air' },
      needs: { escort: false },
      consent: { informedConsent: false, dataTransferConsent: ['MX'] },
      child: { bestInterestsDetermination: { outcome: 'stay' } },
      costs: { transport: 900 },
    });
    expect(reasonsOf(request, { openCasesForPerson: 1 })).toEqual([
      'return_not_to_nationality',
      'child_bid_not_return',
      'child_escort_missing',
      'informed_consent_missing',
      'data_transfer_consent_missing',
      'transit_on_air_route',
      'over_ceiling',
      'open_case_exists',
    ]);
  });

  it('keeps flags when a case is refused, so approvers and auditors see the whole picture', () => {
    const result = evaluateEligibility(child({ needs: { escort: false } }), {
      ...context,
      previousCompletedReturns: 1,
    });
    expect(result.eligible).toBe(false);
    expect(codes(result.reasons)).toEqual(['child_escort_missing']);
    expect(codes(result.flags)).toEqual(['repeat_return']);
  });

  it('refuses an adult who claims both unaccompanied_child and an unauthorised disaster', () => {
    expect(reasonsOf(adult({ vulnerabilities: ['unaccompanied_child', 'disaster_stranded'] }))).toEqual([
      'unaccompanied_child_is_adult',
    ]);
  });

  it('lets a deployment switch a rule off by name', () => {
    const config: EligibilityConfig = { ...DEFAULT_ELIGIBILITY_CONFIG, disabledRules: ['open_case'] };
    expect(evaluateEligibility(child(), { ...context, openCasesForPerson: 3 }, config).eligible).toBe(true);
  });

  it('ships the defaults of docs/domain.md and a rule for every rule id', () => {
    expect(DEFAULT_ELIGIBILITY_CONFIG).toMatchObject({
      ceilingUsd: 1000,
      olderPersonAge: 70,
      childAgeBelow: 18,
    });
    expect(DEFAULT_ELIGIBILITY_CONFIG.memberCountries).toHaveLength(11);
    expect(DEFAULT_ELIGIBILITY_CONFIG.disasterStrandedAuthorisedBy).toEqual([]);
    expect(DEFAULT_RULES.map((rule) => rule.id).sort()).toEqual([...RULE_IDS].sort());
  });

  it('writes every sentence in both languages, never the same text twice', () => {
    const request = child({
      returnTo: { country: 'SV' },
      route: { mode: 'air', transitCountries: ['GT', 'GT', 'HN'] },
      needs: { escort: false },
      consent: { informedConsent: false, dataTransferConsent: [] },
      child: undefined,
      vulnerabilities: ['unaccompanied_child', 'older_person', 'disaster_stranded'],
      costs: { transport: 5000 },
    });
    const result = evaluateEligibility(request, {
      ...context,
      openCasesForPerson: 1,
      previousCompletedReturns: 1,
    });
    for (const finding of [...result.reasons, ...result.flags]) {
      expect(finding.code).toMatch(/^[a-z_]+$/);
      expect(finding.es.length).toBeGreaterThan(20);
      expect(finding.en.length).toBeGreaterThan(20);
      expect(finding.es).not.toBe(finding.en);
    }
  });
});
