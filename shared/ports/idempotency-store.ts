/** Idempotency records of submissions: an Idempotency-Key, the body's hash and the case it created. */

export interface IdempotencyRecord {
  /** Whose key it is: keys are scoped to the caller, so two callers cannot collide or probe. */
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  readonly caseId: string;
  readonly createdAt: string;
  /** Epoch seconds after which the key may be reused (DynamoDB TTL deletes it later). */
  readonly expiresAt: number;
}

export interface IdempotencyStore {
  /** The live record of a key (an expired one counts as absent). */
  find(scope: string, key: string, nowEpochSeconds: number): Promise<IdempotencyRecord | undefined>;
}

/**
 * The one rule of a key's life: its record holds the key until `expiresAt` (inclusive); after
 * that the key is free, whether or not DynamoDB's TTL has deleted the record yet.
 */
export function holdsKey(
  record: IdempotencyRecord | undefined,
  nowEpochSeconds: number,
): record is IdempotencyRecord {
  return record !== undefined && record.expiresAt >= nowEpochSeconds;
}
