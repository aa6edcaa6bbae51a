/**
 * The Reserve Fund ledger in the `funds` table. One partition per fund:
 *   balance  pk=fund#<id>  sk=balance           gsi1pk=funds              gsi1sk=<fundId>
 *   entry    pk=fund#<id>  sk=entry#<entryKey>  gsi1pk=fund#<id>#ledger   gsi1sk=<at>#<entryKey>
 *   hold     pk=fund#<id>  sk=hold#<caseId>     (the case's money and its state)
 * Every movement is one TransactWriteItems: the entry (must not exist), the balance (guarded so
 * nothing goes below zero) and, for case movements, the hold (guarded on its state).
 */

import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  CeilingExceededError,
  FundNotFoundError,
  HoldStateError,
  InsufficientFundsError,
} from '../../fund/fund-errors';
import { type Bucket, HOLD_TRANSITIONS, MOVEMENT_EFFECTS, movementKey } from '../../fund/movement';
import {
  ledgerEntryOf,
  movementAmountCents,
  openingBalance,
  retriedMovement,
} from '../../fund/movement-entry';
import type {
  FundBalance,
  FundLedger,
  Hold,
  LedgerEntry,
  MovementRequest,
  MovementResult,
  NewFund,
} from '../../ports/fund-ledger';
import { type Page, type PageRequest, pageLimit } from '../../ports/page';
import { decodeCursor, encodeCursor } from './cursor';
import { queryAll } from './query-all';
import {
  isConditionFailure,
  type TransactItem,
  TransactionCancelled,
  transactWrite,
  withTransientRetry,
} from './transactions';

const LISTING_INDEX = 'listing';
const fundPk = (fundId: string) => `fund#${fundId}`;
const ledgerPk = (fundId: string) => `fund#${fundId}#ledger`;
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'kind'] as const;

function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const key of KEY_ATTRIBUTES) delete copy[key];
  return copy as T;
}

export class DynamoFundLedger implements FundLedger {
  /**
   * @param client document client (created once per cold start by the handler)
   * @param tableName physical name of the `funds` table
   */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async ensureFund(fund: NewFund): Promise<FundBalance> {
    const balance = openingBalance(fund);
    try {
      await withTransientRetry(() =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              pk: fundPk(fund.fundId),
              sk: 'balance',
              gsi1pk: 'funds',
              gsi1sk: fund.fundId,
              kind: 'balance',
              ...balance,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return balance;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.getBalance(fund.fundId);
      if (!existing) throw error;
      return existing;
    }
  }

  async getBalance(fundId: string): Promise<FundBalance | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: fundPk(fundId), sk: 'balance' },
        ConsistentRead: true,
      }),
    );
    return Item ? strip<FundBalance>(Item) : undefined;
  }

  async listFunds(): Promise<FundBalance[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: LISTING_INDEX,
      KeyConditionExpression: 'gsi1pk = :funds',
      ExpressionAttributeValues: { ':funds': 'funds' },
    });
    return items.map((item) => strip<FundBalance>(item));
  }

  async getEntry(fundId: string, entryKey: string): Promise<LedgerEntry | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: fundPk(fundId), sk: `entry#${entryKey}` },
        ConsistentRead: true,
      }),
    );
    return Item ? strip<LedgerEntry>(Item) : undefined;
  }

  async getHold(fundId: string, caseId: string): Promise<Hold | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: fundPk(fundId), sk: `hold#${caseId}` },
        ConsistentRead: true,
      }),
    );
    return Item ? strip<Hold>(Item) : undefined;
  }

  async listEntries(fundId: string, page?: PageRequest): Promise<Page<LedgerEntry>> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: LISTING_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': ledgerPk(fundId) },
        Limit: pageLimit(page),
        ExclusiveStartKey: decodeCursor(page?.cursor, { gsi1pk: ledgerPk(fundId) }),
      }),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return {
      items: (result.Items ?? []).map((item) => strip<LedgerEntry>(item)),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  async allEntries(fundId: string): Promise<LedgerEntry[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
      ExpressionAttributeValues: { ':pk': fundPk(fundId), ':entry': 'entry#' },
      ConsistentRead: true,
    });
    return items.map((item) => strip<LedgerEntry>(item));
  }

  async applyMovement(fundId: string, movement: MovementRequest): Promise<MovementResult> {
    const entryKey = movementKey(movement.type, movement);
    let hold: Hold | undefined;
    if (movement.type !== 'contribution' && movement.type !== 'reservation') {
      // Release, disbursement and reversal move the case's whole hold; read it to know how much.
      hold = await this.getHold(fundId, movement.caseId);
      const existing = await this.getEntry(fundId, entryKey);
      if (existing) return { entry: existing, applied: false };
    }
    const amountCents = movementAmountCents(fundId, movement, hold);
    const entry = ledgerEntryOf(fundId, entryKey, movement, amountCents);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            pk: fundPk(fundId),
            sk: `entry#${entryKey}`,
            gsi1pk: ledgerPk(fundId),
            gsi1sk: `${movement.at}#${entryKey}`,
            kind: 'entry',
            ...entry,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.balanceUpdate(fundId, movement.type, amountCents, movement.at),
    ];
    if (movement.type === 'reservation') {
      const newHold: Hold = {
        fundId,
        caseId: movement.caseId,
        amountCents,
        state: 'reserved',
        updatedAt: movement.at,
      };
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { pk: fundPk(fundId), sk: `hold#${movement.caseId}`, kind: 'hold', ...newHold },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    } else if (movement.type !== 'contribution') {
      const { from, to } = HOLD_TRANSITIONS[movement.type];
      items.push({
        Update: {
          TableName: this.tableName,
          Key: { pk: fundPk(fundId), sk: `hold#${movement.caseId}` },
          UpdateExpression: 'SET #state = :to, updatedAt = :at',
          ConditionExpression: '#state = :from AND amountCents = :amount',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':to': to, ':from': from, ':amount': amountCents, ':at': movement.at },
        },
      });
    }

    try {
      await transactWrite(this.client, items);
      return { entry, applied: true };
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      return this.explainCancellation(fundId, entry, error);
    }
  }

  /** Builds the balance update from the movement's effects; every decreased bucket must cover it. */
  private balanceUpdate(
    fundId: string,
    type: MovementRequest['type'],
    amountCents: number,
    at: string,
  ): TransactItem {
    const names: Record<string, string> = {};
    const sets: string[] = ['entryCount = entryCount + :one', 'updatedAt = :at'];
    const conditions: string[] = ['attribute_exists(pk)'];
    for (const [bucket, sign] of Object.entries(MOVEMENT_EFFECTS[type]) as [Bucket, 1 | -1][]) {
      names[`#${bucket}`] = bucket;
      sets.push(`#${bucket} = #${bucket} ${sign > 0 ? '+' : '-'} :amount`);
      if (sign < 0) conditions.push(`#${bucket} >= :amount`);
    }
    if (type === 'reservation') conditions.push('ceilingCents >= :amount');
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: fundPk(fundId), sk: 'balance' },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':amount': amountCents, ':one': 1, ':at': at },
      },
    };
  }

  /** Turns a cancelled movement into its answer: the original entry (a retry) or a named error. */
  private async explainCancellation(
    fundId: string,
    entry: LedgerEntry,
    cancelled: TransactionCancelled,
  ): Promise<MovementResult> {
    if (cancelled.failedAt(0)) {
      const existing = await this.getEntry(fundId, entry.entryKey);
      if (!existing) throw cancelled;
      return { entry: retriedMovement(existing, entry), applied: false };
    }
    if (cancelled.failedAt(1)) {
      const balance = await this.getBalance(fundId);
      if (!balance) throw new FundNotFoundError(`fund ${fundId} does not exist`);
      if (entry.type === 'reservation' && entry.amountCents > balance.ceilingCents) {
        throw new CeilingExceededError(
          `a reservation of ${entry.amountCents} cents exceeds the fund's per-case ceiling of ${balance.ceilingCents} cents`,
        );
      }
      throw new InsufficientFundsError(
        `fund ${fundId} cannot cover ${entry.amountCents} cents for ${entry.entryKey}: ${balance.availableCents} cents available`,
      );
    }
    if (cancelled.failedAt(2)) {
      if (entry.type === 'reservation') {
        throw new HoldStateError(`case ${entry.caseId} already holds money in fund ${fundId}`);
      }
      throw new HoldStateError(`the hold of case ${entry.caseId} changed while ${entry.type} was applied`);
    }
    throw cancelled;
  }
}
