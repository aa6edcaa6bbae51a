/** Workflow step: expires or cancels a task (or every open task of a case) whose wait ended. */
import { closeTaskInputSchema } from '../../shared/workflow/step-contracts';
import { closeTask } from '../../shared/workflow/task-steps';
import { auditTrail, taskService } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { tasks: taskService(), audit: auditTrail() };

export const handler = stepHandler(closeTaskInputSchema, (input) => closeTask(deps, input));
