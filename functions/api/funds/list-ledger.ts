import { paginationQuerySchema } from '../../../shared/contracts';
import { httpHandler } from '../../http/http-handler';
import { fundSettings, reserveFund } from '../../runtime/dependencies';

const settings = fundSettings();

/**
 * GET /api/funds/{fundId}/ledger (secretariat, auditor): the fund's entries oldest first, in USD,
 * a page at a time (`limit`, opaque `cursor`). The configured fund's ledger is empty before its
 * first movement rather than missing; another fund id must exist (404 otherwise).
 */
export const handler = httpHandler({ query: paginationQuerySchema }, async ({ params, query }) => {
  const fundId = params.fundId ?? '';
  const fund = reserveFund(fundId);
  // balance() throws FundNotFoundError (404) for an unknown fund; the configured one always exists.
  if (fundId !== settings.fundId) await fund.balance();
  const page = await fund.entries({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  return { statusCode: 200, body: page };
});
