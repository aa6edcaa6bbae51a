/** The body of every error answer (see functions/http/error-mapping.ts), described for OpenAPI. */
import * as z from 'zod';

export const fieldIssueSchema = /* @__PURE__ */ (() =>
  z.object({
    path: z.string().meta({ example: 'migrant.dateOfBirth' }),
    rule: z.string().meta({ example: 'not_future' }),
    message: z.string().meta({ example: 'must not be in the future' }),
  }))();

export const errorBodySchema = /* @__PURE__ */ (() =>
  z.object({
    error: z
      .string()
      .meta({ description: 'Name of the error, e.g. ValidationError.', example: 'ValidationError' }),
    message: z.string(),
    issues: z.array(fieldIssueSchema).optional().meta({ description: 'Each failing field (400 only).' }),
  }))();
export type ErrorBodyShape = z.infer<typeof errorBodySchema>;
