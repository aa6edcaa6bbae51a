/** Closed (strict) objects: the contracts are closed, so a misspelt field is an error, not silence. */
import * as z from 'zod';

/** Names the unknown fields; zod reports them at the parent's path. */
function unknownFields(issue: { code?: string; keys?: string[] }): string | undefined {
  return issue.code === 'unrecognized_keys'
    ? `unknown field(s): ${(issue.keys ?? []).join(', ')}`
    : undefined;
}

/** A strict object whose unknown-field error names the fields. */
export function closedObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, { error: unknownFields });
}
