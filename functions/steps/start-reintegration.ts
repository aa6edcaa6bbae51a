/** Workflow step StartReintegration: starts the case's reintegration workflow once arrival is confirmed. */

import { startReintegration, startReintegrationInputSchema } from '../../shared/workflow/reintegration-steps';
import { workflowEngine } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { reintegration: workflowEngine('reintegrationWorkflow') };

export const handler = stepHandler(startReintegrationInputSchema, (input) => startReintegration(deps, input));
