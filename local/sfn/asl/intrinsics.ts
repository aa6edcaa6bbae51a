/**
 * Intrinsic functions of the Amazon States Language (JSONPath flavour), following the AWS page
 * "Intrinsic functions for JSONPath states in Step Functions".
 *
 * No published library parses the intrinsic call syntax (`States.Format('{}', $.a)`), so this
 * module carries its own small tokenizer/recursive-descent parser and evaluator.
 */
import { createHash, randomUUID } from 'node:crypto';
import { StatesError, StatesErrors } from './errors';
import { type ContextObject, evaluatePath } from './paths';

/** A parsed argument (or the whole expression, which is always a call). */
type Node =
  | { kind: 'literal'; value: unknown; templateParts?: string[] }
  | { kind: 'path'; path: string }
  | { kind: 'call'; name: string; args: Node[] };

/** AWS: "You can nest up to 10 intrinsic functions within a field". */
const MAX_CALLS_PER_FIELD = 10;
/** AWS: Base64Encode, Base64Decode and Hash take "up to 10,000 characters". */
const MAX_STRING_INPUT = 10_000;
/** AWS: "The new array can contain up to 1000 elements" (States.ArrayRange). */
const MAX_RANGE_ITEMS = 1000;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function failure(cause: string): StatesError {
  return new StatesError(StatesErrors.IntrinsicFailure, cause);
}

/** Parses the call syntax; errors name the offending position so definitions are easy to fix. */
class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): Node {
    this.skipSpace();
    if (!this.text.startsWith('States.', this.pos)) throw this.error('expected an intrinsic function call');
    const node = this.call();
    this.skipSpace();
    if (this.pos !== this.text.length) throw this.error('unexpected text after the closing parenthesis');
    return node;
  }

  private error(message: string): StatesError {
    return failure(`Invalid intrinsic function '${this.text}': ${message} at position ${this.pos}`);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  private call(): Node {
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!match) throw this.error('expected a function name such as States.Format');
    const name = match[0];
    this.pos += name.length;
    this.skipSpace();
    if (this.text[this.pos] !== '(') throw this.error(`expected '(' after ${name}`);
    this.pos++;
    const args: Node[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      args.push(this.argument());
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ')') {
        this.pos++;
        return { kind: 'call', name, args };
      }
      throw this.error(`expected ',' or ')' in the arguments of ${name}`);
    }
  }

  private argument(): Node {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    const c = rest[0];
    if (c === "'") return this.stringLiteral();
    if (c === '$') return this.path();
    if (rest.startsWith('States.')) return this.call();
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (rest.startsWith(word) && !/[A-Za-z0-9_]/.test(rest[word.length] ?? '')) {
        this.pos += word.length;
        return { kind: 'literal', value };
      }
    }
    throw this.error('expected a string, number, boolean, null, path or intrinsic function');
  }

  /**
   * A single-quoted string. `\'`, `\{`, `\}` and `\\` are the only escapes (any other backslash
   * is an error, as AWS documents). Besides the value, keeps the text split at each *unescaped*
   * `{}` so that `States.Format` can tell placeholders from escaped braces.
   */
  private stringLiteral(): Node {
    this.pos++; // opening quote
    let value = '';
    const parts: string[] = [];
    let part = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] as string;
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next === undefined || !"'{}\\".includes(next)) throw this.error('open escape backslash');
        value += next;
        part += next;
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        this.pos++;
        parts.push(part);
        return { kind: 'literal', value, templateParts: parts };
      }
      if (c === '{' && this.text[this.pos + 1] === '}') {
        parts.push(part);
        part = '';
        value += '{}';
        this.pos += 2;
        continue;
      }
      value += c;
      part += c;
      this.pos++;
    }
    throw this.error('unterminated string literal');
  }

  /** A path runs to the next `,` or `)` outside brackets, parentheses and quotes. */
  private path(): Node {
    const start = this.pos;
    let depth = 0;
    let quote: string | null = null;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] as string;
      if (quote) {
        if (c === '\\') this.pos++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === '[' || c === '(') {
        depth++;
      } else if (c === ']' || c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) {
        break;
      }
      this.pos++;
    }
    return { kind: 'path', path: this.text.slice(start, this.pos).trimEnd() };
  }
}

function countCalls(node: Node): number {
  return node.kind === 'call' ? 1 + node.args.reduce((sum, arg) => sum + countCalls(arg), 0) : 0;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function describe(value: unknown): string {
  return `${typeName(value)} ${JSON.stringify(value)}`;
}

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'primitive';

function checkArg(name: string, position: number, value: unknown, kind: Kind): void {
  const actual = typeName(value);
  const ok =
    kind === 'primitive' ? ['string', 'number', 'boolean', 'null'].includes(actual) : actual === kind;
  if (!ok) {
    const expected = kind === 'primitive' ? 'a string, number, boolean or null' : `a ${kind}`;
    throw failure(`${name} expects argument ${position} to be ${expected}, but got ${describe(value)}`);
  }
}

/** Canonical JSON (sorted keys) so that deep equality is string equality. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** AWS rounds non-integer numbers "to the nearest integer"; Java's Math.round and JS's agree. */
function roundArg(value: number): number {
  return Math.round(value);
}

/** mulberry32: a small seeded generator; AWS's own sequence is not published, only determinism. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface FunctionSpec {
  min: number;
  max: number;
  run(args: unknown[], nodes: Node[]): unknown;
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  'States.Format': {
    min: 1,
    max: Number.POSITIVE_INFINITY,
    run([template, ...values], [templateNode]) {
      checkArg('States.Format', 1, template, 'string');
      for (const [i, value] of values.entries()) checkArg('States.Format', i + 2, value, 'primitive');
      // Escaped braces in a literal template are text, not placeholders; a template read from
      // a path has no escapes, so every {} in it is a placeholder.
      const parts =
        templateNode?.kind === 'literal' && templateNode.templateParts
          ? templateNode.templateParts
          : (template as string).split('{}');
      if (parts.length - 1 !== values.length) {
        throw failure(
          `States.Format has ${parts.length - 1} placeholder(s) {} but ${values.length} value(s) to put in them`,
        );
      }
      return parts.reduce((text, part, i) => (i === 0 ? part : `${text}${String(values[i - 1])}${part}`), '');
    },
  },
  'States.StringToJson': {
    min: 1,
    max: 1,
    run([text]) {
      checkArg('States.StringToJson', 1, text, 'string');
      try {
        return JSON.parse(text as string);
      } catch {
        throw failure(`States.StringToJson could not parse ${JSON.stringify(text)} as JSON`);
      }
    },
  },
  'States.JsonToString': {
    min: 1,
    max: 1,
    run([value]) {
      return JSON.stringify(value);
    },
  },
  'States.Array': {
    min: 0,
    max: Number.POSITIVE_INFINITY,
    run(args) {
      return args;
    },
  },
  'States.ArrayPartition': {
    min: 2,
    max: 2,
    run([array, size]) {
      checkArg('States.ArrayPartition', 1, array, 'array');
      checkArg('States.ArrayPartition', 2, size, 'number');
      const chunk = roundArg(size as number);
      if (chunk <= 0)
        throw failure(`States.ArrayPartition needs a chunk size greater than 0, but got ${size}`);
      const items = array as unknown[];
      const chunks: unknown[][] = [];
      for (let i = 0; i < items.length; i += chunk) chunks.push(items.slice(i, i + chunk));
      return chunks;
    },
  },
  'States.ArrayContains': {
    min: 2,
    max: 2,
    run([array, wanted]) {
      checkArg('States.ArrayContains', 1, array, 'array');
      const key = canonical(wanted);
      return (array as unknown[]).some((item) => canonical(item) === key);
    },
  },
  'States.ArrayRange': {
    min: 3,
    max: 3,
    run([first, last, step]) {
      for (const [i, value] of [first, last, step].entries())
        checkArg('States.ArrayRange', i + 1, value, 'number');
      const [from, to, by] = [first, last, step].map((value) => roundArg(value as number)) as [
        number,
        number,
        number,
      ];
      if (by === 0) throw failure('States.ArrayRange needs a non-zero step (argument 3)');
      const count = Math.floor((to - from) / by) + 1;
      if (count > MAX_RANGE_ITEMS) {
        throw failure(
          `States.ArrayRange would create ${count} items; at most ${MAX_RANGE_ITEMS} are allowed`,
        );
      }
      return Array.from({ length: Math.max(0, count) }, (_, i) => from + i * by);
    },
  },
  'States.ArrayGetItem': {
    min: 2,
    max: 2,
    run([array, index]) {
      checkArg('States.ArrayGetItem', 1, array, 'array');
      checkArg('States.ArrayGetItem', 2, index, 'number');
      const items = array as unknown[];
      const i = index as number;
      if (!Number.isInteger(i) || i < 0 || i >= items.length) {
        throw failure(
          `States.ArrayGetItem index ${i} is out of bounds for an array of length ${items.length}`,
        );
      }
      return items[i];
    },
  },
  'States.ArrayLength': {
    min: 1,
    max: 1,
    run([array]) {
      checkArg('States.ArrayLength', 1, array, 'array');
      return (array as unknown[]).length;
    },
  },
  'States.ArrayUnique': {
    min: 1,
    max: 1,
    run([array]) {
      checkArg('States.ArrayUnique', 1, array, 'array');
      const seen = new Set<string>();
      return (array as unknown[]).filter((item) => {
        const key = canonical(item);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
  },
  'States.Base64Encode': {
    min: 1,
    max: 1,
    run([text]) {
      checkArg('States.Base64Encode', 1, text, 'string');
      const s = text as string;
      if (s.length > MAX_STRING_INPUT) {
        throw failure(
          `States.Base64Encode takes at most ${MAX_STRING_INPUT} characters, but got ${s.length}`,
        );
      }
      return Buffer.from(s, 'utf8').toString('base64');
    },
  },
  'States.Base64Decode': {
    min: 1,
    max: 1,
    run([text]) {
      checkArg('States.Base64Decode', 1, text, 'string');
      const s = text as string;
      if (s.length > MAX_STRING_INPUT) {
        throw failure(
          `States.Base64Decode takes at most ${MAX_STRING_INPUT} characters, but got ${s.length}`,
        );
      }
      // MIME Base64 allows line breaks; anything else outside the alphabet is not Base64.
      const compact = s.replace(/\r?\n/g, '');
      if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
        throw failure(`States.Base64Decode got a string that is not Base64: ${JSON.stringify(s)}`);
      }
      return Buffer.from(compact, 'base64').toString('utf8');
    },
  },
  'States.Hash': {
    min: 2,
    max: 2,
    run([data, algorithm]) {
      checkArg('States.Hash', 1, data, 'string');
      checkArg('States.Hash', 2, algorithm, 'string');
      const s = data as string;
      if (s.length > MAX_STRING_INPUT) {
        throw failure(`States.Hash takes at most ${MAX_STRING_INPUT} characters, but got ${s.length}`);
      }
      const nodeAlgorithm = HASH_ALGORITHMS[algorithm as string];
      if (!nodeAlgorithm) {
        throw failure(
          `States.Hash does not support the algorithm ${JSON.stringify(algorithm)}; use one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`,
        );
      }
      return createHash(nodeAlgorithm).update(s, 'utf8').digest('hex');
    },
  },
  'States.JsonMerge': {
    min: 3,
    max: 3,
    run([left, right, deep]) {
      checkArg('States.JsonMerge', 1, left, 'object');
      checkArg('States.JsonMerge', 2, right, 'object');
      checkArg('States.JsonMerge', 3, deep, 'boolean');
      if (deep) throw failure('States.JsonMerge supports only shallow merging: argument 3 must be false');
      // Spread defines own properties, so even a "__proto__" key is copied as data.
      return { ...(left as object), ...(right as object) };
    },
  },
  'States.MathRandom': {
    min: 2,
    max: 3,
    run([start, end, seed]) {
      checkArg('States.MathRandom', 1, start, 'number');
      checkArg('States.MathRandom', 2, end, 'number');
      if (seed !== undefined) checkArg('States.MathRandom', 3, seed, 'number');
      const from = roundArg(start as number);
      const to = roundArg(end as number);
      if (to <= from) {
        throw failure(`States.MathRandom needs a start (${from}) lower than its end (${to})`);
      }
      const random = seed === undefined ? Math.random : seededRandom(roundArg(seed as number));
      return from + Math.floor(random() * (to - from));
    },
  },
  'States.MathAdd': {
    min: 2,
    max: 2,
    run([a, b]) {
      checkArg('States.MathAdd', 1, a, 'number');
      checkArg('States.MathAdd', 2, b, 'number');
      const [x, y] = [roundArg(a as number), roundArg(b as number)] as [number, number];
      for (const [i, v] of [x, y].entries()) {
        if (v < INT32_MIN || v > INT32_MAX) {
          throw failure(`States.MathAdd argument ${i + 1} (${v}) is outside ${INT32_MIN}..${INT32_MAX}`);
        }
      }
      return x + y;
    },
  },
  'States.StringSplit': {
    min: 2,
    max: 2,
    run([text, delimiters]) {
      checkArg('States.StringSplit', 1, text, 'string');
      checkArg('States.StringSplit', 2, delimiters, 'string');
      // Every character of the second argument is a delimiter, and empty pieces are dropped
      // (AWS's own example splits "This.is+a,test=string" on ".+,=").
      const set = new Set(delimiters as string);
      const pieces: string[] = [];
      let piece = '';
      for (const c of text as string) {
        if (set.has(c)) {
          if (piece) pieces.push(piece);
          piece = '';
        } else {
          piece += c;
        }
      }
      if (piece) pieces.push(piece);
      return pieces;
    },
  },
  'States.UUID': {
    min: 0,
    max: 0,
    run() {
      return randomUUID();
    },
  },
};

function evaluateNode(node: Node, input: unknown, context: ContextObject): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'path':
      return evaluatePath(node.path, input, context);
    case 'call': {
      const spec = FUNCTIONS[node.name];
      if (!spec) throw failure(`${node.name} is not an intrinsic function`);
      const count = node.args.length;
      if (count < spec.min || count > spec.max) {
        const expected =
          spec.min === spec.max
            ? `exactly ${spec.min}`
            : spec.max === Number.POSITIVE_INFINITY
              ? `at least ${spec.min}`
              : `${spec.min} to ${spec.max}`;
        throw failure(`${node.name} takes ${expected} argument(s), but got ${count}`);
      }
      const args = node.args.map((arg) => evaluateNode(arg, input, context));
      return spec.run(args, node.args);
    }
  }
}

/**
 * Tells whether a `.$` field's value is an intrinsic function call (as opposed to a path).
 */
export function isIntrinsicCall(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text) && text.trimEnd().endsWith(')');
}

/**
 * Evaluates one intrinsic function expression, e.g.
 * `States.Format('Hello, {}', States.ArrayGetItem($.names, 0))`.
 *
 * Arguments may be string literals (`'it\'s'`, with `\'`, `\{`, `\}`, `\\` escapes), numbers,
 * `true`/`false`/`null`, paths (`$.a`, `$$.Execution.Id`) and nested calls.
 *
 * @throws StatesError `States.IntrinsicFailure` for syntax errors, unknown functions, wrong
 *   argument counts or types and AWS's documented limits; `States.Runtime` when a path argument
 *   selects nothing.
 */
export function evaluateIntrinsic(expression: string, input: unknown, context: ContextObject): unknown {
  const node = new Parser(expression).parse();
  const calls = countCalls(node);
  if (calls > MAX_CALLS_PER_FIELD) {
    throw failure(
      `A field may use at most ${MAX_CALLS_PER_FIELD} intrinsic functions, but '${expression}' uses ${calls}`,
    );
  }
  return evaluateNode(node, input, context);
}
