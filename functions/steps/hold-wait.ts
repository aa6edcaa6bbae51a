/**
 * Workflow step HoldWait (waitForTaskToken): keeps the execution's token while the case waits for
 * funds (and offers it to the fund's queue at once) or for its departure.
 */

import { holdWait, holdWaitInputSchema } from '../../shared/workflow/wait-steps';
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

export const handler = stepHandler(holdWaitInputSchema, (input) => holdWait(deps, input));
