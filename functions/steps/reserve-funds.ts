/** Workflow step ReserveFunds: holds the case's requested total in the Reserve Fund, behind any queue. */

import { reserveFunds } from '../../shared/workflow/fund-steps';
import { caseStepInputSchema } from '../../shared/workflow/step-contracts';
import { auditTrail, caseService, fundLedger, reserveFund, workflowWaits } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = {
  cases: caseService(),
  fund: reserveFund(),
  ledger: fundLedger(),
  waits: workflowWaits(),
  audit: auditTrail(),
};

export const handler = stepHandler(caseStepInputSchema, (input) => reserveFunds(deps, input));
