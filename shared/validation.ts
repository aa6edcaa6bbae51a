/**
 * Input that a zod contract refuses becomes one kind of answer: a ValidationError whose message
 * says what was not valid and whose issues name each failing field's path and rule.
 */
import type * as z from 'zod';
import { type FieldIssue, ValidationError } from './errors';

/** Turns zod's issues into field issues that name the path and the rule broken. */
export function zodIssues(error: Pick<z.ZodError, 'issues'>, root?: string): FieldIssue[] {
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

/**
 * Parses input with its contract.
 * @param what what the input is, as the error names it: `body`, `query`, `Idempotency-Key header`
 * @param root the path given to issues about the input as a whole @default what
 * @throws ValidationError "the <what> is not valid: <path>: <message>; …", with one issue per field
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string,
  root: string = what,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error, root);
  throw new ValidationError(
    `the ${what} is not valid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    issues,
  );
}
