import { contributionRequestSchema } from '../../../shared/contracts';
import { UnauthorizedError } from '../../../shared/errors';
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
    // The route is not public, so the wrapper has already refused calls without a principal.
    if (!principal) throw new UnauthorizedError('a bearer token is required');
    const { entry, applied } = await fund.contribute({
      reference: body.reference,
      amountUsd: body.amount,
      country: body.country,
      actor: { subject: principal.subject, username: principal.username, role: principal.role },
    });
    return { statusCode: applied ? 201 : 200, body: entry };
  },
);
