/**
 * The one place that reads the environment. A handler calls `readConfig` once, at module scope
 * (cold start), with the variables it needs; anything missing or malformed fails right there with
 * a message naming each variable and what it is for, instead of failing later mid-request.
 * AWS SDK clients read their endpoints from the SDK's own variables (AWS_ENDPOINT_URL_DYNAMODB,
 * AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_SESV2), so no code asks whether it runs locally.
 */
// zod's mini build: the same checks, without classic zod's method layer, which would cost every
// handler that reads its configuration but parses nothing else about 8 ms of cold start. Mini
// loads no locale, so each rule carries its own message.
import * as z from 'zod/mini';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A variable's rule and what it is for (the description is shown when it is missing). */
export interface EnvVar<T> {
  readonly schema: z.ZodMiniType<T>;
  readonly description: string;
}

export const envVar = {
  string: (description: string): EnvVar<string> => ({
    schema: z.string({ error: 'must be text' }).check(z.minLength(1, 'must not be empty')),
    description,
  }),
  url: (description: string): EnvVar<string> => ({ schema: z.url({ error: 'must be a URL' }), description }),
  port: (description: string): EnvVar<number> => ({
    schema: z.coerce
      .number({ error: 'must be a number' })
      .check(
        z.int({ error: 'must be a whole number' }),
        z.minimum(0, 'must be at least 0'),
        z.maximum(65535, 'must be at most 65535'),
      ),
    description,
  }),
  positiveInt: (description: string): EnvVar<number> => ({
    schema: z.coerce
      .number({ error: 'must be a number' })
      .check(z.int({ error: 'must be a whole number' }), z.positive('must be greater than 0')),
    description,
  }),
  optional: <T>(inner: EnvVar<T>, fallback: T): EnvVar<T> => ({
    schema: z.pipe(
      z.optional(inner.schema),
      z.transform((value: T | undefined) => value ?? fallback),
    ) as unknown as z.ZodMiniType<T>,
    description: `${inner.description} (default ${String(fallback)})`,
  }),
};

type Values<S extends Record<string, EnvVar<unknown>>> = {
  readonly [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never;
};

/**
 * Reads and checks the named variables. Every problem is reported at once:
 * `configuration: TABLE_CASES is missing (the cases table's name); PORT must be ...`.
 */
export function readConfig<S extends Record<string, EnvVar<unknown>>>(
  spec: S,
  env: Record<string, string | undefined> = process.env,
): Values<S> {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, { schema, description }] of Object.entries(spec)) {
    const raw = env[name] === '' ? undefined : env[name];
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
    } else if (raw === undefined) {
      problems.push(`${name} is missing (${description})`);
    } else {
      const rule = parsed.error.issues.map((issue) => issue.message).join('; ');
      problems.push(`${name}=${JSON.stringify(raw)} is invalid: ${rule} (${description})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`configuration: ${problems.join('; ')}`);
  return values as Values<S>;
}
