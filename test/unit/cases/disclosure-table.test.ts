// The disclosure tables of docs/domain.md, row by row, for every profile: what each person sees of
// a case in which every field is filled, through the same answer the API gives (caseDetail).
import type { CaseRecord } from '../../../shared/cases/case-record';
import { type CaseDetail, caseDetailSchema } from '../../../shared/contracts/case';
import type { CountryCode } from '../../../shared/countries';
import type { Principal, Role } from '../../../shared/roles';
import { caseDetail, caseSummary } from '../../../shared/use-cases/case-answers';
import { disclosureTables, TABLE_PROFILES, type TableProfile, valueAt } from '../../support/disclosure-table';
import { caseRecord, caseRequest } from './case-fixture';

const who = (role: Role, country?: CountryCode): Principal => ({
  subject: `${role}-${country ?? 'rcm'}`,
  username: `${role}.${country?.toLowerCase() ?? 'rcm'}`,
  role,
  ...(country ? { country } : {}),
});

/** Everyone whose part in the fixture's case gives them each profile. */
const PRINCIPALS: Record<TableProfile, readonly Principal[]> = {
  full: [who('consular', 'HN'), who('secretariat'), who('auditor')],
  exit: [who('authority', 'MX')],
  transit: [who('authority', 'GT')],
  reception: [who('authority', 'HN')],
  reintegration: [who('reintegration', 'HN')],
  operations: [who('operations')],
};

const officer = (country: CountryCode) => ({
  subject: `authority-${country}`,
  username: `authority.${country.toLowerCase()}`,
  role: 'authority',
  country,
});

/** A child's case with every optional field filled, decided, booked, checked in and withdrawn. */
const record: CaseRecord = caseRecord({
  status: 'WITHDRAWN',
  request: caseRequest({
    migrant: {
      givenNames: 'María José',
      familyNames: 'López Hernández',
      dateOfBirth: '2008-03-14',
      sex: 'female',
      nationality: 'HN',
      documentType: 'passport',
      documentNumber: 'E1234567',
    },
    location: { country: 'MX', city: 'Tapachula', facility: 'Albergue Belén' },
    returnTo: {
      country: 'HN',
      city: 'San Pedro Sula',
      address: 'Colonia Centro 12',
      receivingContact: { name: 'Rosa López', relationship: 'mother', phone: '+504 9999 0000' },
    },
    route: { mode: 'land', transitCountries: ['GT'], earliestDeparture: '2024-05-10' },
    vulnerabilities: ['unaccompanied_child', 'violence_victim'],
    needs: { escort: true, medicalEscort: true, wheelchair: false, notes: 'needs trauma counselling' },
    consent: {
      informedConsent: true,
      consentDate: '2024-04-30',
      dataTransferConsent: ['MX', 'GT', 'HN'],
      language: 'es',
    },
    child: {
      bestInterestsDetermination: {
        decidedOn: '2024-04-01',
        authority: 'DINAF',
        outcome: 'return',
        reference: 'BID-1',
      },
      guardian: { name: 'Rosa López', relationship: 'mother' },
    },
    circumstances: 'left an abusive situation',
    contact: { phone: '+52 962 000 0000', email: 'mj@example.org' },
    submitterNotes: 'The mother was reached by phone.',
  }),
  eligibility: {
    eligible: true,
    reasons: [],
    flags: [
      { code: 'repeat_return', es: 'Ya retornó 1 vez.', en: 'Returned once before.' },
      {
        code: 'disaster_stranded_not_counted',
        es: 'Desastre sin autorización.',
        en: 'Disaster not authorised.',
      },
    ],
    totalUsd: 210.75,
    age: 16,
  },
  approvals: (['MX', 'GT', 'HN'] as const).map((country) => ({
    approvalRole:
      country === 'MX' ? ('exit' as const) : country === 'GT' ? ('transit' as const) : ('reception' as const),
    country,
    status: 'approved' as const,
    decidedBy: officer(country),
    comment: `comment of ${country}`,
  })),
  booking: {
    status: 'cancelled',
    bookedBy: 'provider',
    provider: 'TicaBus',
    reference: 'TB-123',
    departureAt: '2024-05-12T08:00:00.000Z',
    arrivalAt: '2024-05-13T18:00:00.000Z',
    costUsd: 120.5,
    failureReason: 'withdrawn',
  },
  checkIns: [
    {
      dayAfterArrival: 30,
      dueOn: '2024-06-12',
      status: 'completed',
      contactMade: true,
      housing: 'stable',
      intendsToMigrateAgain: 'no',
      notes: 'lives with her mother',
    },
  ],
  timeline: [
    {
      at: '2024-05-01T00:00:00.000Z',
      event: 'ineligible',
      es: 'No elegible: la persona tiene 16 años.',
      en: 'Not eligible: the person is 16.',
      status: 'INELIGIBLE',
    },
    {
      at: '2024-05-03T00:00:00.000Z',
      event: 'workflow_failed',
      es: 'El caso no pudo continuar por un error técnico (ManualBookingExpired). La Secretaría Técnica lo revisará.',
      en: 'The case could not continue because of a technical error (ManualBookingExpired). The Technical Secretariat will review it.',
      status: 'FAILED',
    },
  ],
  failure: { error: 'ManualBookingExpired', at: '2024-05-03T00:00:00.000Z' },
  reintegration: { checkIns: 3, completed: 2, contactMade: 2, intendsToMigrateAgain: 'unsure' },
  withdrawal: {
    reason: 'She decided to stay with her aunt',
    at: '2024-05-02T00:00:00.000Z',
    by: { subject: 'consul-hn', username: 'consul.hn', role: 'consular', country: 'HN' },
  },
});

/** How to tell, in an answer, whether each row of the second table was disclosed. */
const OBSERVED: Record<string, (detail: CaseDetail, principal: Principal) => boolean> = {
  displayName: (detail) => detail.displayName !== undefined,
  isChild: (detail) => detail.isChild !== undefined,
  vulnerabilities: (detail) => detail.vulnerabilities !== undefined,
  'eligibility.details': (detail) =>
    detail.eligibility?.age !== undefined &&
    detail.eligibility.reasons !== undefined &&
    (detail.eligibility.flags ?? []).some((flag) => flag.code === 'disaster_stranded_not_counted'),
  'eligibility.repeatReturn': (detail) =>
    (detail.eligibility?.flags ?? []).some((flag) => flag.code === 'repeat_return'),
  'timeline.reasons': (detail) => detail.timeline.some((entry) => entry.en.includes('16')),
  'approvals.ownComment': (detail, principal) =>
    detail.approvals.find((approval) => approval.country === (principal.country ?? 'MX'))?.comment !==
    undefined,
  'approvals.comments': (detail, principal) =>
    detail.approvals.find((approval) => approval.country === (principal.country === 'GT' ? 'MX' : 'GT'))
      ?.comment !== undefined,
  'checkIns.findings': (detail) => detail.checkIns[0]?.notes !== undefined,
  'booking.itinerary': (detail) => detail.booking?.reference !== undefined,
  'booking.cost': (detail) => detail.booking?.costUsd !== undefined,
  'withdrawal.reason': (detail) => detail.withdrawal?.reason !== undefined,
  failure: (detail) =>
    detail.failure !== undefined ||
    detail.timeline.some((entry) => `${entry.es} ${entry.en}`.includes('ManualBookingExpired')),
  reintegration: (detail) => detail.reintegration !== undefined,
};

const tables = disclosureTables();

describe('the disclosure table of docs/domain.md, for every profile', () => {
  it('has a row for every field of the request, and a way to observe every row of the rest', () => {
    const leaves = (value: unknown, prefix = ''): string[] =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key))
        : [prefix];
    const rows = tables.request.map((row) => row.field);
    for (const leaf of leaves(record.request)) {
      expect(rows.some((row) => leaf === row || leaf.startsWith(`${row}.`))).toBe(true);
    }
    expect(tables.request.length).toBeGreaterThan(20);
    expect(tables.rest.map((row) => row.field).sort()).toEqual(Object.keys(OBSERVED).sort());
  });

  describe.each(TABLE_PROFILES)('%s', (profile) => {
    const principals = PRINCIPALS[profile];

    it('is the profile each of its principals gets, and the answer is what the API document says', () => {
      for (const principal of principals) {
        const { detail, profile: got } = caseDetail(record, principal);
        expect(got).toBe(profile);
        const parsed = caseDetailSchema.safeParse(detail);
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      }
    });

    it.each(tables.request.map((row) => [row.field, row.seenBy.has(profile)] as const))(
      'request %s: seen %s',
      (field, seen) => {
        for (const principal of principals) {
          const { detail } = caseDetail(record, principal);
          expect([field, valueAt(detail.request, field) !== undefined]).toEqual([field, seen]);
          if (seen) expect(valueAt(detail.request, field)).toEqual(valueAt(record.request, field));
        }
      },
    );

    it.each(tables.rest.map((row) => [row.field, row.seenBy.has(profile)] as const))(
      '%s: seen %s',
      (field, seen) => {
        for (const principal of principals) {
          const { detail } = caseDetail(record, principal);
          expect([field, OBSERVED[field]?.(detail, principal)]).toEqual([field, seen]);
        }
      },
    );
  });

  it('gives nothing personal to an authority the person did not consent to share with', () => {
    const noConsent: CaseRecord = {
      ...record,
      request: {
        ...record.request,
        consent: { ...record.request.consent, dataTransferConsent: ['MX', 'HN'] },
      },
    };
    const { detail, profile } = caseDetail(noConsent, who('authority', 'GT'));
    expect(profile).toBe('none');
    expect(detail.request).toBeUndefined();
    for (const [field, observed] of Object.entries(OBSERVED)) {
      expect([field, observed(detail, who('authority', 'GT'))]).toEqual([field, false]);
    }
    for (const text of ['María', 'Rosa', 'Tapachula', 'E1234567', 'aunt', 'mother', 'comment of', '16']) {
      expect(JSON.stringify(detail)).not.toContain(text);
    }
  });

  it('lists a case with nothing about the person, whoever lists it', () => {
    const item = JSON.stringify(caseSummary(record));
    for (const text of ['María', 'López', '2008', 'E1234567', 'child', 'violence', 'isChild', 'Albergue']) {
      expect(item).not.toContain(text);
    }
    expect(caseSummary(record)).toMatchObject({
      caseId: record.caseId,
      status: 'WITHDRAWN',
      returnCountry: 'HN',
    });
  });
});
