/** Cursor pagination as the ports speak it; the cursor is opaque to everyone but the adapter. */

export interface PageRequest {
  /** @default 25 */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Absent on the last page. */
  readonly nextCursor?: string;
}

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

/** Clamps a requested page size into 1..MAX_LIMIT. */
export function pageLimit(page: PageRequest | undefined): number {
  const limit = page?.limit ?? DEFAULT_LIMIT;
  return Math.max(1, Math.min(MAX_LIMIT, Math.trunc(limit)));
}
