/**
 * Idempotency records in memory. The records are shared with MemoryCaseRepository, which writes
 * them with its cases, as the DynamoDB adapters share the `cases` table.
 */

import { holdsKey, type IdempotencyRecord, type IdempotencyStore } from '../../ports/idempotency-store';
import { copy } from './copy';

/** The records, by scope and key (see idempotencyRecordKey). */
export type IdempotencyRecords = Map<string, IdempotencyRecord>;

/** Where a key's record is kept in IdempotencyRecords. */
export function idempotencyRecordKey(scope: string, key: string): string {
  return JSON.stringify([scope, key]);
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  /** @param records the same map the MemoryCaseRepository writes */
  constructor(private readonly records: IdempotencyRecords) {}

  async find(scope: string, key: string, nowEpochSeconds: number): Promise<IdempotencyRecord | undefined> {
    const record = this.records.get(idempotencyRecordKey(scope, key));
    return holdsKey(record, nowEpochSeconds) ? copy(record) : undefined;
  }
}
