/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` properties left out
 * (as JSON.stringify does). The audit hash must not depend on the order in which keys happened to
 * be written, or re-reading an entry from DynamoDB (whose maps come back in any order) would
 * "break" the chain. It is written here, in a few lines, because no canonicalisation package is a
 * dependency of the project (one only arrives transitively) and these are all the rules we need:
 * audit entries hold strings, finite numbers, booleans, null, arrays and plain objects.
 */

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/** Thrown for values JSON cannot carry faithfully (NaN, Infinity, functions, bigint, undefined in an array). */
export class NotCanonicalJsonError extends Error {
  override readonly name = 'NotCanonicalJsonError';
}

/** Serialises a value canonically (see the module comment). */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalJsonError(`${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((item) => {
            if (item === undefined) throw new NotCanonicalJsonError('undefined in an array has no JSON form');
            return canonicalJson(item);
          })
          .join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      throw new NotCanonicalJsonError(`a ${typeof value} has no JSON form`);
  }
}
