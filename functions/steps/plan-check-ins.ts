/** Workflow step PlanCheckIns: writes the case's reintegration check-ins and when each task opens. */

import { planCheckIns, planCheckInsInputSchema } from '../../shared/workflow/reintegration-steps';
import { auditTrail, caseService } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), audit: auditTrail() };

export const handler = stepHandler(planCheckInsInputSchema, (input) => planCheckIns(deps, input));
