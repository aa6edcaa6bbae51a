/**
 * What the fund read routes share. The configured fund exists by definition (docs/architecture.md: cases
 * draw on it), but its balance item is only written by the first movement (ensureFund in the
 * write paths). The read functions are granted `funds: read` only, so they cannot create it; they
 * answer zero balances for the configured fund instead of a 404, and a 404 for any other id.
 */
import { FundNotFoundError } from '../../../shared/fund/fund-errors';
import type { FundView } from '../../../shared/fund/reserve-fund';

/** The fund id and per-case ceiling the deployment is configured with. */
export interface FundSettings {
  readonly fundId: string;
  readonly ceilingUsd: number;
}

/** The configured fund before any movement: every balance zero, in USD. */
export function emptyFundView(settings: FundSettings, now: Date = new Date()): FundView {
  return {
    fundId: settings.fundId,
    currency: 'USD',
    ceiling: settings.ceilingUsd,
    capital: 0,
    available: 0,
    reserved: 0,
    disbursed: 0,
    updatedAt: now.toISOString(),
  };
}

/**
 * Answers a fund's balance, turning "not written yet" into zero balances for the configured fund.
 * @throws FundNotFoundError for any other fund id that does not exist
 */
export async function balanceOrEmpty(
  read: () => Promise<FundView>,
  fundId: string,
  settings: FundSettings,
): Promise<FundView> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof FundNotFoundError && fundId === settings.fundId) return emptyFundView(settings);
    throw error;
  }
}

/** Refuses a fund id other than the configured one, so no fund can appear by accident. */
export function assertConfiguredFund(fundId: string, settings: FundSettings): void {
  if (fundId !== settings.fundId) throw new FundNotFoundError(`fund ${fundId} does not exist`);
}
