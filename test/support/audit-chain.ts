/** A case's audit chain of a given length, written through the AuditTrail as the domain writes it. */
import { AUDIT_ACTIONS, SYSTEM_ACTOR } from '../../shared/audit/audit-entry';
import type { AuditTrail } from '../../shared/audit/audit-trail';
import { actorOf, type Principal } from '../../shared/roles';

/** The consular officer who submits in audit tests. */
export const auditOfficer: Principal = {
  subject: 'sub-hn-1',
  username: 'consul.hn',
  role: 'consular',
  country: 'HN',
};

/** Appends a submission and then `length - 1` status changes to the case's chain. */
export async function writeChain(trail: AuditTrail, caseId: string, length: number): Promise<void> {
  await trail.append(caseId, {
    actor: actorOf(auditOfficer),
    action: AUDIT_ACTIONS.caseSubmitted,
    details: { status: 'SUBMITTED' },
  });
  for (let i = 2; i <= length; i++) {
    await trail.append(caseId, {
      actor: SYSTEM_ACTOR,
      action: AUDIT_ACTIONS.caseStatusChanged,
      details: { step: i },
    });
  }
}
