/**
 * The email outbox in the `outbox` table (the rules and what "exactly once" means are in
 * shared/ports/email-outbox.ts):
 *   entry  pk=case#<caseId>  sk=email#<kind>#<recipient>
 *          gsi1pk=unsent  gsi1sk=<createdAt>#<caseId>/<kind>/<recipient>   (unsent, while not done)
 *          expiresAt=<epoch seconds>                                       (the table's TTL, once done)
 * "Who was told about this case" is one Query of the case's partition. The `unsent` index is
 * sparse: marking an entry sent or failed removes its index keys, so the reconciler's listing
 * holds only what is pending or claimed, oldest first. Its one partition takes every email's
 * writes, which is far within one partition's throughput at Retorno's volume (a few emails per case).
 * Each change is one conditional write, so two senders can never both hold a claim. A new email
 * costs two writes: recordAndClaim's PutItem (recorded and claimed at once) and markSent.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type ClaimTimes,
  claimedNewEntry,
  type EmailEvent,
  type EmailOutbox,
  eventFields,
  expiresAtOf,
  type NewOutboxEntry,
  type OutboxEntry,
  type OutboxKey,
  outboxKeyText,
  parseEmailEvent,
  parseNewOutboxEntry,
  pendingEntry,
} from '../../ports/email-outbox';
import { queryAll } from './query-all';
import { isConditionFailure, withTransientRetry } from './transactions';

const UNSENT_PK = 'unsent';
const itemKey = (key: OutboxKey) => ({ pk: `case#${key.caseId}`, sk: `email#${key.kind}#${key.recipient}` });
const INTERNAL = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

function toEntry(item: Record<string, unknown>): OutboxEntry {
  const copy = { ...item };
  for (const key of INTERNAL) delete copy[key];
  return copy as unknown as OutboxEntry;
}

export class DynamoEmailOutbox implements EmailOutbox {
  /** @param tableName physical name of the `outbox` table */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: NewOutboxEntry): Promise<{ entry: OutboxEntry; created: boolean }> {
    const stored = pendingEntry(parseNewOutboxEntry(entry));
    if (await this.create(stored)) return { entry: stored, created: true };
    const existing = await this.get(stored);
    if (!existing) throw new Error(`outbox entry ${outboxKeyText(stored)} exists but could not be read`);
    return { entry: existing, created: false };
  }

  async recordAndClaim(
    entry: NewOutboxEntry,
    times: ClaimTimes,
  ): Promise<{ claimed?: OutboxEntry; created: boolean }> {
    const stored = claimedNewEntry(parseNewOutboxEntry(entry), times);
    if (await this.create(stored)) return { claimed: stored, created: true };
    // Recorded before (a retry, a second sender): the claim's own condition decides.
    const claimed = await this.claim(stored, times.at, times.until);
    return claimed ? { claimed, created: false } : { created: false };
  }

  /** Puts a new entry (listed as unsent); answers false when its key exists. */
  private async create(stored: OutboxEntry): Promise<boolean> {
    try {
      await withTransientRetry(() =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...itemKey(stored),
              gsi1pk: UNSENT_PK,
              gsi1sk: `${stored.createdAt}#${outboxKeyText(stored)}`,
              ...stored,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  async claim(key: OutboxKey, at: string, until: string): Promise<OutboxEntry | undefined> {
    try {
      const { Attributes } = await withTransientRetry(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: itemKey(key),
            UpdateExpression:
              'SET #status = :sending, attempts = attempts + :one, claimedUntil = :until, updatedAt = :at',
            // mayClaim (shared/ports/email-outbox.ts), as a condition.
            ConditionExpression:
              'attribute_exists(pk) AND (#status = :pending OR (#status = :sending AND claimedUntil < :at))',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':pending': 'pending',
              ':one': 1,
              ':until': until,
              ':at': at,
            },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return Attributes ? toEntry(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async markSent(key: OutboxKey, messageId: string, at: string): Promise<void> {
    await this.conditionalUpdate({
      TableName: this.tableName,
      Key: itemKey(key),
      // Leaving the sparse index is what takes the entry off the reconciler's list.
      UpdateExpression:
        'SET #status = :sent, messageId = :messageId, sentAt = :at, updatedAt = :at, expiresAt = :expiresAt REMOVE gsi1pk, gsi1sk, claimedUntil, lastError, failedAt',
      ConditionExpression: 'attribute_exists(pk) AND #status <> :sent',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':sent': 'sent',
        ':messageId': messageId,
        ':at': at,
        ':expiresAt': expiresAtOf(at),
      },
    });
  }

  async recordEvent(key: OutboxKey, event: EmailEvent, at: string): Promise<boolean> {
    const valid = parseEmailEvent(event);
    const extra = eventFields(valid);
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {
      ':sent': 'sent',
      ':messageId': valid.messageId,
      ':sentAt': valid.sentAt,
      ':at': at,
      ':expiresAt': expiresAtOf(valid.sentAt),
    };
    const sets = [
      '#status = :sent',
      // The first send's id and time stay, as markSent keeps them.
      'messageId = if_not_exists(messageId, :messageId)',
      'sentAt = if_not_exists(sentAt, :sentAt)',
      'expiresAt = if_not_exists(expiresAt, :expiresAt)',
      'updatedAt = :at',
    ];
    for (const [field, value] of Object.entries(extra)) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: itemKey(key),
      UpdateExpression: `SET ${sets.join(', ')} REMOVE gsi1pk, gsi1sk, claimedUntil, lastError, failedAt`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  async release(key: OutboxKey, attempt: number, at: string, error: string): Promise<void> {
    await this.conditionalUpdate({
      TableName: this.tableName,
      Key: itemKey(key),
      UpdateExpression: 'SET #status = :pending, lastError = :error, updatedAt = :at REMOVE claimedUntil',
      ConditionExpression: '#status = :sending AND attempts = :attempt',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pending': 'pending',
        ':sending': 'sending',
        ':attempt': attempt,
        ':error': error,
        ':at': at,
      },
    });
  }

  async fail(key: OutboxKey, attempt: number, at: string, error: string): Promise<boolean> {
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: itemKey(key),
      UpdateExpression:
        'SET #status = :failed, lastError = :error, failedAt = :at, updatedAt = :at, expiresAt = :expiresAt REMOVE gsi1pk, gsi1sk, claimedUntil',
      ConditionExpression: '#status = :sending AND attempts = :attempt',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':failed': 'failed',
        ':sending': 'sending',
        ':attempt': attempt,
        ':error': error,
        ':at': at,
        ':expiresAt': expiresAtOf(at),
      },
    });
  }

  async forCase(caseId: string): Promise<OutboxEntry[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :email)',
      ExpressionAttributeValues: { ':pk': `case#${caseId}`, ':email': 'email#' },
      ConsistentRead: true,
    });
    return items.map(toEntry);
  }

  async unsent(before: string, limit = 100): Promise<OutboxEntry[]> {
    const found: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await withTransientRetry(() =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'unsent',
            // The index sort key starts with createdAt, so `< before` is "recorded before".
            KeyConditionExpression: 'gsi1pk = :unsent AND gsi1sk < :before',
            // isUnsent (shared/ports/email-outbox.ts): pending, or claimed under a lease that ran out.
            FilterExpression: '#status = :pending OR claimedUntil < :before',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':unsent': UNSENT_PK, ':before': before, ':pending': 'pending' },
            Limit: limit,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      found.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    return found.slice(0, limit).map(toEntry);
  }

  private async get(key: OutboxKey): Promise<OutboxEntry | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: itemKey(key), ConsistentRead: true }),
    );
    return Item ? toEntry(Item) : undefined;
  }

  /** An update whose failed condition means "nothing to do" (already sent, or another's claim). */
  /** An update that does nothing when its condition fails: answers whether it wrote. */
  private async conditionalUpdate(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
    try {
      await withTransientRetry(() => this.client.send(new UpdateCommand(input)));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
