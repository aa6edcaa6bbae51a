/**
 * The workflow's waits in the `tasks` table, beside the tasks whose tokens it also keeps:
 *   wait  pk=wait#<kind>  sk=<caseId>  since, token, amountCents
 * One partition per kind, read whole and ordered by `since`: a queue holds only the cases waiting
 * right now (bounded by what the fund cannot cover), so one Query is cheaper than an index.
 */
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queueOrder, type WaitKind, type WorkflowWait, type WorkflowWaits } from '../../ports/workflow-waits';
import { queryAll } from './query-all';

const waitPk = (kind: WaitKind) => `wait#${kind}`;

function toWait(item: Record<string, unknown>): WorkflowWait {
  const { pk: _pk, sk: _sk, ...wait } = item;
  return wait as unknown as WorkflowWait;
}

export class DynamoWorkflowWaits implements WorkflowWaits {
  /** @param tableName physical name of the `tasks` table */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async hold(wait: WorkflowWait): Promise<WorkflowWait> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: waitPk(wait.kind), sk: wait.caseId },
        // if_not_exists keeps the first `since`: a retried step keeps the case's place.
        UpdateExpression:
          'SET #caseId = :caseId, #kind = :kind, #since = if_not_exists(#since, :since), #token = :token' +
          (wait.amountCents === undefined ? '' : ', #amountCents = :amountCents'),
        // Every name through a placeholder: several of them are DynamoDB reserved words.
        ExpressionAttributeNames: {
          '#caseId': 'caseId',
          '#kind': 'kind',
          '#since': 'since',
          '#token': 'token',
          ...(wait.amountCents === undefined ? {} : { '#amountCents': 'amountCents' }),
        },
        ExpressionAttributeValues: {
          ':caseId': wait.caseId,
          ':kind': wait.kind,
          ':since': wait.since,
          ':token': wait.token,
          ...(wait.amountCents === undefined ? {} : { ':amountCents': wait.amountCents }),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toWait(Attributes ?? {});
  }

  async get(caseId: string, kind: WaitKind): Promise<WorkflowWait | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: waitPk(kind), sk: caseId },
        ConsistentRead: true,
      }),
    );
    return Item ? toWait(Item) : undefined;
  }

  async release(caseId: string, kind: WaitKind): Promise<boolean> {
    const { Attributes } = await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: waitPk(kind), sk: caseId },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes !== undefined;
  }

  async list(kind: WaitKind): Promise<WorkflowWait[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': waitPk(kind) },
      ConsistentRead: true,
    });
    return items.map(toWait).sort(queueOrder);
  }
}
