/** Workflow step DisburseFunds: turns the case's hold into a disbursement. */

import { disburseFunds } from '../../shared/workflow/fund-steps';
import { caseStepInputSchema } from '../../shared/workflow/step-contracts';
import { auditTrail, caseService, reserveFund } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), fund: reserveFund(), audit: auditTrail() };

export const handler = stepHandler(caseStepInputSchema, (input) => disburseFunds(deps, input));
