/**
 * The domain's services over fresh in-memory adapters, as functions/runtime/dependencies builds
 * them over DynamoDB and Step Functions: what the use-case unit tests run on.
 */
import { demoEmailDirectory } from '../../../local/email-directory';
import { memoryAdapters } from '../../../shared/adapters/memory';
import { MemoryEmailOutbox } from '../../../shared/adapters/memory/memory-email-outbox';
import { MemoryMailer } from '../../../shared/adapters/memory/memory-mailer';
import { AuditTrail } from '../../../shared/audit/audit-trail';
import { CaseService } from '../../../shared/cases/case-service';
import { ReserveFund } from '../../../shared/fund/reserve-fund';
import { checkEmailDirectory } from '../../../shared/notifications/email-directory';
import type { NotifierDeps } from '../../../shared/notifications/notifier';
import type { Principal } from '../../../shared/roles';
import { TaskService } from '../../../shared/tasks/task-service';

/** Submissions are decided on this day (the fixture's consent is dated the day before). */
export const NOW = new Date('2024-05-01T12:00:00.000Z');

export function memoryServices() {
  const adapters = memoryAdapters({ now: () => NOW });
  const now = () => NOW;
  const cases = new CaseService(adapters.cases, adapters.idempotency, { now });
  const notifier: NotifierDeps = {
    outbox: new MemoryEmailOutbox(),
    mailer: new MemoryMailer(),
    directory: checkEmailDirectory(demoEmailDirectory()),
    webAppUrl: 'https://retorno.example.org',
    cases,
    now,
  };
  return {
    adapters,
    workflow: adapters.workflow,
    cases,
    notifier,
    tasks: new TaskService(adapters.tasks, { now }),
    audit: new AuditTrail(adapters.audit, { now }),
    fund: new ReserveFund(adapters.ledger, { now }),
    ledger: adapters.ledger,
    waits: adapters.waits,
    now,
  };
}

export type MemoryServices = ReturnType<typeof memoryServices>;

export const consulHn: Principal = {
  subject: 'consul-hn',
  username: 'consul.hn',
  role: 'consular',
  country: 'HN',
};
export const consulGt: Principal = {
  subject: 'consul-gt',
  username: 'consul.gt',
  role: 'consular',
  country: 'GT',
};
export const authority = (country: 'MX' | 'GT' | 'HN' | 'CR', subject = `auth-${country}`): Principal => ({
  subject,
  username: subject,
  role: 'authority',
  country,
});
export const secretariat: Principal = { subject: 'st', username: 'secretariat', role: 'secretariat' };

/** The audit actions of a case, in order. */
export async function auditActions(services: MemoryServices, caseId: string): Promise<string[]> {
  return (await services.audit.entries(caseId, { limit: 100 })).items.map((entry) => entry.action);
}
