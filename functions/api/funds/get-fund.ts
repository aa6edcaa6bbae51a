import { httpHandler } from '../../http/http-handler';
import { fundSettings, reserveFund } from '../../runtime/dependencies';
import { balanceOrEmpty } from './fund-reads';

const settings = fundSettings();

/**
 * GET /api/funds/{fundId} (every role): capital, available, reserved and disbursed in USD.
 * The configured fund answers zero balances before its first movement; any unknown id is a 404.
 */
export const handler = httpHandler({}, async ({ params }) => {
  const fundId = params.fundId ?? '';
  const fund = reserveFund(fundId);
  return { statusCode: 200, body: await balanceOrEmpty(() => fund.balance(), fundId, settings) };
});
