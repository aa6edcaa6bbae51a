/** Workflow step ReleaseFunds (compensation): gives whatever the case holds back to the fund. */

import { releaseFunds } from '../../shared/workflow/fund-steps';
import { releaseFundsInputSchema } from '../../shared/workflow/step-contracts';
import { auditTrail, caseService, fundLedger, reserveFund } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), fund: reserveFund(), ledger: fundLedger(), audit: auditTrail() };

export const handler = stepHandler(releaseFundsInputSchema, (input) => releaseFunds(deps, input));
