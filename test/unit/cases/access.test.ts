import { assertMaySubmit, assertMayWithdraw, mayViewCase } from '../../../shared/cases/access';
import { CaseNotFoundError, CaseNotWithdrawableError } from '../../../shared/cases/case-errors';
import { viewForPrincipal, viewsOfCase } from '../../../shared/cases/case-views';
import { disclosesPersonalData, disclosureProfile } from '../../../shared/cases/disclosure';
import { hashPersonKey, requestHash } from '../../../shared/cases/request-hash';
import type { CountryCode } from '../../../shared/countries';
import { ForbiddenError } from '../../../shared/errors';
import type { Principal, Role } from '../../../shared/roles';
import { caseDetail } from '../../../shared/use-cases/case-answers';
import { caseRecord, caseRequest } from './case-fixture';

const who = (role: Role, country?: CountryCode): Principal => ({
  subject: `${role}-${country ?? 'rcm'}`,
  username: role,
  role,
  ...(country ? { country } : {}),
});

// The fixture: a Honduran in Mexico, returning overland through Guatemala.
const record = caseRecord();

describe('who may see a case', () => {
  it.each([
    ['consular', 'HN', true],
    ['consular', 'MX', false],
    ['authority', 'MX', true],
    ['authority', 'GT', true],
    ['authority', 'HN', true],
    ['authority', 'CR', false],
    ['reintegration', 'HN', true],
    ['reintegration', 'MX', false],
    ['secretariat', undefined, true],
    ['operations', undefined, true],
    ['auditor', undefined, true],
  ] as const)('%s of %s: %s', (role, country, allowed) => {
    expect(mayViewCase(who(role, country), record)).toBe(allowed);
  });

  it('shows a case to an authority on the route only with the consent to share with its country', () => {
    const onlyHome = caseRecord({
      request: caseRequest({
        consent: { informedConsent: true, consentDate: '2024-04-30', dataTransferConsent: ['MX'] },
      }),
    });
    expect(mayViewCase(who('authority', 'MX'), onlyHome)).toBe(true);
    expect(mayViewCase(who('authority', 'GT'), onlyHome)).toBe(false);
    // The return country too needs the consent, as the eligibility rule asks of every country on the route.
    expect(mayViewCase(who('authority', 'HN'), onlyHome)).toBe(false);
    expect(mayViewCase(who('reintegration', 'HN'), onlyHome)).toBe(false);
    expect(viewsOfCase(onlyHome)).not.toContain('authority#GT');
    expect(viewsOfCase(onlyHome)).toContain('concerns#GT');
  });

  it('lists each role the view it may see, and refuses another country', () => {
    expect(viewsOfCase(record)).toEqual([
      'all',
      'nationality#HN',
      'concerns#MX',
      'concerns#GT',
      'concerns#HN',
      'authority#MX',
      'authority#GT',
      'authority#HN',
      'returns#HN',
    ]);
    expect(viewForPrincipal(who('consular', 'HN'))).toBe('nationality#HN');
    expect(viewForPrincipal(who('authority', 'MX'))).toBe('authority#MX');
    expect(viewForPrincipal(who('reintegration', 'HN'), 'HN')).toBe('returns#HN');
    expect(viewForPrincipal(who('auditor'))).toBe('all');
    expect(viewForPrincipal(who('secretariat'), 'GT')).toBe('concerns#GT');
    expect(() => viewForPrincipal(who('authority', 'MX'), 'GT')).toThrow(ForbiddenError);
  });
});

describe('who may submit and withdraw', () => {
  it('lets only the consulate of the nationality submit', () => {
    expect(() => assertMaySubmit(who('consular', 'HN'), caseRequest())).not.toThrow();
    expect(() => assertMaySubmit(who('consular', 'MX'), caseRequest())).toThrow(ForbiddenError);
    expect(() => assertMaySubmit(who('secretariat'), caseRequest())).toThrow(ForbiddenError);
  });

  it('lets the consulate withdraw until departure', () => {
    expect(() => assertMayWithdraw(who('consular', 'HN'), record)).not.toThrow();
    expect(() => assertMayWithdraw(who('consular', 'HN'), { ...record, status: 'TRAVELLING' })).toThrow(
      CaseNotWithdrawableError,
    );
    expect(() => assertMayWithdraw(who('authority', 'MX'), record)).toThrow(ForbiddenError);
    expect(() => assertMayWithdraw(who('consular', 'SV'), record)).toThrow(CaseNotFoundError);
  });
});

describe('what each role sees of the personal data', () => {
  const seenBy = (principal: Principal, of = record) => caseDetail(of, principal);

  it('shows everything to the consulate, the Secretariat and the auditor', () => {
    for (const p of [who('consular', 'HN'), who('secretariat'), who('auditor')]) {
      const { detail, profile } = seenBy(p);
      expect(profile).toBe('full');
      expect(detail.request).toEqual(record.request);
      expect(detail.vulnerabilities).toEqual(['violence_victim']);
    }
  });

  it('gives each authority its part: the exit, transit and reception country', () => {
    expect(seenBy(who('authority', 'MX')).profile).toBe('exit');
    expect(seenBy(who('authority', 'GT')).profile).toBe('transit');
    expect(seenBy(who('authority', 'HN')).profile).toBe('reception');
  });

  it('keeps circumstances, categories and medical notes from the exit country, and shows it where the person is', () => {
    const { detail } = seenBy(who('authority', 'MX'));
    expect(detail.request?.migrant?.givenNames).toBe('María José');
    expect(detail.request?.location).toEqual({ country: 'MX', city: 'Tapachula' });
    expect(detail.request?.circumstances).toBeUndefined();
    expect(detail.request?.vulnerabilities).toBeUndefined();
    expect(detail.vulnerabilities).toBeUndefined();
    expect(detail.isChild).toBe(false);
    expect(detail.request?.needs).toEqual({ escort: false, medicalEscort: false, wheelchair: false });
    expect(detail.request?.returnTo).toEqual({ country: 'HN', city: 'San Pedro Sula' });
  });

  it('shows a transit country identity and route, not where the person is', () => {
    const { detail } = seenBy(who('authority', 'GT'));
    expect(detail.request?.migrant?.documentNumber).toBe('E1234567');
    expect(detail.request?.route).toEqual(record.request.route);
    expect(detail.request?.location).toBeUndefined();
    expect(detail.request?.needs).toEqual({ escort: false });
  });

  it('shows a child’s best-interests determination and guardian only to the return country’s authority', () => {
    const child = caseRecord({
      request: caseRequest({
        child: {
          bestInterestsDetermination: { decidedOn: '2024-04-01', authority: 'DINAF', outcome: 'return' },
          guardian: { name: 'Rosa López', relationship: 'mother' },
        },
      }),
    });
    expect(seenBy(who('authority', 'HN'), child).detail.request?.child?.guardian?.name).toBe('Rosa López');
    expect(
      seenBy(who('authority', 'HN'), child).detail.request?.child?.bestInterestsDetermination?.authority,
    ).toBe('DINAF');
    // Who receives the person, not their home address: that is the reintegration officer's.
    expect(seenBy(who('authority', 'HN'), child).detail.request?.returnTo?.address).toBeUndefined();
    expect(seenBy(who('authority', 'MX'), child).detail.request?.child).toBeUndefined();
    expect(seenBy(who('authority', 'GT'), child).detail.request?.child).toBeUndefined();
  });

  it('gives no personal data to an authority the migrant did not consent to share with', () => {
    const noConsent = caseRecord({
      request: caseRequest({
        consent: { informedConsent: true, consentDate: '2024-04-30', dataTransferConsent: ['HN'] },
      }),
    });
    const { detail, profile } = seenBy(who('authority', 'GT'), noConsent);
    expect(profile).toBe('none');
    expect(detail.request).toBeUndefined();
    expect(detail.status).toBe(noConsent.status);
    expect(disclosesPersonalData(profile)).toBe(false);
  });

  it('answers an authority without consent no free text about the person: withdrawal reason, comments, check-in notes', () => {
    const noConsent = caseRecord({
      status: 'WITHDRAWN',
      request: caseRequest({
        consent: { informedConsent: true, consentDate: '2024-04-30', dataTransferConsent: ['HN'] },
      }),
      approvals: [
        {
          approvalRole: 'reception',
          country: 'HN',
          status: 'approved',
          comment: 'Her mother Rosa waits in Choloma',
        },
      ],
      checkIns: [
        {
          dayAfterArrival: 30,
          dueOn: '2024-06-30',
          status: 'completed',
          health: 'poor',
          psychosocialSupport: 'referred',
          notes: 'nightmares',
        },
      ],
      withdrawal: {
        reason: 'María José decided to stay with her sister in Tapachula',
        at: '2024-05-02T00:00:00.000Z',
        by: { subject: 'consul-hn', username: 'consul.hn', role: 'consular', country: 'HN' },
      },
    });
    const { detail, profile } = seenBy(who('authority', 'GT'), noConsent);
    expect(profile).toBe('none');
    const answered = JSON.stringify(detail);
    for (const text of ['María José', 'Rosa', 'nightmares', 'therapy', 'poor'])
      expect(answered).not.toContain(text);
    expect(detail.withdrawal?.at).toBe('2024-05-02T00:00:00.000Z');
    expect(detail.approvals[0]?.status).toBe('approved');
    expect(detail.checkIns[0]?.status).toBe('completed');
    // The reason is free text: the consulate sees it, the return country its own comment only.
    expect(seenBy(who('consular', 'HN'), noConsent).detail.withdrawal?.reason).toContain('María José');
    expect(seenBy(who('authority', 'HN'), noConsent).detail.withdrawal?.reason).toBeUndefined();
    expect(seenBy(who('authority', 'HN'), noConsent).detail.approvals[0]?.comment).toContain('Rosa');
    expect(seenBy(who('reintegration', 'HN'), noConsent).detail.checkIns[0]?.notes).toBe('nightmares');
  });

  it('gives reintegration officers and operations what their work needs', () => {
    const reintegration = seenBy(who('reintegration', 'HN')).detail;
    expect(reintegration.request?.returnTo?.address).toBe('Colonia Centro 12');
    expect(reintegration.request?.consent).toBeUndefined();
    expect(reintegration.request?.route).toBeUndefined();
    const operations = seenBy(who('operations')).detail;
    expect(operations.request?.route).toEqual(record.request.route);
    expect(operations.request?.circumstances).toBeUndefined();
    expect(operations.request?.needs?.notes).toBeUndefined();
    expect(operations.request?.costs).toBeUndefined();
  });

  it('gives nothing to those who may not see the case', () => {
    expect(disclosureProfile(who('consular', 'SV'), record)).toBe('none');
  });
});

describe('hashes', () => {
  it('hash the same body alike whatever its key order, and person keys one way', () => {
    const body = caseRequest();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(requestHash(reordered)).toBe(requestHash(body));
    expect(requestHash({ ...body, costs: { ...body.costs, other: 1 } })).not.toBe(requestHash(body));
    expect(hashPersonKey('doc:passport:E1234567')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPersonKey('doc:passport:E1234567')).not.toContain('E1234567');
  });
});
