/**
 * Workflow step ReleaseFunds (compensation): gives whatever the case holds back to the fund, takes
 * the case out of the fund's queue, and resumes the cases the money given back now covers.
 */

import { releaseFundsAndServeQueue } from '../../shared/workflow/fund-wait';
import { releaseFundsInputSchema } from '../../shared/workflow/step-contracts';
import {
  auditTrail,
  caseService,
  fundLedger,
  reserveFund,
  workflowEngine,
  workflowWaits,
} from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = {
  cases: caseService(),
  fund: reserveFund(),
  ledger: fundLedger(),
  waits: workflowWaits(),
  workflow: workflowEngine(),
  audit: auditTrail(),
};

export const handler = stepHandler(releaseFundsInputSchema, (input) =>
  releaseFundsAndServeQueue(deps, input),
);
