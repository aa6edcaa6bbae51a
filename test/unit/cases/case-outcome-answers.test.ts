// How a case's end reads in its detail: a FAILED case's error and a CLOSED case's reintegration
// summary, each cut by the disclosure profiles (shared/cases/disclosure.ts), as the API answers them.

import { caseEventSentences } from '../../../shared/cases/case-events';
import type { CaseRecord } from '../../../shared/cases/case-record';
import { caseDetailSchema } from '../../../shared/contracts/case';
import type { CountryCode } from '../../../shared/countries';
import type { Principal, Role } from '../../../shared/roles';
import { caseDetail } from '../../../shared/use-cases/case-answers';
import { caseRecord } from './case-fixture';

const who = (role: Role, country?: CountryCode): Principal => ({
  subject: `${role}-${country ?? 'rcm'}`,
  username: `${role}.${country?.toLowerCase() ?? 'rcm'}`,
  role,
  ...(country ? { country } : {}),
});

/** Everyone with a part in the fixture's case (a Honduran in Mexico, home through Guatemala). */
const READERS: ReadonlyArray<readonly [string, Principal]> = [
  ['consulate', who('consular', 'HN')],
  ['Secretariat', who('secretariat')],
  ['auditor', who('auditor')],
  ['exit authority', who('authority', 'MX')],
  ['transit authority', who('authority', 'GT')],
  ['reception authority', who('authority', 'HN')],
  ['reintegration officer', who('reintegration', 'HN')],
  ['operations', who('operations')],
];

const at = '2024-05-20T10:00:00.000Z';

const failed: CaseRecord = caseRecord({
  status: 'FAILED',
  failure: { error: 'ArrivalNotConfirmed', at },
  timeline: [
    {
      at,
      event: 'workflow_failed',
      ...caseEventSentences('workflow_failed', 'ArrivalNotConfirmed'),
      status: 'FAILED',
    },
  ],
});

const closed: CaseRecord = caseRecord({
  status: 'CLOSED',
  reintegration: { checkIns: 3, completed: 3, contactMade: 2, intendsToMigrateAgain: 'no' },
});

describe('the end of a case in its detail', () => {
  it.each(READERS)(
    "shows a FAILED case's error and time to the %s only if they review it",
    (reader, principal) => {
      const { detail } = caseDetail(failed, principal);
      const reviews = ['consulate', 'Secretariat', 'auditor', 'operations'].includes(reader);
      expect(detail.failure).toEqual(reviews ? { error: 'ArrivalNotConfirmed', at } : undefined);
      expect(caseDetailSchema.safeParse(detail).success).toBe(true);
      // Everyone reads that the case failed; only who reviews it reads which error stopped it.
      const [entry] = detail.timeline;
      expect(entry).toMatchObject({ event: 'workflow_failed', status: 'FAILED', at });
      expect(entry?.en).toMatch(/could not continue because of a technical error/);
      expect(entry?.es).toMatch(/no pudo continuar por un error técnico/);
      expect(`${entry?.es} ${entry?.en}`.includes('ArrivalNotConfirmed')).toBe(reviews);
    },
  );

  it.each(READERS)(
    "shows a CLOSED case's reintegration summary to the %s only if they see the check-ins' findings",
    (reader, principal) => {
      const { detail } = caseDetail(closed, principal);
      const sees = ['consulate', 'Secretariat', 'auditor', 'reintegration officer'].includes(reader);
      expect(detail.reintegration).toEqual(sees ? closed.reintegration : undefined);
      expect(caseDetailSchema.safeParse(detail).success).toBe(true);
    },
  );

  it('carries neither while the case has not ended that way', () => {
    const { detail } = caseDetail(caseRecord({ status: 'TRAVELLING' }), who('secretariat'));
    expect(detail).not.toHaveProperty('failure');
    expect(detail).not.toHaveProperty('reintegration');
  });
});
