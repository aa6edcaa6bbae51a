/** Workflow step NotifyReceivingCountry: emails the return country what it needs to receive the person. */
import {
  notifyReceivingCountry,
  notifyReceivingCountryInputSchema,
} from '../../shared/workflow/notify-steps';
import { caseService, notifierDeps } from '../runtime/dependencies';
import { logEmails } from '../runtime/email-log';
import { stepHandler } from './step-handler';

const deps = { notifier: notifierDeps(caseService()) };

export const handler = stepHandler(notifyReceivingCountryInputSchema, async (input) => {
  // The emails are logged, not answered: the execution carries ids and counts only.
  const { emails, ...result } = await notifyReceivingCountry(deps, input);
  logEmails(emails);
  return result;
});
