/** Idempotency records in the `cases` table (written by DynamoCaseRepository.create, read here). */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { holdsKey, type IdempotencyRecord, type IdempotencyStore } from '../../ports/idempotency-store';

/** The item key of an idempotency record. */
export function idempotencyKey(scope: string, key: string): { pk: string; sk: string } {
  return { pk: `idem#${scope}#${key}`, sk: 'idem' };
}

/** The record of a key as stored, live or expired (TTL deletes expired ones only eventually). */
export async function readIdempotencyRecord(
  client: DynamoDBDocumentClient,
  tableName: string,
  scope: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: idempotencyKey(scope, key), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, ...record } = Item;
  return record as IdempotencyRecord;
}

export class DynamoIdempotencyStore implements IdempotencyStore {
  /** @param tableName physical name of the `cases` table */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(scope: string, key: string, nowEpochSeconds: number): Promise<IdempotencyRecord | undefined> {
    const record = await readIdempotencyRecord(this.client, this.tableName, scope, key);
    return holdsKey(record, nowEpochSeconds) ? record : undefined;
  }
}
