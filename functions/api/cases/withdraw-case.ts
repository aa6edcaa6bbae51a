import { withdrawRequestSchema } from '../../../shared/contracts/withdraw';
import { withdrawCase } from '../../../shared/use-cases/withdraw-case';
import { httpHandler } from '../../http/http-handler';
import {
  auditTrail,
  caseService,
  taskService,
  workflowEngine,
  workflowWaits,
} from '../../runtime/dependencies';

const deps = {
  cases: caseService(),
  tasks: taskService(),
  audit: auditTrail(),
  workflow: workflowEngine('caseWorkflow'),
  waits: workflowWaits(),
};

/** POST /api/cases/{caseId}/withdraw: until the day of departure; 409 after. */
export const handler = httpHandler({ body: withdrawRequestSchema }, async ({ principal, params, body }) => ({
  statusCode: 200,
  body: await withdrawCase(deps, principal, params.caseId!, body.reason),
}));
