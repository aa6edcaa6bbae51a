/**
 * Cases in the `cases` table (the only table with personal data):
 *   case     pk=case#<caseId>        sk=case              the CaseRecord
 *   view     pk=case#<caseId>        sk=view#<view>       gsi1pk=view#<view>           gsi1sk=<createdAt>#<caseId>  (byView)
 *                                                         gsi2pk=view#<view>#<status>  gsi2sk=<createdAt>#<caseId>  (byViewStatus)
 *   person   pk=person#<hashed key>  sk=case#<caseId>     one per person key: "cases of this person" is a Query
 *   claim    pk=person#<hashed key>  sk=open              {caseId}: the person's one open case, per key
 *   idem     pk=idem#<scope>#<key>   sk=idem              {requestHash, caseId, expiresAt (TTL)}
 * A submission writes the case, its views, its person items and the idempotency record in one
 * transaction; a status change moves the case and its views together.
 *
 * The claims make "no other open case for the same person" hold under concurrency: the service's
 * history read cannot see a case that is being written at the same moment, but two transactions
 * cannot both create the same claim item (attribute_not_exists). An open case writes one claim per
 * person key with its submission, records the keys it claimed on its case item (`openClaims`, not
 * part of CaseRecord), and deletes those claims in the transaction that moves it out of the open
 * statuses.
 */

import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { backOff } from '../../backoff';
import {
  CaseNotFoundError,
  CaseVersionConflictError,
  IdempotencyKeyReusedError,
  OpenCaseClaimedError,
} from '../../cases/case-errors';
import type { CaseRecord, CaseRef } from '../../cases/case-record';
import { type CaseView, viewsOfCase } from '../../cases/case-views';
import { type CaseStatus, OPEN_CASE_STATUSES } from '../../contracts/case';
import type {
  CaseListRequest,
  CaseRepository,
  CaseUpdate,
  CreateCaseOptions,
  CreateCaseResult,
} from '../../ports/case-repository';
import { holdsKey } from '../../ports/idempotency-store';
import { type Page, pageLimit } from '../../ports/page';
import { decodeCursor, encodeCursor } from './cursor';
import { idempotencyKey, readIdempotencyRecord } from './dynamo-idempotency-store';
import { queryAll } from './query-all';
import { type TransactItem, TransactionCancelled, transactWrite } from './transactions';

const casePk = (caseId: string) => `case#${caseId}`;
const viewPk = (view: CaseView) => `view#${view}`;
const viewStatusPk = (view: CaseView, status: CaseStatus) => `view#${view}#${status}`;
const personPk = (hashedKey: string) => `person#${hashedKey}`;
const claimKey = (hashedKey: string) => ({ pk: personPk(hashedKey), sk: 'open' });

const isOpen = (status: CaseStatus) => OPEN_CASE_STATUSES.includes(status);

function toRecord(item: Record<string, unknown>): CaseRecord {
  const { pk: _pk, sk: _sk, openClaims: _claims, ...record } = item;
  return record as unknown as CaseRecord;
}

/** The hashed keys whose claims the case item says it holds. */
function claimsOf(item: Record<string, unknown>): string[] {
  return Array.isArray(item.openClaims) ? (item.openClaims as string[]) : [];
}

export class DynamoCaseRepository implements CaseRepository {
  /** @param tableName physical name of the `cases` table */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

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
    const personKeys = [...new Set(options.personKeys)];
    const claims = options.claimOpenCase && isOpen(record.status) ? personKeys : [];
    items.push({
      Put: {
        TableName: this.tableName,
        Item: {
          pk: casePk(record.caseId),
          sk: 'case',
          ...record,
          ...(claims.length > 0 ? { openClaims: claims } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    for (const view of viewsOfCase(record))
      items.push({ Put: { TableName: this.tableName, Item: this.viewItem(record, view) } });
    for (const key of personKeys) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            pk: personPk(key),
            sk: `case#${record.caseId}`,
            caseId: record.caseId,
            createdAt: record.createdAt,
          },
        },
      });
    }
    // Last, so that their indices in the cancellation reasons say which failure was a claim.
    const firstClaim = items.length;
    for (const key of claims) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...claimKey(key), caseId: record.caseId, createdAt: record.createdAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    const nowSeconds = Math.floor(Date.parse(record.createdAt) / 1000);
    for (let attempt = 1; ; attempt++) {
      try {
        await transactWrite(this.client, items);
        return { created: true, caseId: record.caseId };
      } catch (error) {
        if (!(error instanceof TransactionCancelled)) throw error;
        // The key record is checked first: a concurrent retry of the same submission also fails
        // on the claims its twin just wrote, and must be reported as the key's, not a duplicate.
        if (!(idem && error.failedAt(0))) {
          if (!claims.some((_, i) => error.failedAt(firstClaim + i))) throw error;
          throw new OpenCaseClaimedError(
            'another open case of the same person holds the claim',
            await this.claimHolders(claims, record.caseId),
          );
        }
      }
      const existing = await readIdempotencyRecord(this.client, this.tableName, idem.scope, idem.key);
      if (holdsKey(existing, nowSeconds)) return { created: false, existing };
      // The record expired between the write and the read: the key is free again; try once more.
      if (attempt >= 3)
        throw new IdempotencyKeyReusedError('the Idempotency-Key is changing hands; retry with a new key');
      await backOff(attempt);
    }
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const item = await this.getItem(caseId);
    return item ? toRecord(item) : undefined;
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
    const current = await this.currentFor(caseId, update);
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
    // Leaving the open statuses frees the person for a new case: the claims go with this write.
    // (Final statuses are final, so no update moves a case back into the open ones.)
    let releases = isOpen(next.status) ? [] : await this.claimsHeld(caseId);
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
    for (let attempt = 1; ; attempt++) {
      const items: TransactItem[] = [
        {
          Update: {
            TableName: this.tableName,
            Key: { pk: casePk(caseId), sk: 'case' },
            UpdateExpression: `SET ${sets.join(', ')}${releases.length > 0 ? ' REMOVE openClaims' : ''}`,
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
      const firstRelease = items.length;
      for (const key of releases) {
        items.push({
          Delete: {
            TableName: this.tableName,
            Key: claimKey(key),
            // Only this case's own claim; an absent one is already released.
            ConditionExpression: 'attribute_not_exists(pk) OR caseId = :caseId',
            ExpressionAttributeValues: { ':caseId': caseId },
          },
        });
      }
      try {
        await transactWrite(this.client, items);
        return next;
      } catch (error) {
        if (!(error instanceof TransactionCancelled)) throw error;
        if (error.failedAt(0)) {
          throw new CaseVersionConflictError(
            `case ${caseId} changed since version ${update.expectedVersion} was read`,
          );
        }
        // A claim now held by another case must survive, and must not block this status change:
        // write again without it. Each round drops at least one claim, so this ends.
        const heldByOthers = new Set(releases.filter((_, i) => error.failedAt(firstRelease + i)));
        if (heldByOthers.size === 0 || attempt > releases.length) throw error;
        releases = releases.filter((key) => !heldByOthers.has(key));
      }
    }
  }

  async findByPersonKeys(personKeys: readonly string[]): Promise<CaseRef[]> {
    const caseIds = new Set<string>();
    for (const key of new Set(personKeys)) {
      const items = await queryAll(this.client, {
        TableName: this.tableName,
        // The person's cases, not the open-case claim that shares the partition.
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :case)',
        ExpressionAttributeValues: { ':pk': personPk(key), ':case': 'case#' },
        // Strongly consistent: after a claim conflict the service re-reads to see the holder.
        ConsistentRead: true,
      });
      for (const item of items) caseIds.add(item.caseId as string);
    }
    const records = await this.batchGet([...caseIds]);
    return [...records.values()].map(({ caseId, status, createdAt }) => ({ caseId, status, createdAt }));
  }

  /** The case at the update's version: the caller's copy when it has one, else read. */
  private async currentFor(caseId: string, update: CaseUpdate): Promise<CaseRecord> {
    if (update.current?.caseId === caseId && update.current.version === update.expectedVersion)
      return update.current;
    const item = await this.getItem(caseId);
    if (!item) throw new CaseNotFoundError(`case ${caseId} not found`);
    return toRecord(item);
  }

  /**
   * The person's claims the case item says it holds, read when the case leaves the open
   * statuses (once in its life): the record does not carry them.
   */
  private async claimsHeld(caseId: string): Promise<string[]> {
    const item = await this.getItem(caseId);
    return item ? claimsOf(item) : [];
  }

  private async getItem(caseId: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: casePk(caseId), sk: 'case' },
        ConsistentRead: true,
      }),
    );
    return Item;
  }

  /** The open cases (other than `caseId`) that hold any of these claims now. */
  private async claimHolders(claims: readonly string[], caseId: string): Promise<CaseRef[]> {
    const holders = new Set<string>();
    for (const key of claims) {
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: claimKey(key), ConsistentRead: true }),
      );
      if (Item && Item.caseId !== caseId) holders.add(Item.caseId as string);
    }
    const records = await this.batchGet([...holders]);
    return [...records.values()]
      .filter((record) => isOpen(record.status))
      .map(({ caseId: id, status, createdAt }) => ({ caseId: id, status, createdAt }));
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
        if (attempt > 0) await backOff(attempt, { baseMs: 20, capMs: 500 });
        const result = await this.client.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } },
          }),
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
