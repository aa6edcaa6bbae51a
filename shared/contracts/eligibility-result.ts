/** The eligibility check's answer as stored on a case and shown to users, in Spanish and English. */
import * as z from 'zod';

/** One reason (refusal) or flag (for approvers): a stable code and a sentence in each language. */
export const eligibilityFindingSchema = /* @__PURE__ */ (() =>
  z.object({
    code: z.string().meta({ example: 'child_escort_missing' }),
    es: z.string(),
    en: z.string(),
  }))();
export type EligibilityFinding = z.infer<typeof eligibilityFindingSchema>;

export const eligibilityResultSchema = /* @__PURE__ */ (() =>
  z.object({
    eligible: z.boolean(),
    /** Why the case is not eligible; empty when eligible. */
    reasons: z.array(eligibilityFindingSchema),
    /** Facts approvers should weigh that do not refuse the case (e.g. a repeat return). */
    flags: z.array(eligibilityFindingSchema),
    totalUsd: z.number(),
    /** Age in whole years on the submission date. */
    age: z.number().int(),
  }))();
export type EligibilityResult = z.infer<typeof eligibilityResultSchema>;
