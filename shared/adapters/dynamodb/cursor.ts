/**
 * Opaque pagination cursors: the LastEvaluatedKey of a Query, as base64url JSON. A cursor is only
 * accepted back for the same partition it came from, so a crafted cursor cannot move a caller's
 * listing into another country's partition.
 */
import { cursorRefused } from '../../ports/page';

export type Key = Record<string, unknown>;

/** Encodes a LastEvaluatedKey; undefined (last page) stays undefined. */
export function encodeCursor(key: Key | undefined): string | undefined {
  if (!key) return undefined;
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The attributes a LastEvaluatedKey carries: the table's key (`pk`, `sk`) and, on an index, the
 * index's key (`gsi1pk`, `gsi1sk`), as the manifest names every table and index. A cursor with
 * any other set would reach DynamoDB and fail there as a 500 instead of a 400.
 */
function keyAttributes(expected: Readonly<Record<string, string>>): Set<string> {
  const names = new Set(['pk', 'sk']);
  for (const name of Object.keys(expected)) {
    names.add(name);
    names.add(name.replace(/pk$/, 'sk'));
  }
  return names;
}

/**
 * Decodes a cursor into an ExclusiveStartKey and checks that it belongs to the partition queried.
 * @param expected attribute values the key must carry (the index's partition key).
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: Readonly<Record<string, string>>,
): Key | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const names = keyAttributes(expected);
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.keys(key).length === names.size &&
    [...names].every((name) => name in key) &&
    Object.values(key).every(
      (value) => (typeof value === 'string' && value !== '') || typeof value === 'number',
    ) &&
    Object.entries(expected).every(([name, value]) => (key as Key)[name] === value);
  if (!valid) throw cursorRefused();
  return key as Key;
}
