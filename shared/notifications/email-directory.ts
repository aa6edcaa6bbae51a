/**
 * Who Retorno emails, from configuration, never from code: per member state its language, the
 * official addresses of its consulate, authority and reintegration office, and its
 * child-protection authority; and the addresses of the RCM Technical Secretariat and of
 * operations. Functions that send email read it once, at cold start, from `EMAIL_DIRECTORY`
 * (the local cloud passes a demo directory, local/email-directory.ts; on AWS it is the CDK
 * context `emailDirectory`).
 *
 * Lambda gives a function at most 4 KB of environment in all. Eleven countries with one address
 * per role are already 2.8 KB of JSON (three per office, over 10 KB), so a directory larger than
 * INLINE_LIMIT_BYTES is passed gzip-compressed and base64-encoded (`gzip:<base64>`, node:zlib):
 * the repetitive JSON shrinks to a sixth or less (the demo directory to under 500 bytes, three
 * long addresses per office to about 1.1 KB). Both clouds encode with encodeEmailDirectory, and
 * the CDK app refuses a directory whose encoding exceeds EMAIL_DIRECTORY_MAX_BYTES.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import { ConfigError } from '../config';
import { closedObject } from '../contracts/closed-object';
import { NAME_MAX, textSchema } from '../contracts/text';
import { type CountryCode, RCM_COUNTRY_CODES } from '../countries';
import { EMAIL_LANGUAGES, type EmailLanguage, type EmailParty } from '../ports/email-outbox';
import { zodIssues } from '../validation';

/** The language of each country's emails unless its entry says otherwise. */
export const DEFAULT_EMAIL_LANGUAGES: Readonly<Record<CountryCode, EmailLanguage>> = {
  BZ: 'en',
  CA: 'en',
  CR: 'es',
  DO: 'es',
  SV: 'es',
  GT: 'es',
  HN: 'es',
  MX: 'es',
  NI: 'es',
  PA: 'es',
  US: 'en',
};

/**
 * The authority that receives a returning child in each country unless its entry names another
 * (docs/domain.md, "Children"); the addresses are always configured.
 */
export const DEFAULT_CHILD_PROTECTION_AUTHORITIES: Readonly<Record<CountryCode, string>> = {
  BZ: 'Department of Human Services',
  CA: 'Provincial child welfare authority',
  CR: 'PANI',
  DO: 'CONANI',
  SV: 'CONAPINA',
  GT: 'PGN',
  HN: 'DINAF',
  MX: 'DIF',
  NI: 'MIFAN',
  PA: 'SENNIAF',
  US: 'U.S. Repatriation Program (ACF)',
};

const addressesSchema = /* @__PURE__ */ (() =>
  z
    .array(z.email({ message: 'must be an email address' }).max(254))
    .min(1, { message: 'must list at least one address' })
    .max(10, { message: 'must list at most 10 addresses' })
    .refine((list) => new Set(list).size === list.length, {
      message: 'must not list an address twice',
      params: { rule: 'unique' },
    }))();

const countryEntrySchema = /* @__PURE__ */ (() =>
  closedObject({
    /** @default DEFAULT_EMAIL_LANGUAGES of the country */
    language: z.enum(EMAIL_LANGUAGES, { error: 'must be es or en' }).optional(),
    addresses: closedObject({
      consular: addressesSchema,
      authority: addressesSchema,
      reintegration: addressesSchema,
    }),
    childProtection: closedObject({
      /** @default DEFAULT_CHILD_PROTECTION_AUTHORITIES of the country */
      name: textSchema(NAME_MAX).optional(),
      addresses: addressesSchema,
    }),
  }))();

/** The directory as configured: every member state, each default optional. */
export const emailDirectorySchema = /* @__PURE__ */ (() =>
  closedObject({
    countries: closedObject(
      Object.fromEntries(RCM_COUNTRY_CODES.map((code) => [code, countryEntrySchema])) as Record<
        CountryCode,
        typeof countryEntrySchema
      >,
    ),
    secretariat: addressesSchema,
    operations: addressesSchema,
  }))();
/** The directory as written in configuration (defaults may be left out). */
export type EmailDirectoryInput = z.input<typeof emailDirectorySchema>;

/** One member state's entry, with its defaults filled in. */
export interface CountryDirectory {
  readonly language: EmailLanguage;
  readonly addresses: Readonly<Record<'consular' | 'authority' | 'reintegration', readonly string[]>>;
  readonly childProtection: { readonly name: string; readonly addresses: readonly string[] };
}

/** The directory, checked, with every default filled in. */
export interface EmailDirectory {
  readonly countries: Readonly<Record<CountryCode, CountryDirectory>>;
  readonly secretariat: readonly string[];
  readonly operations: readonly string[];
}

/** Who receives one email, and in which languages. */
export interface Recipients {
  readonly party: EmailParty;
  readonly addresses: readonly string[];
  readonly languages: readonly EmailLanguage[];
}

/** Above this size the encoded directory is compressed. */
export const INLINE_LIMIT_BYTES = 1024;
/** The most of Lambda's 4 KB environment the directory may take (tables, sender, URL share the rest). */
export const EMAIL_DIRECTORY_MAX_BYTES = 2048;
const GZIP_PREFIX = 'gzip:';

/**
 * Checks a directory and fills its defaults.
 * @throws ConfigError naming every field and rule that fails
 */
export function checkEmailDirectory(input: unknown): EmailDirectory {
  const parsed = emailDirectorySchema.safeParse(input);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error, 'directory').map((issue) => `${issue.path}: ${issue.message}`);
    throw new ConfigError(`the email directory is not valid: ${issues.join('; ')}`);
  }
  const countries = {} as Record<CountryCode, CountryDirectory>;
  for (const code of RCM_COUNTRY_CODES) {
    const entry = parsed.data.countries[code];
    countries[code] = {
      language: entry.language ?? DEFAULT_EMAIL_LANGUAGES[code],
      addresses: entry.addresses,
      childProtection: {
        name: entry.childProtection.name ?? DEFAULT_CHILD_PROTECTION_AUTHORITIES[code],
        addresses: entry.childProtection.addresses,
      },
    };
  }
  return { countries, secretariat: parsed.data.secretariat, operations: parsed.data.operations };
}

/**
 * The value of `EMAIL_DIRECTORY` for a directory: its JSON, or `gzip:<base64>` when the JSON is
 * larger than INLINE_LIMIT_BYTES. Checked first, so a deployment with a broken directory fails
 * when it is built, not when the first email is due.
 * @throws ConfigError
 */
export function encodeEmailDirectory(input: EmailDirectoryInput): string {
  checkEmailDirectory(input);
  const json = JSON.stringify(input);
  if (Buffer.byteLength(json) <= INLINE_LIMIT_BYTES) return json;
  return `${GZIP_PREFIX}${gzipSync(json, { level: 9 }).toString('base64')}`;
}

/**
 * Reads `EMAIL_DIRECTORY` (plain JSON or `gzip:<base64>`).
 * @throws ConfigError when it is missing, unreadable or not a valid directory
 */
export function readEmailDirectory(env: Record<string, string | undefined> = process.env): EmailDirectory {
  const raw = env.EMAIL_DIRECTORY;
  if (!raw) {
    throw new ConfigError(
      'configuration: EMAIL_DIRECTORY is missing (the addresses emails go to, per country and role)',
    );
  }
  let json: unknown;
  try {
    const text = raw.startsWith(GZIP_PREFIX)
      ? gunzipSync(Buffer.from(raw.slice(GZIP_PREFIX.length), 'base64')).toString('utf8')
      : raw;
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(
      'configuration: EMAIL_DIRECTORY must be JSON or gzip:<base64 of gzipped JSON> (encodeEmailDirectory writes it)',
    );
  }
  return checkEmailDirectory(json);
}

/** The language of a country's emails. */
export function languageOf(directory: EmailDirectory, country: CountryCode): EmailLanguage {
  return directory.countries[country].language;
}

/**
 * Who an email to a party goes to: a country's consulate, authority, reintegration office or
 * child-protection authority (in the country's language), or the Secretariat or operations (both
 * languages: they work for every member state).
 */
export function recipientsOf(
  directory: EmailDirectory,
  party: EmailParty,
  country?: CountryCode,
): Recipients {
  if (party === 'secretariat' || party === 'operations') {
    return { party, addresses: directory[party], languages: ['es', 'en'] };
  }
  if (!country) throw new RangeError(`an email to ${party} needs a country`);
  const entry = directory.countries[country];
  const addresses = party === 'child_protection' ? entry.childProtection.addresses : entry.addresses[party];
  return { party, addresses, languages: [entry.language] };
}
