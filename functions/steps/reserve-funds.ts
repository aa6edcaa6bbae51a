/** Workflow step ReserveFunds: holds the case's requested total in the Reserve Fund. */

import { reserveFunds } from '../../shared/workflow/fund-steps';
import { caseStepInputSchema } from '../../shared/workflow/step-contracts';
import { auditTrail, caseService, reserveFund } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), fund: reserveFund(), audit: auditTrail() };

export const handler = stepHandler(caseStepInputSchema, (input) => reserveFunds(deps, input));
