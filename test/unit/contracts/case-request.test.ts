import { caseRequestSchema } from '../../../shared/contracts/case-request';
import { adultIllnessRequest, validCaseRequest } from '../../support/case-request-fixture';
import { failures, fieldIssues } from '../../support/field-issues';

describe('the POST /api/cases body', () => {
  it('accepts the unaccompanied child and the adult with an illness', () => {
    expect(fieldIssues(caseRequestSchema, validCaseRequest())).toEqual([]);
    expect(fieldIssues(caseRequestSchema, adultIllnessRequest())).toEqual([]);
  });

  it('trims text fields', () => {
    const parsed = caseRequestSchema.parse(validCaseRequest({ migrant: { givenNames: '  José  ' } }));
    expect(parsed.migrant.givenNames).toBe('José');
  });

  it('refuses a field of the wrong type, naming its path', () => {
    expect(failures(caseRequestSchema, validCaseRequest({ needs: { escort: 'yes' as never } }))).toEqual([
      'needs.escort: invalid_type',
    ]);
    expect(failures(caseRequestSchema, validCaseRequest({ migrant: { givenNames: 42 as never } }))).toEqual([
      'migrant.givenNames: invalid_type',
    ]);
    expect(failures(caseRequestSchema, validCaseRequest({ costs: { transport: '320' as never } }))).toEqual([
      'costs.transport: invalid_type',
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(failures(caseRequestSchema, [])).toEqual(['body: invalid_type']);
    expect(failures(caseRequestSchema, undefined)).toEqual(['body: invalid_type']);
  });

  it('refuses an unknown country code, a lower-case code and a country that is not an RCM member', () => {
    expect(
      failures(caseRequestSchema, validCaseRequest({ migrant: { nationality: 'XX' as never } })),
    ).toEqual(['migrant.nationality: invalid_value']);
    expect(failures(caseRequestSchema, validCaseRequest({ location: { country: 'mx' as never } }))).toEqual([
      'location.country: invalid_value',
    ]);
    expect(failures(caseRequestSchema, validCaseRequest({ returnTo: { country: 'CO' as never } }))).toEqual([
      'returnTo.country: invalid_value',
    ]);
    expect(
      failures(caseRequestSchema, validCaseRequest({ route: { transitCountries: ['GT', 'BR' as never] } })),
    ).toEqual(['route.transitCountries.1: invalid_value']);
  });

  it('says which member states are allowed when a country is unknown', () => {
    const [issue] = fieldIssues(
      caseRequestSchema,
      validCaseRequest({ migrant: { nationality: 'XX' as never } }),
    );
    expect(issue?.message).toMatch(/RCM member state.*HN/);
  });

  it('refuses unknown fields at the top and inside objects, naming them', () => {
    const body = { ...validCaseRequest(), priority: 'urgent' };
    const issues = fieldIssues(caseRequestSchema, body);
    expect(issues).toEqual([
      {
        path: 'priority',
        rule: 'unrecognized_keys',
        message: 'unknown field priority: remove it or check its spelling',
      },
    ]);
    const nested = validCaseRequest({ migrant: { passportNumber: 'X1' } as never });
    expect(fieldIssues(caseRequestSchema, nested)).toEqual([
      {
        path: 'migrant.passportNumber',
        rule: 'unrecognized_keys',
        message: 'unknown field passportNumber: remove it or check its spelling',
      },
    ]);
  });

  it('refuses negative and over-precise money, cost by cost', () => {
    expect(failures(caseRequestSchema, validCaseRequest({ costs: { lodging: -5, food: 10.123 } }))).toEqual([
      'costs.lodging: non_negative',
      'costs.food: money_precision',
    ]);
  });

  it('refuses a request whose costs are all zero: the fund has nothing to hold for it', () => {
    const zero = { transport: 0, escort: 0, lodging: 0, food: 0, documents: 0, medical: 0, other: 0 };
    expect(failures(caseRequestSchema, validCaseRequest({ costs: zero }))).toEqual(['costs: positive_total']);
    expect(fieldIssues(caseRequestSchema, validCaseRequest({ costs: { ...zero, food: 0.01 } }))).toEqual([]);
  });

  it('requires every cost line, even when zero', () => {
    expect(failures(caseRequestSchema, validCaseRequest({ costs: { other: undefined } }))).toEqual([
      'costs.other: invalid_type',
    ]);
  });

  it('refuses a future date of birth with the rule not_future', () => {
    expect(failures(caseRequestSchema, validCaseRequest({ migrant: { dateOfBirth: '2999-01-01' } }))).toEqual(
      ['migrant.dateOfBirth: not_future'],
    );
  });

  it('refuses an invalid calendar date with the rule calendar_date', () => {
    expect(failures(caseRequestSchema, validCaseRequest({ migrant: { dateOfBirth: '2010-02-30' } }))).toEqual(
      ['migrant.dateOfBirth: calendar_date'],
    );
    expect(failures(caseRequestSchema, validCaseRequest({ consent: { consentDate: '2024-04-31' } }))).toEqual(
      ['consent.consentDate: calendar_date'],
    );
  });

  it('refuses a future consent and a future best-interests determination', () => {
    expect(
      failures(
        caseRequestSchema,
        validCaseRequest({
          consent: { consentDate: '2999-01-01' },
          child: { bestInterestsDetermination: { decidedOn: '2999-01-01' } },
        }),
      ),
    ).toEqual(['consent.consentDate: not_future', 'child.bestInterestsDetermination.decidedOn: not_future']);
  });

  it('refuses blank and over-long text', () => {
    expect(failures(caseRequestSchema, validCaseRequest({ location: { city: '   ' } }))).toEqual([
      'location.city: too_small',
    ]);
    expect(
      failures(caseRequestSchema, validCaseRequest({ migrant: { familyNames: 'x'.repeat(101) } })),
    ).toEqual(['migrant.familyNames: too_big']);
  });

  it('refuses an unknown sex, route mode, vulnerability or best-interests outcome', () => {
    expect(
      failures(
        caseRequestSchema,
        validCaseRequest({
          migrant: { sex: 'M' as never },
          route: { mode: 'bus' as never },
          vulnerabilities: ['poverty' as never],
          child: { bestInterestsDetermination: { outcome: 'maybe' as never } },
        }),
      ),
    ).toEqual([
      'migrant.sex: invalid_value',
      'route.mode: invalid_value',
      'vulnerabilities.0: invalid_value',
      'child.bestInterestsDetermination.outcome: invalid_value',
    ]);
  });

  it('requires at least one vulnerability and refuses the same one twice', () => {
    expect(failures(caseRequestSchema, validCaseRequest({ vulnerabilities: [] }))).toEqual([
      'vulnerabilities: too_small',
    ]);
    expect(
      failures(
        caseRequestSchema,
        validCaseRequest({ vulnerabilities: ['unaccompanied_child', 'unaccompanied_child'] }),
      ),
    ).toEqual(['vulnerabilities: unique']);
  });

  it('refuses a country listed twice in the data-transfer consent', () => {
    expect(
      failures(caseRequestSchema, validCaseRequest({ consent: { dataTransferConsent: ['MX', 'MX'] } })),
    ).toEqual(['consent.dataTransferConsent: unique']);
  });

  it('requires the document type when a document number is given', () => {
    expect(failures(caseRequestSchema, validCaseRequest({ migrant: { documentType: undefined } }))).toEqual([
      'migrant.documentType: required_with_document_number',
    ]);
    expect(
      fieldIssues(
        caseRequestSchema,
        validCaseRequest({ migrant: { documentType: undefined, documentNumber: undefined } }),
      ),
    ).toEqual([]);
  });

  it('reports every failing field at once, each with a message', () => {
    const issues = fieldIssues(
      caseRequestSchema,
      validCaseRequest({
        migrant: { dateOfBirth: '2010-02-30', nationality: 'ZZ' as never },
        costs: { medical: -1 },
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'migrant.dateOfBirth',
      'migrant.nationality',
      'costs.medical',
    ]);
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(5);
  });

  it('keeps shape and eligibility apart: an adult claiming to be a child still parses', () => {
    expect(
      fieldIssues(caseRequestSchema, adultIllnessRequest({ vulnerabilities: ['unaccompanied_child'] })),
    ).toEqual([]);
  });
});
