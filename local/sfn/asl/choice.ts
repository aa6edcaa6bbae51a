/**
 * Choice state rules (JSONPath flavour), following the AWS page "Choice workflow state":
 * comparison operators and their `...Path` forms, `And`/`Or`/`Not`, and the type tests
 * (`IsPresent`, `IsNull`, `IsNumeric`, `IsString`, `IsBoolean`, `IsTimestamp`).
 */
import { StatesError, StatesErrors } from './errors';
import { type ContextObject, evaluatePath, pathExists } from './paths';

/** One Choice Rule as written in the definition (top-level rules also carry `Next`). */
export type ChoiceRule = Record<string, unknown>;

type Comparison = (variable: unknown, operand: unknown) => boolean;

/**
 * RFC 3339 timestamps as AWS requires them: uppercase `T`, and `Z` or a numeric offset.
 * Fractional seconds may have any precision.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Parses a timestamp into nanoseconds since the epoch (BigInt, so that sub-millisecond digits
 * still compare), or `undefined` if it is not a valid RFC 3339 timestamp.
 */
function timestampNanos(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls 31 February over into March; a real calendar date must survive unchanged.
  if (
    month < 1 ||
    month > 12 ||
    check.getUTCDate() !== day ||
    check.getUTCMonth() !== month - 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const offsetHours = Number(m[9]);
    const offsetMins = Number(m[10]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[8]?.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const fraction = BigInt((m[7] ?? '').padEnd(9, '0').slice(0, 9) || '0');
  return (BigInt(ms) - BigInt(offsetMinutes) * 60_000n) * 1_000_000n + fraction;
}

/**
 * `StringMatches`: `*` matches any run of characters; `\*` is a literal asterisk and `\\` a
 * literal backslash (the definition's JSON writes them `\\*` and `\\\\`).
 */
function wildcardToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      source += `\\${pattern[i + 1]}`;
      i++;
    } else if (c === '*') {
      source += '[\\s\\S]*';
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';

function strings(compare: (a: string, b: string) => boolean): Comparison {
  return (a, b) => isString(a) && isString(b) && compare(a, b);
}
function numbers(compare: (a: number, b: number) => boolean): Comparison {
  return (a, b) => isNumber(a) && isNumber(b) && compare(a, b);
}
function timestamps(compare: (a: bigint, b: bigint) => boolean): Comparison {
  return (a, b) => {
    const x = timestampNanos(a);
    const y = timestampNanos(b);
    return x !== undefined && y !== undefined && compare(x, y);
  };
}

/**
 * Every comparison operator. A value of the wrong type never matches (AWS "doesn't attempt to
 * match a numeric field to a string value"). String order is UTF-16 code unit order, which is
 * what Java's `compareTo` (AWS's reference) and JavaScript's `<` both use.
 */
const COMPARISONS: Record<string, Comparison> = {
  StringEquals: strings((a, b) => a === b),
  StringLessThan: strings((a, b) => a < b),
  StringGreaterThan: strings((a, b) => a > b),
  StringLessThanEquals: strings((a, b) => a <= b),
  StringGreaterThanEquals: strings((a, b) => a >= b),
  StringMatches: strings((a, b) => wildcardToRegExp(b).test(a)),
  NumericEquals: numbers((a, b) => a === b),
  NumericLessThan: numbers((a, b) => a < b),
  NumericGreaterThan: numbers((a, b) => a > b),
  NumericLessThanEquals: numbers((a, b) => a <= b),
  NumericGreaterThanEquals: numbers((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === 'boolean' && typeof b === 'boolean' && a === b,
  TimestampEquals: timestamps((a, b) => a === b),
  TimestampLessThan: timestamps((a, b) => a < b),
  TimestampGreaterThan: timestamps((a, b) => a > b),
  TimestampLessThanEquals: timestamps((a, b) => a <= b),
  TimestampGreaterThanEquals: timestamps((a, b) => a >= b),
};

/** Type tests; `IsPresent` is handled apart because it is the one test of a missing path. */
const TYPE_TESTS: Record<string, (value: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => timestampNanos(v) !== undefined,
};

/** Reads a rule's path, failing as AWS does when it selects nothing. */
function readPath(path: unknown, field: string, input: unknown, context: ContextObject): unknown {
  if (typeof path !== 'string') {
    throw new StatesError(StatesErrors.Runtime, `The Choice rule field '${field}' must be a path string`);
  }
  if (!pathExists(path, input, context)) {
    throw new StatesError(
      StatesErrors.Runtime,
      `Invalid path '${path}': The choice state's condition path references an invalid value.`,
    );
  }
  return evaluatePath(path, input, context, field);
}

/**
 * Evaluates one Choice Rule (the `Next` field, if any, is ignored).
 *
 * @throws StatesError `States.Runtime` when `Variable` or a `...Path` operand selects nothing
 *   (only `IsPresent` tolerates a missing `Variable`), or when the rule has no operator.
 */
/** The operators in the order they are tried, listed once (rules are evaluated at every visit). */
const TYPE_TEST_LIST = Object.entries(TYPE_TESTS);
const COMPARISON_LIST = Object.entries(COMPARISONS).map(
  ([name, compare]) => [name, `${name}Path`, compare] as const,
);

export function evaluateChoiceRule(rule: ChoiceRule, input: unknown, context: ContextObject): boolean {
  if (Array.isArray(rule.And)) {
    return rule.And.every((sub) => evaluateChoiceRule(sub as ChoiceRule, input, context));
  }
  if (Array.isArray(rule.Or)) {
    return rule.Or.some((sub) => evaluateChoiceRule(sub as ChoiceRule, input, context));
  }
  if (rule.Not !== undefined && rule.Not !== null && typeof rule.Not === 'object') {
    return !evaluateChoiceRule(rule.Not as ChoiceRule, input, context);
  }

  if (typeof rule.Variable !== 'string') {
    throw new StatesError(
      StatesErrors.Runtime,
      `A Choice rule needs And, Or, Not or a Variable: ${JSON.stringify(rule)}`,
    );
  }
  const variablePath = rule.Variable;

  if ('IsPresent' in rule) {
    return pathExists(variablePath, input, context) === rule.IsPresent;
  }
  for (const [name, test] of TYPE_TEST_LIST) {
    if (name in rule) return test(readPath(variablePath, 'Variable', input, context)) === rule[name];
  }
  for (const [name, pathName, compare] of COMPARISON_LIST) {
    if (name in rule) {
      return compare(readPath(variablePath, 'Variable', input, context), rule[name]);
    }
    if (pathName in rule) {
      const variable = readPath(variablePath, 'Variable', input, context);
      return compare(variable, readPath(rule[pathName], pathName, input, context));
    }
  }
  throw new StatesError(
    StatesErrors.Runtime,
    `The Choice rule has no comparison operator: ${JSON.stringify(rule)}`,
  );
}

/**
 * Picks the next state: the `Next` of the first rule that matches, else `Default`.
 *
 * @throws StatesError `States.NoChoiceMatched` when nothing matches and there is no `Default`.
 */
export function selectNext(
  state: { Choices: ChoiceRule[]; Default?: string },
  input: unknown,
  context: ContextObject,
): string {
  for (const rule of state.Choices) {
    if (evaluateChoiceRule(rule, input, context)) {
      if (typeof rule.Next !== 'string') {
        throw new StatesError(
          StatesErrors.Runtime,
          `A top-level Choice rule needs a Next: ${JSON.stringify(rule)}`,
        );
      }
      return rule.Next;
    }
  }
  if (state.Default !== undefined) return state.Default;
  throw new StatesError(
    StatesErrors.NoChoiceMatched,
    `No choice rule matched the input '${JSON.stringify(input)}' and the Choice state has no Default`,
  );
}
