/** Workflow step CloseReintegration: writes the reintegration summary on the case before it is CLOSED. */

import { closeReintegration, closeReintegrationInputSchema } from '../../shared/workflow/reintegration-steps';
import { auditTrail, caseService } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), audit: auditTrail() };

export const handler = stepHandler(closeReintegrationInputSchema, (input) => closeReintegration(deps, input));
