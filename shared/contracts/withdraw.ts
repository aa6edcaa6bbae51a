/** `POST /api/cases/{caseId}/withdraw`: the migrant changed their mind (always possible before departure). */
import type * as z from 'zod';
import { closedObject } from './closed-object';
import { NOTES_MAX, textSchema } from './text';

export const withdrawRequestSchema = closedObject({
  /** In the officer's words, e.g. "the person decided to stay with family in Mexico". */
  reason: textSchema(NOTES_MAX),
});
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;
