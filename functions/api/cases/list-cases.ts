import { caseListQuerySchema } from '../../../shared/contracts/case';
import { listCases } from '../../../shared/use-cases/view-case';
import { httpHandler } from '../../http/http-handler';
import { caseService } from '../../runtime/dependencies';

const deps = { cases: caseService() };

/** GET /api/cases?status=&country=&limit=&cursor=: the caller's cases, newest first. */
export const handler = httpHandler({ query: caseListQuerySchema }, async ({ principal, query }) => ({
  statusCode: 200,
  body: await listCases(deps, principal, query),
}));
