/** `POST /api/cases/{caseId}/withdraw`: the migrant changed their mind (always possible before departure). */
import type * as z from 'zod';
import { closedObject } from './closed-object';
import { notesSchema } from './text';

export const withdrawRequestSchema = /* @__PURE__ */ (() =>
  closedObject({
    /** In the officer's words, e.g. "the person decided to stay with family in Mexico". */
    reason: notesSchema(),
  }))();
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;
