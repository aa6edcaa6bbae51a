import { fundView } from '../../../shared/fund/reserve-fund';
import { httpHandler } from '../../http/http-handler';
import { fundLedger, fundSettings } from '../../runtime/dependencies';
import { emptyFundView } from './fund-reads';

const ledger = fundLedger();
const settings = fundSettings();

/**
 * GET /api/funds (every role): every fund with its balances in USD, by id. The configured fund
 * is always listed, with zero balances until its first movement (see fund-reads.ts).
 */
export const handler = httpHandler({}, async () => {
  const items = (await ledger.listFunds()).map(fundView);
  if (!items.some((fund) => fund.fundId === settings.fundId)) items.push(emptyFundView(settings));
  items.sort((a, b) => a.fundId.localeCompare(b.fundId));
  return { statusCode: 200, body: { items } };
});
