/**
 * Workflow step: moves a case to a status, adds the event to its timeline and audit log, and
 * emails the submitting consulate when the status changed.
 */
import { recordCaseEvent } from '../../shared/workflow/case-event-step';
import { recordCaseEventInputSchema } from '../../shared/workflow/step-contracts';
import { auditTrail, caseService, notifierDeps } from '../runtime/dependencies';
import { logEmails } from '../runtime/email-log';
import { stepHandler } from './step-handler';

const cases = caseService();
const deps = { cases, audit: auditTrail(), notifier: notifierDeps(cases) };

export const handler = stepHandler(recordCaseEventInputSchema, async (input) => {
  // The emails are logged, not answered: the execution carries ids and codes only.
  const { emails, ...result } = await recordCaseEvent(deps, input);
  if (emails) logEmails(emails);
  return result;
});
