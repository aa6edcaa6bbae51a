/** Workflow step: moves a case to a status and adds the event to its timeline and audit log. */

import { recordCaseEvent } from '../../shared/workflow/case-event-step';
import { recordCaseEventInputSchema } from '../../shared/workflow/step-contracts';
import { auditTrail, caseService } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), audit: auditTrail() };

export const handler = stepHandler(recordCaseEventInputSchema, (input) => recordCaseEvent(deps, input));
