import { contributionRequestSchema } from '../../../shared/contracts';
import { actorOf } from '../../../shared/roles';
import { resumeWaitingCases } from '../../../shared/workflow/fund-wait';
import { httpHandler } from '../../http/http-handler';
import { fundQueueDeps, fundSettings } from '../../runtime/dependencies';
import { logger } from '../../runtime/logger';
import { assertConfiguredFund } from './fund-reads';

const settings = fundSettings();
const queue = fundQueueDeps();

/**
 * POST /api/funds/{fundId}/contributions (secretariat): a member state's contribution raises the
 * fund's capital and available. Idempotent on `reference`: a retry with the same amount answers
 * the original entry with 200 (201 when it was applied now); another amount is a 409. Only the
 * configured fund takes contributions (404 otherwise), so no fund appears by a typo. The caller is
 * recorded on the entry. Then the cases waiting for funds that it covers resume, oldest first; if
 * that fails the contribution stands, and the reconciler serves the queue on its next round.
 */
export const handler = httpHandler(
  { body: contributionRequestSchema },
  async ({ principal, params, body }) => {
    assertConfiguredFund(params.fundId ?? '', settings);
    const { entry, applied } = await queue.fund.contribute({
      reference: body.reference,
      amountUsd: body.amount,
      country: body.country,
      actor: actorOf(principal),
    });
    await resumeWaitingCases(queue).catch((error: unknown) => {
      logger.error('serving the fund queue failed; the reconciler will', { error: error as Error });
    });
    return { statusCode: applied ? 201 : 200, body: entry };
  },
);
