/**
 * Workflow step (lambda:invoke.waitForTaskToken): opens a human task, keeps the execution's
 * token with it, server-side, and emails the assignee. The execution resumes when the task is
 * completed through the API.
 */
import { createTaskInputSchema } from '../../shared/workflow/step-contracts';
import { createTask } from '../../shared/workflow/task-steps';
import { auditTrail, caseService, notifierDeps, taskService } from '../runtime/dependencies';
import { logEmails } from '../runtime/email-log';
import { stepHandler } from './step-handler';

const cases = caseService();
const deps = { cases, tasks: taskService(), audit: auditTrail(), notifier: notifierDeps(cases) };

export const handler = stepHandler(createTaskInputSchema, async (input) => {
  // The emails are logged, not answered: the execution carries ids and codes only.
  const { emails, ...result } = await createTask(deps, input);
  logEmails(emails);
  return result;
});
