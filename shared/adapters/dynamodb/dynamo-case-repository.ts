/**
 * Cases in the `cases` table (the only table with personal data):
 *   case     pk=case#<caseId>        sk=case              the CaseRecord
 *   view     pk=case#<caseId>        sk=view#<view>       gsi1pk=view#<view>           gsi1sk=<createdAt>#<caseId>  (byView)
 *                                                         gsi2pk=view#<view>#<status>  gsi2sk=<createdAt>#<caseId>  (byViewStatus)
 *   person   pk=person#<hashed key>  sk=case#<caseId>     one per person key: "cases of this person" is a Query
 *   idem     pk=idem#<scope>#<key>   sk=idem              {requestHash, caseId, expiresAt (TTL)}
 * A submission writes the case, its views, its person items and the idempotency record in one
 * transaction; a status change moves the case and its views together.
 */
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  CaseNotFoundError,
  CaseVersionConflictError,
  IdempotencyKeyReusedError,
} from '../../cases/case-errors';
import type { CaseRecord, CaseRef } from '../../cases/case-record';
import { type CaseView, viewsOfCase } from '../../cases/case-views';
import type { CaseStatus } from '../../contracts/case';
import type {
  CaseListRequest,
  CaseRepository,
  CaseUpdate,
  CreateCaseOptions,
  CreateCaseResult,
} from '../../ports/case-repository';
import { type Page, pageLimit } from '../../ports/page';
import { decodeCursor, encodeCursor } from './cursor';
import { DynamoIdempotencyStore, idempotencyKey } from './dynamo-idempotency-store';
import { sleep, type TransactItem, TransactionCancelled, transactWrite } from './transactions';

const casePk = (caseId: string) => `case#${caseId}`;
const viewPk = (view: CaseView) => `view#${view}`;
const viewStatusPk = (view: CaseView, status: CaseStatus) => `view#${view}#${status}`;

function toRecord(item: Record<string, unknown>): CaseRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as unknown as CaseRecord;
}

export class DynamoCaseRepository implements CaseRepository {
  private readonly idempotency: DynamoIdempotencyStore;

  /** @param tableName physical name of the `cases` table */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.idempotency = new DynamoIdempotencyStore(client, tableName);
  }

  async create(record: CaseRecord, options: CreateCaseOptions): Promise<CreateCaseResult> {
    const items: TransactItem[] = [];
    const idem = options.idempotency;
    if (idem) {
      // First, so that its index in the cancellation reasons is 0.
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...idempotencyKey(idem.scope, idem.key), ...idem, caseId: record.caseId },
          // An expired record that TTL has not deleted yet no longer holds the key.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(Date.parse(record.createdAt) / 1000) },
        },
      });
    }
    items.push({
      Put: {
        TableName: this.tableName,
        Item: { pk: casePk(record.caseId), sk: 'case', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    for (const view of viewsOfCase(record))
      items.push({ Put: { TableName: this.tableName, Item: this.viewItem(record, view) } });
    for (const key of new Set(options.personKeys)) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            pk: `person#${key}`,
            sk: `case#${record.caseId}`,
            caseId: record.caseId,
            createdAt: record.createdAt,
          },
        },
      });
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await transactWrite(this.client, items);
        return { created: true, caseId: record.caseId };
      } catch (error) {
        if (!(idem && error instanceof TransactionCancelled && error.failedAt(0))) throw error;
      }
      const nowSeconds = Math.floor(Date.parse(record.createdAt) / 1000);
      const existing = await this.idempotency.find(idem.scope, idem.key, nowSeconds);
      if (existing) {
        if (existing.requestHash !== idem.requestHash) {
          throw new IdempotencyKeyReusedError(
            'this Idempotency-Key was already used with another request body',
          );
        }
        return { created: false, caseId: existing.caseId };
      }
      // The record expired between the write and the read: the key is free again; try once more.
      if (attempt >= 3)
        throw new IdempotencyKeyReusedError('the Idempotency-Key is changing hands; retry with a new key');
      await sleep(10);
    }
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: casePk(caseId), sk: 'case' },
        ConsistentRead: true,
      }),
    );
    return Item ? toRecord(Item) : undefined;
  }

  async list(request: CaseListRequest): Promise<Page<CaseRecord>> {
    const [indexName, keyName, keyValue] = request.status
      ? (['byViewStatus', 'gsi2pk', viewStatusPk(request.view, request.status)] as const)
      : (['byView', 'gsi1pk', viewPk(request.view)] as const);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: `${keyName} = :pk`,
        ExpressionAttributeValues: { ':pk': keyValue },
        ScanIndexForward: false,
        Limit: pageLimit(request),
        ExclusiveStartKey: decodeCursor(request.cursor, { [keyName]: keyValue }),
      }),
    );
    const caseIds = (result.Items ?? []).map((item) => item.caseId as string);
    const records = await this.batchGet(caseIds);
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return {
      items: caseIds.flatMap((caseId) => records.get(caseId) ?? []),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  async update(caseId: string, update: CaseUpdate): Promise<CaseRecord> {
    const current = await this.get(caseId);
    if (!current) throw new CaseNotFoundError(`case ${caseId} not found`);
    if (current.version !== update.expectedVersion) {
      throw new CaseVersionConflictError(
        `case ${caseId} is at version ${current.version}, not ${update.expectedVersion}`,
      );
    }
    const changes = update.changes ?? {};
    const timeline = update.timeline ?? [];
    const next: CaseRecord = {
      ...current,
      ...changes,
      timeline: [...current.timeline, ...timeline],
      updatedAt: update.at,
      version: current.version + 1,
    };
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {
      ':expected': update.expectedVersion,
      ':one': 1,
      ':at': update.at,
    };
    const sets = ['version = version + :one', 'updatedAt = :at'];
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    if (timeline.length > 0) {
      values[':timeline'] = timeline;
      sets.push('timeline = list_append(timeline, :timeline)');
    }
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: { pk: casePk(caseId), sk: 'case' },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'version = :expected',
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        },
      },
    ];
    if (next.status !== current.status) {
      for (const view of viewsOfCase(current))
        items.push({ Put: { TableName: this.tableName, Item: this.viewItem(next, view) } });
    }
    try {
      await transactWrite(this.client, items);
      return next;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(0)) {
        throw new CaseVersionConflictError(
          `case ${caseId} changed since version ${update.expectedVersion} was read`,
        );
      }
      throw error;
    }
  }

  async findByPersonKeys(personKeys: readonly string[]): Promise<CaseRef[]> {
    const caseIds = new Set<string>();
    for (const key of new Set(personKeys)) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `person#${key}` },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) caseIds.add(item.caseId as string);
        start = page.LastEvaluatedKey;
      } while (start);
    }
    const records = await this.batchGet([...caseIds]);
    return [...records.values()].map(({ caseId, status, createdAt }) => ({ caseId, status, createdAt }));
  }

  private viewItem(record: CaseRecord, view: CaseView): Record<string, unknown> {
    const sortKey = `${record.createdAt}#${record.caseId}`;
    return {
      pk: casePk(record.caseId),
      sk: `view#${view}`,
      gsi1pk: viewPk(view),
      gsi1sk: sortKey,
      gsi2pk: viewStatusPk(view, record.status),
      gsi2sk: sortKey,
      caseId: record.caseId,
      status: record.status,
    };
  }

  /** Reads cases by id, 100 at a time, until DynamoDB has answered every key. */
  private async batchGet(caseIds: readonly string[]): Promise<Map<string, CaseRecord>> {
    const found = new Map<string, CaseRecord>();
    for (let i = 0; i < caseIds.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = caseIds
        .slice(i, i + 100)
        .map((id) => ({ pk: casePk(id), sk: 'case' }));
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.min(500, 20 * 2 ** attempt));
        const result = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) {
          const record = toRecord(item);
          found.set(record.caseId, record);
        }
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return found;
  }
}
