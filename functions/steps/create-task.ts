/**
 * Workflow step (lambda:invoke.waitForTaskToken): opens a human task and keeps the execution's
 * token with it, server-side. The execution resumes when the task is completed through the API.
 */
import { createTaskInputSchema } from '../../shared/workflow/step-contracts';
import { createTask } from '../../shared/workflow/task-steps';
import { auditTrail, caseService, taskService } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), tasks: taskService(), audit: auditTrail() };

export const handler = stepHandler(createTaskInputSchema, (input) => createTask(deps, input));
