/** Workflow step RecordCheckIn: puts a check-in's findings (from its completed task) on the case, or marks it missed. */

import { recordCheckIn, recordCheckInInputSchema } from '../../shared/workflow/reintegration-steps';
import { auditTrail, caseService, taskService } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), tasks: taskService(), audit: auditTrail() };

export const handler = stepHandler(recordCheckInInputSchema, (input) => recordCheckIn(deps, input));
