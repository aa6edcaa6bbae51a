/**
 * An audit entry as `GET /api/cases/{caseId}/audit` answers it. Entries are append-only and
 * chained: each carries the hash of the case's previous entry, so a gap or an edit shows.
 */
import { z } from 'zod';
import { actorSchema } from './case';
import { instantSchema } from './dates';

export const auditEntrySchema = z.object({
  caseId: z.string(),
  /** 1, 2, 3... per case: a missing number is a gap. */
  seq: z.number().int().positive(),
  at: instantSchema,
  actor: actorSchema,
  /** What happened, e.g. `case.submitted`, `case.read_personal_data`, `task.completed`. */
  action: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
  previousHash: z.string(),
  hash: z.string(),
});
export type AuditEntryShape = z.infer<typeof auditEntrySchema>;

export const auditTrailSchema = z.object({
  items: z.array(auditEntrySchema),
  /** Whether the chain verified when read. */
  chainValid: z.boolean(),
  nextCursor: z.string().optional(),
});
