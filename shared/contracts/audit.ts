/**
 * An audit entry as `GET /api/cases/{caseId}/audit` answers it. Entries are append-only and
 * chained: each carries the hash of the case's previous entry, so a gap or an edit shows.
 */
import * as z from 'zod';
import { actorSchema } from './case';
import { instantSchema } from './dates';

/** Mirrors shared/audit/audit-entry.ts `AuditEntry`; `actor.role` may be `system`. */
export const auditEntrySchema = /* @__PURE__ */ (() =>
  z.object({
    /** The chain: a case id, or `fund:<fundId>`. */
    caseId: z.string(),
    /** 1, 2, 3... per case: a missing number is a gap. */
    seq: z.number().int().positive(),
    at: instantSchema,
    actor: actorSchema,
    /** What happened, e.g. `case.submitted`, `case.read_personal_data`, `task.completed`. */
    action: z.string(),
    /** Ids and codes only, never personal data. */
    details: z.record(z.string(), z.unknown()),
    /** Hash of the previous entry of the chain (64 zeros for the first). */
    prevHash: z.string(),
    hash: z.string(),
  }))();
export type AuditEntryShape = z.infer<typeof auditEntrySchema>;

export const auditTrailSchema = /* @__PURE__ */ (() =>
  z.object({
    items: z.array(auditEntrySchema),
    /** Whether the chain verified when read. */
    chainValid: z.boolean(),
    /** Where the chain first breaks, when it does. */
    firstBrokenSeq: z.number().int().optional(),
    /** How it breaks: a gap, entries out of order, an edited entry, a broken link, or a truncated end. */
    problem: z.enum(['gap', 'order', 'edited', 'broken_link', 'truncated']).optional(),
    nextCursor: z.string().optional(),
  }))();
export type AuditTrailShape = z.infer<typeof auditTrailSchema>;
