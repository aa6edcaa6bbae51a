/** Workflow step PlanTravel: how long until departure, and when the arrival confirmation is due. */

import { planTravel, planTravelInputSchema } from '../../shared/workflow/travel-plan';
import { caseService } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService() };

export const handler = stepHandler(planTravelInputSchema, (input) => planTravel(deps, input));
