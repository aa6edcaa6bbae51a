/**
 * What the email tests run on: the domain's services over in-memory adapters, the in-memory
 * outbox and mailer, the local cloud's demo directory, and cases stored as the workflow finds
 * them. The clock is the test's to move.
 */
import { demoEmailDirectory } from '../../../local/email-directory';
import { MemoryEmailOutbox } from '../../../shared/adapters/memory/memory-email-outbox';
import { MemoryMailer } from '../../../shared/adapters/memory/memory-mailer';
import type { CaseRecord } from '../../../shared/cases/case-record';
import { checkEmailDirectory } from '../../../shared/notifications/email-directory';
import type { NotifierDeps } from '../../../shared/notifications/notifier';
import { caseRecord, caseRequest } from '../cases/case-fixture';
import { memoryServices } from '../use-cases/memory-services';

export const WEB_APP_URL = 'https://retorno.example.org';
export const T0 = new Date('2024-05-01T12:00:00.000Z');

export function emailWorld() {
  const services = memoryServices();
  let clock = T0.getTime();
  const now = () => new Date(clock);
  const outbox = new MemoryEmailOutbox();
  const mailer = new MemoryMailer();
  const notifier: NotifierDeps = {
    outbox,
    mailer,
    directory: checkEmailDirectory(demoEmailDirectory()),
    webAppUrl: WEB_APP_URL,
    cases: services.cases,
    now,
  };
  return {
    services,
    outbox,
    mailer,
    notifier,
    now,
    /** Moves the clock on. */
    advance(seconds: number) {
      clock += seconds * 1000;
    },
    /** Stores a case (the fixture's Honduran woman in Mexico unless overridden). */
    async storeCase(overrides: Partial<CaseRecord> = {}): Promise<CaseRecord> {
      const record = caseRecord({
        caseId: `RET-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
        ...overrides,
      });
      await services.adapters.cases.create(record, { personKeys: [] });
      return record;
    },
    /** Every email the mailer accepted, to one address. */
    sentTo(address: string) {
      return mailer.sent.filter((email) => email.to.includes(address));
    },
  };
}

export type EmailWorld = ReturnType<typeof emailWorld>;

/** A 15-year-old travelling home alone, with what only the consulate may read. */
export function childRequest() {
  return caseRequest({
    migrant: { ...caseRequest().migrant, givenNames: 'Ana Lucía', dateOfBirth: '2009-02-11' },
    vulnerabilities: ['unaccompanied_child', 'trafficking_victim'],
    needs: {
      escort: true,
      medicalEscort: true,
      wheelchair: false,
      notes: 'insulin twice a day, PTSD follow-up',
    },
    circumstances: 'recruited by a trafficking network in Tapachula',
    returnTo: {
      country: 'HN',
      city: 'San Pedro Sula',
      address: 'Colonia Rivera Hernández 4',
      receivingContact: { name: 'Rosa Martínez', relationship: 'aunt', phone: '+504 9999 0000' },
    },
    child: {
      bestInterestsDetermination: {
        decidedOn: '2024-04-20',
        authority: 'DIF Chiapas',
        outcome: 'return',
        reference: 'BID-2024-117',
      },
      guardian: { name: 'Carmen López', relationship: 'mother', phone: '+504 8888 0000' },
    },
    submitterNotes: 'she fears reprisals from the network',
  });
}
