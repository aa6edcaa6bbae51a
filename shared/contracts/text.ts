/** Free text in contracts: trimmed, never blank, and bounded so a body cannot carry an essay per field. */
import * as z from 'zod';

/** A trimmed, non-empty string of at most `max` characters. */
export function textSchema(max: number) {
  return z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` });
}

/** Short names (a city, a person's given names). */
export const NAME_MAX = 100;
/** Notes and explanations typed by officers. */
export const NOTES_MAX = 2000;
