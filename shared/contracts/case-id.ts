/**
 * A case's id as the workflow, the travel provider and the outbox carry it: letters, digits, `_`
 * and `-`, at most 64 (a new case's is `RET-` and 10 base32 characters, shared/cases/case-service.ts).
 * One schema for every step input that names a case, so they cannot drift apart.
 */
import * as z from 'zod';

/** The characters of a case id, for patterns that embed one (a booking key `<caseId>#<attempt>`). */
export const CASE_ID_PATTERN = '[A-Za-z0-9_-]{1,64}';

export const caseIdSchema = /* @__PURE__ */ (() =>
  z.string().regex(new RegExp(`^${CASE_ID_PATTERN}$`), 'must be a case id'))();
