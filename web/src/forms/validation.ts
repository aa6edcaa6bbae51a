/**
 * Form validation with the API's own contracts. A form parses what was typed with the same zod
 * schema the handler parses the body with, and turns the issues into the same field issues
 * (shared/validation.ts: path, rule, message), so a browser check and an API 400 read alike and
 * land on the same field. English shows the contracts' messages as they are; Spanish translates
 * them here, by message (the contracts' messages are the one source; this is their Spanish).
 */
import type * as z from 'zod';
import type { FieldIssue } from '../../../shared/errors';
import { zodIssues } from '../../../shared/validation';
import { language } from '../i18n/language';

export type { FieldIssue };

/**
 * What was typed, parsed by the contract, or its issues. A field left blank is said as such
 * ("must be chosen", "must not be empty"), not as the list of codes a choice must be one of, the
 * type it must have, or the format a date is written in.
 */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): { ok: true; data: z.output<Schema> } | { ok: false; issues: FieldIssue[] } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.flatMap((issue) => {
    const blank = blankIssue(issue, value);
    return blank ? [blank] : zodIssues({ issues: [issue] });
  });
  return { ok: false, issues };
}

/** What a form says of a required choice (a select, radios, yes/no) left blank. */
export const CHOOSE_ONE = 'must be chosen';

/** The issue of a field the form left blank (nothing, or ''), in those words; else undefined. */
function blankIssue(issue: z.core.$ZodIssue, input: unknown): FieldIssue | undefined {
  const typed = issue.path.reduce<unknown>(
    (at, key) =>
      typeof at === 'object' && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );
  if (typed !== undefined && typed !== '') return undefined;
  const path = issue.path.map(String).join('.');
  if (issue.code === 'invalid_value' || (issue.code === 'invalid_type' && issue.expected === 'boolean'))
    return { path, rule: 'required', message: CHOOSE_ONE };
  if (issue.code === 'invalid_type' || issue.code === 'invalid_format')
    return { path, rule: 'required', message: 'must not be empty' };
  return undefined;
}

/** The first issue of each field, by its path (`migrant.givenNames`). */
export function issuesByPath(issues: readonly FieldIssue[]): Map<string, FieldIssue> {
  const byPath = new Map<string, FieldIssue>();
  for (const issue of issues) if (!byPath.has(issue.path)) byPath.set(issue.path, issue);
  return byPath;
}

const SPANISH: Record<string, string> = {
  'must be text': 'debe ser texto',
  'must be true or false': 'debe ser sí o no',
  'must be a number of US dollars': 'debe ser una cantidad en dólares estadounidenses',
  'must be a whole number': 'debe ser un número entero',
  'must be a date written YYYY-MM-DD': 'debe ser una fecha AAAA-MM-DD',
  'must be a real calendar date': 'debe ser una fecha que exista en el calendario',
  'must be a month written YYYY-MM': 'debe ser un mes AAAA-MM',
  'must not be before from': 'no puede ser anterior al primer mes',
  'must not be in the future': 'no puede ser una fecha futura',
  'must be on or after 1900-01-01': 'debe ser el 1900-01-01 o posterior',
  'must contain a visible character': 'es obligatorio',
  'must not be empty': 'no puede estar vacío',
  'must be an ISO 3166-1 alpha-2 country code': 'debe ser un código de país ISO 3166-1 alfa-2',
  'must be approve or reject': 'debe ser aprobar o rechazar',
  'is required to reject: say why': 'es obligatorio para rechazar: indique el motivo',
  'documentType is required when documentNumber is given':
    'el tipo de documento es obligatorio si se indica el número',
  'at least one cost must be greater than 0': 'al menos un costo debe ser mayor que 0',
  'arrivalAt must be after departureAt': 'la llegada debe ser posterior a la salida',
  'must be a phone number: digits, spaces, ()- and an optional leading +':
    'debe ser un número de teléfono: dígitos, espacios, ()- y un + inicial opcional',
  'must be an email address': 'debe ser una dirección de correo electrónico',
  // The forms' word for a required choice left blank (CHOOSE_ONE, instead of the list of codes).
  'must be chosen': 'debe elegir una opción',
  'must be greater than 0': 'debe ser mayor que 0',
  'must not be negative': 'no puede ser negativo',
  'must have at most 2 decimals (whole cents)': 'debe tener como máximo 2 decimales (centavos)',
  'must list at least one leg': 'debe indicar al menos un tramo',
  'must list at most 10 countries': 'debe indicar como máximo 10 países',
  'must list at most 11 countries': 'debe indicar como máximo 11 países',
  'must not name more vulnerabilities than there are':
    'no puede indicar más vulnerabilidades de las que existen',
  'must name at least one vulnerability': 'debe indicar al menos una vulnerabilidad',
  'must not list a country twice': 'no puede repetir un país',
  'must not name a vulnerability twice': 'no puede repetir una vulnerabilidad',
  'must not be before the previous leg arrives': 'no puede ser antes de que llegue el tramo anterior',
  'must be the departureAt of the whole journey': 'debe coincidir con la salida del viaje',
  'must be the arrivalAt of the whole journey': 'debe coincidir con la llegada del viaje',
  'must be well-formed text (it has a lone surrogate)': 'debe ser texto bien formado',
  'must not contain bidirectional embedding, override or isolate characters':
    'no puede contener caracteres de control bidireccional',
  'must not contain invisible format characters (zero-width spaces, joiners, soft hyphens)':
    'no puede contener caracteres invisibles de formato',
};

const SPANISH_PATTERNS: ReadonlyArray<readonly [RegExp, (...groups: string[]) => string]> = [
  [/^must be at most (\d+) characters$/, (max) => `debe tener como máximo ${max} caracteres`],
  [
    /^must be at most (\d+) months after from$/,
    (max) => `debe ser como máximo ${max} meses después del primer mes`,
  ],
  [/^must be at most ([\d.,]+) USD$/, (max) => `debe ser como máximo ${max} USD`],
  [/^must be one of (.+)$/, (list) => `debe ser uno de: ${list}`],
  [/^must be the upper-case alpha-2 code of an RCM member state/, () => 'debe ser un país miembro de la CRM'],
  [/^must not contain control characters/, () => 'no puede contener caracteres de control'],
  [/^unknown field ([^:\s]+)/, (key) => `campo desconocido ${key}: elimínelo o revise cómo se escribe`],
];

/** The issue's message in the interface's language. */
export function issueMessage(issue: Pick<FieldIssue, 'message'>): string {
  if (language.value === 'en') return issue.message;
  const exact = Object.hasOwn(SPANISH, issue.message) ? SPANISH[issue.message] : undefined;
  if (exact) return exact;
  for (const [pattern, render] of SPANISH_PATTERNS) {
    const match = pattern.exec(issue.message);
    if (match) return render(...match.slice(1));
  }
  return issue.message;
}
