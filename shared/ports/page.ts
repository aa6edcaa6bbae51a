/** Cursor pagination as the ports speak it; the cursor is opaque to everyone but the adapter. */
import { ValidationError } from '../errors';

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

/**
 * The refusal of a cursor that the listing did not hand out (malformed, or from another
 * listing): every adapter answers it with this same 400.
 */
export function cursorRefused(): ValidationError {
  return new ValidationError('cursor is not one this listing returned', [
    {
      path: 'cursor',
      rule: 'cursor',
      message: 'must be the nextCursor of a previous page of the same listing',
    },
  ]);
}
