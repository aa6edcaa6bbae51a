/**
 * Tasks in the `tasks` table, kept with their case:
 *   task      pk=case#<caseId>  sk=task#<taskId>
 *             gsi1pk=inbox#<role>#<country|->#<status>  gsi1sk=<dueAt>#<taskId>     (byAssignee)
 *             gsi2pk=status#<status>                    gsi2sk=<createdAt>#<taskId> (byStatus)
 *   token     pk=case#<caseId>  sk=token#<taskId>       (no index keys: never listed)
 *   decision  pk=case#<caseId>  sk=decision#<country>   (a country decides a case once)
 *   handover  pk=handover#pending  sk=<completedAt>#<taskId>  (written with the completion,
 *             deleted once the workflow has the decision: what the reconciler re-sends)
 * "Open tasks of authority MX by due date" is one Query of byAssignee; "all open tasks by age" is
 * one Query of byStatus. Both move with the status, so closed tasks leave the open listings.
 */

import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { type Page, pageLimit } from '../../ports/page';
import type { TaskCompletion, TaskListRequest, TaskStore } from '../../ports/task-store';
import type { TaskAssignee, TaskStatus } from '../../tasks/task';
import { caseIdOfTask, MalformedTaskIdError, type Task } from '../../tasks/task';
import { CountryAlreadyDecidedError, TaskAlreadyCompletedError } from '../../tasks/task-errors';
import { decodeCursor, encodeCursor } from './cursor';
import { queryAll } from './query-all';
import { type TransactItem, TransactionCancelled, transactWrite, withTransientRetry } from './transactions';

const casePk = (caseId: string) => `case#${caseId}`;
const inboxPk = (assignee: TaskAssignee, status: TaskStatus) =>
  `inbox#${assignee.role}#${assignee.country ?? '-'}#${status}`;
const statusPk = (status: TaskStatus) => `status#${status}`;
const HANDOVER_PK = 'handover#pending';
const handOverKey = (task: Pick<Task, 'taskId' | 'completedAt'>) => ({
  pk: HANDOVER_PK,
  sk: `${task.completedAt}#${task.taskId}`,
});
const INTERNAL = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'taskToken'] as const;

function toTask(item: Record<string, unknown>): Task {
  const copy = { ...item };
  for (const key of INTERNAL) delete copy[key];
  return copy as unknown as Task;
}

/** The item of a task: the task and its index keys, which follow its status. */
function taskItem(task: Task): Record<string, unknown> {
  return {
    pk: casePk(task.caseId),
    sk: `task#${task.taskId}`,
    gsi1pk: inboxPk(task.assignee, task.status),
    gsi1sk: `${task.dueAt}#${task.taskId}`,
    gsi2pk: statusPk(task.status),
    gsi2sk: `${task.createdAt}#${task.taskId}`,
    ...task,
  };
}

export class DynamoTaskStore implements TaskStore {
  /** @param tableName physical name of the `tasks` table */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(task: Task, taskToken?: string): Promise<{ task: Task; created: boolean }> {
    const tokenItem: TransactItem | undefined = taskToken
      ? {
          Put: {
            TableName: this.tableName,
            Item: {
              pk: casePk(task.caseId),
              sk: `token#${task.taskId}`,
              taskToken,
              updatedAt: task.createdAt,
            },
          },
        }
      : undefined;
    try {
      await transactWrite(this.client, [
        {
          Put: {
            TableName: this.tableName,
            Item: taskItem(task),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...(tokenItem ? [tokenItem] : []),
      ]);
      return { task, created: true };
    } catch (error) {
      if (!(error instanceof TransactionCancelled && error.failedAt(0))) throw error;
    }
    const existing = await this.get(task.taskId);
    if (!existing) throw new Error(`task ${task.taskId} exists but could not be read`);
    // A retried waitForTaskToken state comes with a new token; the old one is dead, so keep the new,
    // also for a task decided in between: its hand-over is pending and must reach the new token.
    if (tokenItem?.Put && (existing.status === 'open' || existing.status === 'completed')) {
      await withTransientRetry(() =>
        this.client.send(new PutCommand(tokenItem.Put as ConstructorParameters<typeof PutCommand>[0])),
      );
    }
    return { task: existing, created: false };
  }

  async get(taskId: string): Promise<Task | undefined> {
    let caseId: string;
    try {
      caseId = caseIdOfTask(taskId);
    } catch (error) {
      if (error instanceof MalformedTaskIdError) return undefined;
      throw error;
    }
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: casePk(caseId), sk: `task#${taskId}` },
        ConsistentRead: true,
      }),
    );
    return Item ? toTask(Item) : undefined;
  }

  listForAssignee(assignee: TaskAssignee, status: TaskStatus, page?: TaskListRequest): Promise<Page<Task>> {
    return this.queryIndex('byAssignee', 'gsi1pk', inboxPk(assignee, status), page);
  }

  listByStatus(status: TaskStatus, page?: TaskListRequest): Promise<Page<Task>> {
    return this.queryIndex('byStatus', 'gsi2pk', statusPk(status), page);
  }

  async listForCase(caseId: string): Promise<Task[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :task)',
      ExpressionAttributeValues: { ':pk': casePk(caseId), ':task': 'task#' },
      ConsistentRead: true,
    });
    return items.map(toTask);
  }

  async complete(task: Task, completion: TaskCompletion): Promise<Task> {
    const completed: Task = {
      ...task,
      status: 'completed',
      decision: completion.decision,
      completedBy: completion.completedBy,
      completedAt: completion.completedAt,
      updatedAt: completion.completedAt,
    };
    const items: TransactItem[] = [
      this.transition(completed, {
        decision: completion.decision,
        completedBy: completion.completedBy,
        completedAt: completion.completedAt,
      }),
    ];
    if (completion.decidingCountry) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            pk: casePk(task.caseId),
            sk: `decision#${completion.decidingCountry}`,
            taskId: task.taskId,
            decision: completion.decision.decision ?? null,
            decidedBy: completion.completedBy.subject,
            decidedAt: completion.completedAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    // Last, so the indexes above stay those the cancellation reasons name.
    items.push({
      Put: {
        TableName: this.tableName,
        Item: { ...handOverKey(completed), taskId: task.taskId, caseId: task.caseId },
      },
    });
    try {
      await transactWrite(this.client, items);
      return completed;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failedAt(0)) throw await this.notOpen(task.taskId);
      if (error.failedAt(1)) {
        throw new CountryAlreadyDecidedError(
          `${completion.decidingCountry} has already decided case ${task.caseId}`,
        );
      }
      throw error;
    }
  }

  async close(task: Task, status: 'expired' | 'cancelled', at: string, reason?: string): Promise<Task> {
    const closed: Task = {
      ...task,
      status,
      closedAt: at,
      ...(reason ? { closeReason: reason } : {}),
      updatedAt: at,
    };
    try {
      await transactWrite(this.client, [
        this.transition(closed, { closedAt: at, ...(reason ? { closeReason: reason } : {}) }),
      ]);
      return closed;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(0)) throw await this.notOpen(task.taskId);
      throw error;
    }
  }

  async pendingHandOvers(before: string, limit = 100): Promise<Task[]> {
    const { Items = [] } = await withTransientRetry(() =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk < :before',
          ExpressionAttributeValues: { ':pk': HANDOVER_PK, ':before': before },
          Limit: limit,
          ConsistentRead: true,
        }),
      ),
    );
    const tasks = await Promise.all(Items.map((item) => this.get(String(item.taskId))));
    return tasks.filter((task): task is Task => task !== undefined);
  }

  async handedOver(task: Task): Promise<void> {
    if (!task.completedAt) return;
    await withTransientRetry(() =>
      this.client.send(new DeleteCommand({ TableName: this.tableName, Key: handOverKey(task) })),
    );
  }

  async takeTaskToken(taskId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: casePk(caseIdOfTask(taskId)), sk: `token#${taskId}` },
        ConsistentRead: true,
      }),
    );
    return typeof Item?.taskToken === 'string' ? Item.taskToken : undefined;
  }

  /** An open task's move to its new status: the fields given, the status and its index keys. */
  private transition(next: Task, fields: Record<string, unknown>): TransactItem {
    const item = taskItem(next);
    const values: Record<string, unknown> = {
      ':status': next.status,
      ':open': 'open',
      ':updatedAt': next.updatedAt,
      ':gsi1pk': item.gsi1pk,
      ':gsi2pk': item.gsi2pk,
    };
    const names: Record<string, string> = { '#status': 'status' };
    const sets = ['#status = :status', 'updatedAt = :updatedAt', 'gsi1pk = :gsi1pk', 'gsi2pk = :gsi2pk'];
    for (const [name, value] of Object.entries(fields)) {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      sets.push(`#${name} = :${name}`);
    }
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: casePk(next.caseId), sk: `task#${next.taskId}` },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  private async notOpen(taskId: string): Promise<TaskAlreadyCompletedError> {
    const current = await this.get(taskId);
    return new TaskAlreadyCompletedError(`task ${taskId} is already ${current?.status ?? 'closed'}`);
  }

  /**
   * One page of an index partition, of one kind and due before an instant if asked: both are
   * filters, so this reads on until the page holds `limit` tasks, and the cursor is the key of the
   * last task answered. (Open tasks are few, one or three per open case: a filter costs little.)
   */
  private async queryIndex(
    indexName: string,
    keyName: string,
    keyValue: string,
    page?: TaskListRequest,
  ): Promise<Page<Task>> {
    const limit = pageLimit(page);
    const { kind, dueBefore } = page ?? {};
    const filters = [...(kind ? ['kind = :kind'] : []), ...(dueBefore ? ['dueAt < :dueBefore'] : [])];
    const found: Record<string, unknown>[] = [];
    let startKey = decodeCursor(page?.cursor, { [keyName]: keyValue });
    do {
      const result: QueryCommandOutput = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: indexName,
          KeyConditionExpression: `${keyName} = :pk`,
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
          ExpressionAttributeValues: {
            ':pk': keyValue,
            ...(kind ? { ':kind': kind } : {}),
            ...(dueBefore ? { ':dueBefore': dueBefore } : {}),
          },
          // A filtered read may keep fewer than it reads: read a whole page's worth each time.
          Limit: filters.length > 0 ? limit : limit - found.length,
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    const items = found.slice(0, limit);
    const last = items.at(-1);
    const stoppedEarly = found.length > limit || startKey !== undefined;
    const sortKeyName = keyName.replace(/pk$/, 'sk');
    const nextCursor =
      stoppedEarly && last
        ? encodeCursor({
            pk: last.pk,
            sk: last.sk,
            [keyName]: last[keyName],
            [sortKeyName]: last[sortKeyName],
          })
        : undefined;
    return { items: items.map(toTask), ...(nextCursor ? { nextCursor } : {}) };
  }
}
