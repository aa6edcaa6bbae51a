/**
 * Cursor pagination for list routes. The cursor is opaque to clients (the server encodes its
 * DynamoDB position in it); query-string values arrive as text, so `limit` is coerced.
 */
import * as z from 'zod';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** `?cursor=...&limit=...` */
export const paginationQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    cursor: z
      .string()
      .min(1)
      .max(2048, { message: 'must be at most 2048 characters' })
      .regex(/^[A-Za-z0-9_-]+$/, { message: 'must be a cursor returned by a previous page (base64url)' })
      .optional()
      .meta({ description: 'The `nextCursor` of the previous page.' }),
    limit: z.coerce
      .number({ error: 'must be a whole number' })
      .int({ message: 'must be a whole number' })
      .min(1, { message: 'must be at least 1' })
      .max(MAX_PAGE_SIZE, { message: `must be at most ${MAX_PAGE_SIZE}` })
      .default(DEFAULT_PAGE_SIZE)
      .meta({ description: `Items per page (1-${MAX_PAGE_SIZE}).` }),
  }))();
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

/** A page as the domain returns it. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}
