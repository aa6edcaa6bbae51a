/**
 * Pages of an in-memory listing, paged the way the DynamoDB adapters page a Query: items in one
 * partition in sort-key order, `limit` at a time, with an opaque cursor that is only accepted
 * back by the same partition (anything else is refused as DynamoDB's cursors are).
 */

import { cursorRefused, type Page, type PageRequest, pageLimit } from '../../ports/page';
import { copy } from './copy';

/** An item and the key it is listed by. */
export interface Sorted<T> {
  readonly sortKey: string;
  readonly item: T;
}

/** Code-unit order, as DynamoDB orders (ASCII) string sort keys. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface CursorBody {
  readonly partition: string;
  readonly after: string;
}

function encode(body: CursorBody): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The sort key a cursor continues after. @throws ValidationError for a cursor of another listing */
function decode(cursor: string, partition: string): string {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw cursorRefused();
  }
  const valid =
    typeof body === 'object' &&
    body !== null &&
    (body as CursorBody).partition === partition &&
    typeof (body as CursorBody).after === 'string';
  if (!valid) throw cursorRefused();
  return (body as CursorBody).after;
}

/**
 * One page of `entries` (any order: they are sorted here), structured-cloned so that callers
 * cannot change what is stored.
 * @param partition names the listing; a cursor from any other listing is refused
 */
export function pageOf<T>(
  partition: string,
  entries: readonly Sorted<T>[],
  order: 'ascending' | 'descending',
  page?: PageRequest,
): Page<T> {
  const sign = order === 'ascending' ? 1 : -1;
  const sorted = [...entries].sort((a, b) => sign * compare(a.sortKey, b.sortKey));
  const after = page?.cursor === undefined ? undefined : decode(page.cursor, partition);
  // Everything up to and including the cursor's item was on earlier pages.
  const start =
    after === undefined ? 0 : sorted.filter((entry) => sign * compare(entry.sortKey, after) <= 0).length;
  const end = start + pageLimit(page);
  const items = sorted.slice(start, end);
  const last = items.at(-1);
  return {
    items: items.map((entry) => copy(entry.item)),
    ...(end < sorted.length && last ? { nextCursor: encode({ partition, after: last.sortKey }) } : {}),
  };
}
