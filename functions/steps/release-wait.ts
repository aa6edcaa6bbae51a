/** Workflow step ReleaseWait: forgets a wait that is over (the departure came, or the funds wait ended). */

import { releaseWait, releaseWaitInputSchema } from '../../shared/workflow/wait-steps';
import { workflowWaits } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { waits: workflowWaits() };

export const handler = stepHandler(releaseWaitInputSchema, (input) => releaseWait(deps, input));
