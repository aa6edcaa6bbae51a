import { paginationQuerySchema } from '../../../shared/contracts';
import { httpHandler } from '../../http/http-handler';
import { auditTrail, caseService } from '../../runtime/dependencies';

const cases = caseService();
const audit = auditTrail();

/**
 * GET /api/cases/{caseId}/audit (secretariat, auditor): a page of the case's audit entries,
 * oldest first, and whether the whole chain verifies (`chainValid`). Entries hold ids and codes
 * only, so answering them is not itself a read of personal data and is not audited.
 */
export const handler = httpHandler({ query: paginationQuerySchema }, async ({ principal, params, query }) => {
  const caseId = params.caseId ?? '';
  // 404 for a case that does not exist (or the caller may not see), rather than an empty chain.
  await cases.get(caseId, principal);
  const [page, verification] = await Promise.all([
    audit.entries(caseId, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }),
    audit.verify(caseId),
  ]);
  return {
    statusCode: 200,
    body: {
      items: page.items,
      chainValid: verification.valid,
      ...(verification.firstBrokenSeq !== undefined ? { firstBrokenSeq: verification.firstBrokenSeq } : {}),
      ...(verification.problem ? { problem: verification.problem } : {}),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    },
  };
});
