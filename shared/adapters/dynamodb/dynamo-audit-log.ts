/**
 * The audit log in the `audit` table, one partition per case:
 *   entry  pk=case#<caseId>  sk=seq#<seq, 10 digits>   (immutable)
 *   head   pk=case#<caseId>  sk=head                   {seq, hash} of the last entry
 * An append is one transaction: the entry (its seq must be free) and the head (must still be at
 * seq - 1). The head makes a deleted last entry visible, which a chain alone cannot show.
 */

import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../audit/audit-entry';
import type { ChainHead } from '../../audit/verify-chain';
import { AuditAppendConflictError, type AuditLog } from '../../ports/audit-log';
import { type Page, type PageRequest, pageLimit } from '../../ports/page';
import { decodeCursor, encodeCursor } from './cursor';
import { queryAll } from './query-all';
import { TransactionCancelled, transactWrite } from './transactions';

const casePk = (caseId: string) => `case#${caseId}`;
/** Zero-padded so that sort-key order is numeric order. */
export const seqSk = (seq: number) => `seq#${String(seq).padStart(10, '0')}`;

function toEntry(item: Record<string, unknown>): AuditEntry {
  const { pk: _pk, sk: _sk, ...entry } = item;
  return entry as unknown as AuditEntry;
}

export class DynamoAuditLog implements AuditLog {
  /** @param tableName physical name of the `audit` table */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async head(caseId: string): Promise<ChainHead | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: casePk(caseId), sk: 'head' },
        ConsistentRead: true,
      }),
    );
    return Item ? { seq: Item.seq as number, hash: Item.hash as string } : undefined;
  }

  async append(entry: AuditEntry): Promise<void> {
    const headCondition =
      entry.seq === 1
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'seq = :prevSeq AND #hash = :prevHash',
            ExpressionAttributeNames: { '#hash': 'hash' },
            ExpressionAttributeValues: { ':prevSeq': entry.seq - 1, ':prevHash': entry.prevHash },
          };
    try {
      await transactWrite(this.client, [
        {
          Put: {
            TableName: this.tableName,
            Item: { pk: casePk(entry.caseId), sk: seqSk(entry.seq), ...entry },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { pk: casePk(entry.caseId), sk: 'head', seq: entry.seq, hash: entry.hash, at: entry.at },
            ...headCondition,
          },
        },
      ]);
    } catch (error) {
      if (error instanceof TransactionCancelled) {
        throw new AuditAppendConflictError(`seq ${entry.seq} of ${entry.caseId} was taken by another append`);
      }
      throw error;
    }
  }

  async list(caseId: string, page?: PageRequest): Promise<Page<AuditEntry>> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
        ExpressionAttributeValues: { ':pk': casePk(caseId), ':seq': 'seq#' },
        Limit: pageLimit(page),
        ExclusiveStartKey: decodeCursor(page?.cursor, { pk: casePk(caseId) }),
      }),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map(toEntry), ...(nextCursor ? { nextCursor } : {}) };
  }

  async all(caseId: string): Promise<AuditEntry[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
      ExpressionAttributeValues: { ':pk': casePk(caseId), ':seq': 'seq#' },
      ConsistentRead: true,
    });
    return items.map(toEntry);
  }
}
