/**
 * Workflow step HoldWait (waitForTaskToken): keeps the execution's token while the case waits for
 * funds (and offers it to the fund's queue at once) or for its departure.
 */

import { holdWait, holdWaitInputSchema } from '../../shared/workflow/wait-steps';
import { fundQueueDeps } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = fundQueueDeps();

export const handler = stepHandler(holdWaitInputSchema, (input) => holdWait(deps, input));
