/**
 * The cases the statistics are computed from, read through the case repository's listing: the
 * view every regional role lists (all cases, or those that concern the country), page by page.
 * The listing is newest first, so reading stops at the first page that reaches before the period.
 */
import type { CaseRecord } from '../cases/case-record';
import { viewForPrincipal } from '../cases/case-views';
import type { StatisticsQuery } from '../contracts/statistics';
import type { CaseRepository } from '../ports/case-repository';
import { MAX_LIMIT } from '../ports/page';
import type { Principal } from '../roles';
import { computeStatistics, monthOf } from './compute-statistics';

/** The cases of the principal's view for the query (those before the period may end a page). */
export async function casesForStatistics(
  cases: Pick<CaseRepository, 'list'>,
  principal: Principal,
  query: StatisticsQuery,
): Promise<CaseRecord[]> {
  const view = viewForPrincipal(principal, query.country);
  const found: CaseRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await cases.list({ view, limit: MAX_LIMIT, ...(cursor ? { cursor } : {}) });
    found.push(...page.items);
    const oldest = page.items[page.items.length - 1];
    if (query.from && oldest && monthOf(oldest.createdAt) < query.from) break;
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/** The statistics the principal asked for, from the cases as stored now. */
export async function statisticsFor(
  cases: Pick<CaseRepository, 'list'>,
  principal: Principal,
  query: StatisticsQuery,
) {
  return computeStatistics(await casesForStatistics(cases, principal, query), query);
}
