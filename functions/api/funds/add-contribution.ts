import { contributionRequestSchema } from '../../../shared/contracts';
import { actorOf } from '../../../shared/roles';
import { httpHandler } from '../../http/http-handler';
import { fundSettings, reserveFund } from '../../runtime/dependencies';
import { assertConfiguredFund } from './fund-reads';

const settings = fundSettings();
const fund = reserveFund(settings.fundId);

/**
 * POST /api/funds/{fundId}/contributions (secretariat): a member state's contribution raises the
 * fund's capital and available. Idempotent on `reference`: a retry with the same amount answers
 * the original entry with 200 (201 when it was applied now); another amount is a 409. Only the
 * configured fund takes contributions (404 otherwise), so no fund appears by a typo. The caller is
 * recorded on the entry.
 */
export const handler = httpHandler(
  { body: contributionRequestSchema },
  async ({ principal, params, body }) => {
    assertConfiguredFund(params.fundId ?? '', settings);
    const { entry, applied } = await fund.contribute({
      reference: body.reference,
      amountUsd: body.amount,
      country: body.country,
      actor: actorOf(principal),
    });
    return { statusCode: applied ? 201 : 200, body: entry };
  },
);
