/**
 * Hashes for idempotency and person matching. Person keys (document number, names and date of
 * birth) are personal data: they are stored hashed, so the lookup items reveal nothing by
 * themselves while an equal key still finds the same item.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json';

/** sha256 (hex) of the request's canonical JSON: the same body in any key order hashes alike. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

/** The stored form of a person key. */
export function hashPersonKey(key: string): string {
  return createHash('sha256').update(`retorno-person:${key}`, 'utf8').digest('hex');
}
