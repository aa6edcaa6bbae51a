/** Turns zod's issues into field issues that name the path and the rule broken. */
import type { z } from 'zod';
import type { FieldIssue } from './errors';

export function zodIssues(error: z.ZodError, root?: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const rule =
      issue.code === 'custom'
        ? String((issue as { params?: { rule?: string } }).params?.rule ?? 'custom')
        : issue.code;
    return { path: path || root || '(root)', rule, message: issue.message };
  });
}
