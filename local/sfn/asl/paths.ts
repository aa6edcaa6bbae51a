/**
 * Amazon States Language paths (JSONPath flavour): selecting with `$` / `$$` paths, and the
 * input/output processing fields built on them (InputPath, Parameters, ResultSelector,
 * ItemSelector, ResultPath, OutputPath). Pure functions: they never mutate their arguments.
 *
 * AWS pages this follows: "Paths in Amazon States Language", "Processing input and output in
 * Step Functions", "Specifying state output using ResultPath".
 */
import { JSONPath } from 'jsonpath-plus';
import { StatesError, StatesErrors } from './errors';
import { evaluateIntrinsic, isIntrinsicCall } from './intrinsics';

/**
 * Context object as seen by `$$` paths: `{ Execution: {Id, Input, Name, RoleArn, StartTime,
 * RedriveCount}, State: {EnteredTime, Name, RetryCount}, StateMachine: {Id, Name},
 * Task?: {Token}, Map?: {Item: {Index, Value, Key?}} }`.
 */
export type ContextObject = Record<string, unknown>;

/** Compiled simple paths (see simpleSteps), by path; definitions hold few distinct paths. */
const simplePaths = new Map<string, ReadonlyArray<string | number> | null>();

/**
 * The names and indexes of a path made of `.name` and `[index]` steps only (`$`, `$.a.b`,
 * `$.list[2]`, `$.Map.Item.Value` of `$$`), or null for any other path. Names are the plain
 * identifiers Jayway and jsonpath-plus read alike; quoted names, wildcards, filters, slices,
 * unions and descent are left to jsonpath-plus.
 */
function simpleSteps(jsonPath: string): ReadonlyArray<string | number> | null {
  let steps = simplePaths.get(jsonPath);
  if (steps !== undefined) return steps;
  steps = /^\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/.test(jsonPath)
    ? Array.from(jsonPath.slice(1).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g), (match) =>
        match[1] !== undefined ? match[1] : Number(match[2]),
      )
    : null;
  if (simplePaths.size < 10_000) simplePaths.set(jsonPath, steps);
  return steps;
}

/** Segments that make a JSONPath select a list rather than one node (Jayway's "indefinite"). */
function isDefinitePath(path: string): boolean {
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '*' || (c === '.' && path[i + 1] === '.')) return false;
    else if (depth > 0 && (c === ':' || c === ',' || c === '?' || c === '(')) return false;
  }
  return true;
}

/** Sets an own property even for `__proto__`, which plain assignment would read as the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** A copy of an object or array one level deep: its members are shared. */
function shallowCopy<T extends Record<string, unknown> | unknown[]>(value: T): T {
  if (Array.isArray(value)) return value.slice() as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(copy, key, value[key]);
  return copy as T;
}

/**
 * A detached copy of a JSON value. Written by hand rather than with structuredClone, which is
 * made for any value (cycles, Maps, typed arrays) and costs several times more on the small
 * objects every state copies; JSON values are trees of plain objects, arrays and scalars.
 */
function detach<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = detach(value[i]);
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(copy, key, detach((value as Record<string, unknown>)[key]));
  return copy as T;
}

function stringifyForCause(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Runs one JSONPath query. Returns `{ found: false }` when nothing is selected so that callers
 * can tell a missing node from a node whose value is `null`.
 */
function query(path: string, input: unknown, context: ContextObject): { found: boolean; value?: unknown } {
  const isContext = path.startsWith('$$');
  const jsonPath = isContext ? path.slice(1) : path;
  if (!jsonPath.startsWith('$')) {
    throw new StatesError(StatesErrors.Runtime, `Invalid path '${path}': a path must begin with '$' or '$$'`);
  }
  const json = isContext ? context : input;
  if (json === null || typeof json !== 'object') {
    // A scalar has no children. jsonpath-plus returns nothing at all for falsy documents (null,
    // false, 0, '') and reads `.length` of strings, so scalars are answered here.
    if (jsonPath.trim() === '$') return { found: true, value: json };
    return isDefinitePath(jsonPath) ? { found: false } : { found: true, value: [] };
  }
  const steps = simpleSteps(jsonPath);
  if (steps) {
    // A path of names and indexes only: walked here. Only a node found this way is answered;
    // anything else (a missing node, a name on an array) goes to jsonpath-plus, the authority.
    let node: unknown = json;
    let found = true;
    for (const step of steps) {
      if (
        typeof step === 'number'
          ? Array.isArray(node) && step < node.length
          : isPlainObject(node) && Object.hasOwn(node, step)
      ) {
        node = (node as Record<string | number, unknown>)[step];
      } else {
        found = false;
        break;
      }
    }
    if (found) return { found: true, value: detach(node) };
  }
  let results: unknown[];
  try {
    // wrap:true keeps "no match" ([]) apart from "matched null" ([null]); the safe evaluator
    // (jsonpath-plus's default) runs filter expressions without `eval`.
    const matches = JSONPath({
      path: jsonPath,
      json: json as object,
      wrap: true,
      eval: 'safe',
      resultType: 'all',
    }) as { value: unknown; parent: unknown; parentProperty: unknown }[];
    // jsonpath-plus answers `.length` of arrays and strings; JSON has no such member (AWS's
    // Jayway finds nothing there), so those matches are dropped.
    results = matches
      .filter(
        (m) => !(m.parentProperty === 'length' && (Array.isArray(m.parent) || typeof m.parent === 'string')),
      )
      .map((m) => m.value);
  } catch (error) {
    throw new StatesError(
      StatesErrors.Runtime,
      `Invalid path '${path}': ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (isDefinitePath(jsonPath)) {
    if (results.length === 0) return { found: false };
    return { found: true, value: detach(results[0]) };
  }
  // An indefinite path (wildcard, filter, slice, union, descent) always yields a list, possibly
  // empty, as in AWS (Jayway JsonPath).
  return { found: true, value: detach(results) };
}

/**
 * Evaluates a path (`$...` against `input`, `$$...` against `context`).
 *
 * A definite path returns the one selected value; an indefinite one (wildcards, filters, slices,
 * unions, `..`) returns the array of selected values.
 *
 * @param field - the definition field the path came from, quoted in the error cause.
 * @throws StatesError `States.Runtime` when a definite path selects nothing or is malformed.
 */
export function evaluatePath(path: string, input: unknown, context: ContextObject, field?: string): unknown {
  const result = query(path, input, context);
  if (!result.found) {
    const isContext = path.startsWith('$$');
    const where = isContext ? 'context object' : 'input';
    const data = stringifyForCause(isContext ? context : input);
    const forField = field === undefined ? '' : ` specified for the field '${field}'`;
    throw new StatesError(
      StatesErrors.Runtime,
      `The JSONPath '${path}'${forField} could not be found in the ${where} '${data}'`,
    );
  }
  return result.value;
}

/**
 * Tells whether a path selects something, without throwing for a missing node (used by the
 * Choice state's `IsPresent`). Malformed paths still throw.
 */
export function pathExists(path: string, input: unknown, context: ContextObject): boolean {
  return query(path, input, context).found;
}

/**
 * Applies `InputPath`: absent → the whole input; `null` → `{}` (the state sees an empty object).
 */
export function applyInputPath(
  input: unknown,
  inputPath: string | null | undefined,
  context: ContextObject,
): unknown {
  if (inputPath === undefined) return input;
  if (inputPath === null) return {};
  return evaluatePath(inputPath, input, context, 'InputPath');
}

/**
 * Applies `OutputPath`: absent → the whole output; `null` → `{}` (the next state gets an empty
 * object).
 */
export function applyOutputPath(
  output: unknown,
  outputPath: string | null | undefined,
  context: ContextObject,
): unknown {
  if (outputPath === undefined) return output;
  if (outputPath === null) return {};
  return evaluatePath(outputPath, output, context, 'OutputPath');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Builds a payload from a template (`Parameters`, `ItemSelector`, `ResultSelector`, and
 * `Arguments`-less JSONPath fields). A key ending in `.$` takes a path (`$...` or `$$...`) or an
 * intrinsic function call, and is written without the suffix; other values are copied; nested
 * objects and arrays are processed recursively.
 *
 * @param field - the definition field (e.g. `Parameters`), used in causes for malformed values.
 * @throws StatesError `States.Runtime` when a path selects nothing (AWS reports
 *   "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '…'" under
 *   `States.Runtime` in real executions, although its error table describes
 *   `States.ParameterPathFailure` for this case), `States.IntrinsicFailure` from intrinsics.
 */
export function applyPayloadTemplate(
  template: unknown,
  input: unknown,
  context: ContextObject,
  field?: string,
): unknown {
  if (Array.isArray(template)) {
    return template.map((item) => applyPayloadTemplate(item, input, context, field));
  }
  if (!isPlainObject(template)) return detach(template);
  const payload: Record<string, unknown> = {};
  for (const key of Object.keys(template)) {
    const value = template[key];
    if (!key.endsWith('.$')) {
      setOwn(payload, key, applyPayloadTemplate(value, input, context, field));
      continue;
    }
    const name = key.slice(0, -2);
    if (typeof value !== 'string') {
      throw new StatesError(
        StatesErrors.Runtime,
        `The value for the field '${key}'${field ? ` in '${field}'` : ''} must be a path or an intrinsic function, got ${stringifyForCause(value)}`,
      );
    }
    if (value.startsWith('$')) {
      setOwn(payload, name, evaluatePath(value, input, context, key));
    } else if (isIntrinsicCall(value)) {
      setOwn(payload, name, evaluateIntrinsic(value, input, context));
    } else {
      throw new StatesError(
        StatesErrors.Runtime,
        `The value for the field '${key}'${field ? ` in '${field}'` : ''} must be a path or an intrinsic function, got '${value}'`,
      );
    }
  }
  return payload;
}

type Step = { kind: 'key'; key: string } | { kind: 'index'; index: number };

/** Parsed ResultPaths, by path (a definition holds few). */
const referencePaths = new Map<string, readonly Step[]>();

/**
 * Parses a reference path (`$`, `$.a.b`, `$['a b']`, `$.list[2]`): the only form ResultPath
 * accepts, since it must name exactly one node to write.
 */
function parseReferencePath(path: string): Step[] {
  const invalid = () =>
    new StatesError(
      StatesErrors.Runtime,
      `Invalid ResultPath '${path}': it must be a reference path such as '$.a.b'`,
    );
  if (!path.startsWith('$') || path.startsWith('$$')) throw invalid();
  const steps: Step[] = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === '.') {
      const match = /^[^.[\]*?()'"\s]+/.exec(path.slice(i + 1));
      if (!match) throw invalid();
      steps.push({ kind: 'key', key: match[0] });
      i += 1 + match[0].length;
    } else if (path[i] === '[') {
      const rest = path.slice(i);
      const index = /^\[(\d+)\]/.exec(rest);
      const quoted = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(rest);
      if (index?.[1] !== undefined) {
        steps.push({ kind: 'index', index: Number(index[1]) });
        i += index[0].length;
      } else if (quoted) {
        const raw = quoted[1] ?? quoted[2] ?? '';
        steps.push({ kind: 'key', key: raw.replace(/\\(.)/g, '$1') });
        i += quoted[0].length;
      } else {
        throw invalid();
      }
    } else {
      throw invalid();
    }
  }
  return steps;
}

/**
 * Applies `ResultPath`: absent or `$` → the result replaces the input; `null` → the input passes
 * through unchanged; a reference path → the result is written at that path into a copy of the
 * input, creating missing objects on the way (the objects on the path are copied, the rest of the
 * input is shared with the output: the runtime never changes a value in place).
 *
 * @throws StatesError `States.ResultPathMatchFailure` when the path runs through a value that is
 *   not an object (e.g. the input is a string, or `$.a.b` where `a` is a number).
 */
export function applyResultPath(
  input: unknown,
  result: unknown,
  resultPath: string | null | undefined,
): unknown {
  if (resultPath === undefined) return detach(result);
  if (resultPath === null) return detach(input);
  let steps = referencePaths.get(resultPath);
  if (!steps) {
    steps = parseReferencePath(resultPath);
    if (referencePaths.size < 10_000) referencePaths.set(resultPath, steps);
  }
  if (steps.length === 0) return detach(result);
  const fail = () =>
    new StatesError(
      StatesErrors.ResultPathMatchFailure,
      `Unable to apply ResultPath '${resultPath}' to input '${stringifyForCause(input)}'`,
    );
  // Only the objects on the path are copied; the rest of the input is shared with the output,
  // which is safe because nothing here (nor in the runtime) changes a value in place.
  if (!isPlainObject(input) && !Array.isArray(input)) throw fail();
  const root = shallowCopy(input);
  let node: Record<string, unknown> | unknown[] = root;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s] as Step;
    const last = s === steps.length - 1;
    if (step.kind === 'key') {
      if (!isPlainObject(node)) throw fail();
      const child: unknown = last ? detach(result) : Object.hasOwn(node, step.key) ? node[step.key] : {};
      const copy = last || !(isPlainObject(child) || Array.isArray(child)) ? child : shallowCopy(child);
      setOwn(node, step.key, copy);
      if (!last) node = copy as Record<string, unknown> | unknown[];
    } else {
      // An index can only address an element that already exists: AWS does not grow arrays.
      if (!Array.isArray(node) || step.index >= node.length) throw fail();
      const child: unknown = last ? detach(result) : node[step.index];
      const copy = last || !(isPlainObject(child) || Array.isArray(child)) ? child : shallowCopy(child);
      node[step.index] = copy;
      if (!last) node = copy as Record<string, unknown> | unknown[];
    }
  }
  return root;
}
