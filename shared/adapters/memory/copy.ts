/**
 * A deep copy of stored data, so that callers cannot change what an in-memory adapter keeps.
 * Through JSON, like DynamoDB's own round trip: undefined fields vanish and every copy is a plain
 * object of the running realm (structuredClone's copies are not, inside jest's sandbox, which
 * makes isDeepStrictEqual tell them apart).
 */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
