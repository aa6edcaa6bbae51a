import { viewCase } from '../../../shared/use-cases/view-case';
import { httpHandler } from '../../http/http-handler';
import { auditTrail, caseService, taskService } from '../../runtime/dependencies';

const deps = { cases: caseService(), tasks: taskService(), audit: auditTrail() };

/** GET /api/cases/{caseId}: the case as the caller's role may see it; the read is audited. */
export const handler = httpHandler({}, async ({ principal, params }) => ({
  statusCode: 200,
  body: await viewCase(deps, principal, params.caseId!),
}));
