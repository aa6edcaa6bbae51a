/**
 * Submitting a request: the eligibility rules decide with the person's history, the case is stored
 * (eligible or not, never lost), the submission is audited, and an eligible case's workflow starts.
 * Every step is safe to repeat: a retry with the same Idempotency-Key answers the same case and
 * finishes whatever the first attempt did not (the audit entry, the workflow start).
 */

import { AUDIT_ACTIONS } from '../audit/audit-entry';
import type { AuditTrail } from '../audit/audit-trail';
import { type CaseService, eligibilityHistory, type SubmittedCase } from '../cases/case-service';
import type { CaseRequest } from '../contracts/case-request';
import { evaluateEligibility } from '../eligibility/evaluate';
import type { WorkflowEngine } from '../ports/workflow-engine';
import { actorOf, type Principal } from '../roles';

export interface SubmitCaseDeps {
  readonly cases: CaseService;
  readonly audit: AuditTrail;
  readonly workflow: WorkflowEngine;
  /** The fund's per-case ceiling in USD. */
  readonly ceilingUsd: number;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export async function submitCase(
  deps: SubmitCaseDeps,
  input: { readonly principal: Principal; readonly request: CaseRequest; readonly idempotencyKey?: string },
): Promise<SubmittedCase> {
  const today = (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
  const submitted = await deps.cases.submit({
    principal: input.principal,
    request: input.request,
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    evaluate: (history) =>
      evaluateEligibility(input.request, {
        today,
        ceilingUsd: deps.ceilingUsd,
        ...eligibilityHistory(history),
      }),
  });

  // A replayed submission may follow a first attempt that stopped before auditing (the case may
  // have been read, and that read audited, in between: look for the submission itself).
  const entry = {
    actor: actorOf(input.principal),
    action: AUDIT_ACTIONS.caseSubmitted,
    details: { status: submitted.status },
  };
  if (submitted.created) await deps.audit.append(submitted.caseId, entry);
  else
    await deps.audit.appendOnce(
      submitted.caseId,
      entry,
      (audited) => audited.action === AUDIT_ACTIONS.caseSubmitted,
    );
  if (submitted.status === 'SUBMITTED') {
    // Named after the case: starting again (a replay) is answered with the same execution.
    await deps.workflow.startCase(submitted.caseId, { caseId: submitted.caseId });
  }
  return submitted;
}
