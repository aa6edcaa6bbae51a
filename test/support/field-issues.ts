/** Parses with a contract and answers the field issues the API would send (path, rule, message). */
import type * as z from 'zod';
import type { FieldIssue } from '../../shared/errors';
import { zodIssues } from '../../shared/validation';

export function fieldIssues(schema: z.ZodType, value: unknown): FieldIssue[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : zodIssues(parsed.error, 'body');
}

/** Just `path: rule`, for readable expectations. */
export function failures(schema: z.ZodType, value: unknown): string[] {
  return fieldIssues(schema, value).map((issue) => `${issue.path}: ${issue.rule}`);
}
