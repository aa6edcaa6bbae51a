/**
 * Workflow step ReleaseFunds (compensation): gives whatever the case holds back to the fund, takes
 * the case out of the fund's queue, and resumes the cases the money given back now covers.
 */

import { releaseFundsAndServeQueue } from '../../shared/workflow/fund-wait';
import { releaseFundsInputSchema } from '../../shared/workflow/step-contracts';
import { fundQueueDeps } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = fundQueueDeps();

export const handler = stepHandler(releaseFundsInputSchema, (input) =>
  releaseFundsAndServeQueue(deps, input),
);
