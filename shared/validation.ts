/** Turns zod's issues into field issues that name the path and the rule broken. */
import type * as z from 'zod';
import type { FieldIssue } from './errors';

export function zodIssues(error: z.ZodError, root?: string): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    // zod reports unknown fields once, at their parent: name each field instead.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        rule: 'unrecognized_keys',
        message: `unknown field ${key}: remove it or check its spelling`,
      }));
    }
    const rule =
      issue.code === 'custom'
        ? String((issue as { params?: { rule?: string } }).params?.rule ?? 'custom')
        : issue.code;
    return [{ path: path || root || '(root)', rule, message: issue.message }];
  });
}
