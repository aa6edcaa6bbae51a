/**
 * The DynamoDB adapters of the domain's ports, built from one document client and the physical
 * table names (which a handler reads once from its configuration: TABLE_CASES, TABLE_TASKS...).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableName } from '../../manifest';
import { DynamoAuditLog } from './dynamo-audit-log';
import { DynamoCaseRepository } from './dynamo-case-repository';
import { DynamoFundLedger } from './dynamo-fund-ledger';
import { DynamoIdempotencyStore } from './dynamo-idempotency-store';
import { DynamoTaskStore } from './dynamo-task-store';
import { DynamoWorkflowWaits } from './dynamo-workflow-waits';

export {
  DynamoAuditLog,
  DynamoCaseRepository,
  DynamoFundLedger,
  DynamoIdempotencyStore,
  DynamoTaskStore,
  DynamoWorkflowWaits,
};

export interface DynamoAdapters {
  readonly cases: DynamoCaseRepository;
  readonly idempotency: DynamoIdempotencyStore;
  readonly tasks: DynamoTaskStore;
  readonly ledger: DynamoFundLedger;
  readonly audit: DynamoAuditLog;
  readonly waits: DynamoWorkflowWaits;
}

/** Every adapter over the given tables. */
export function dynamoAdapters(
  client: DynamoDBDocumentClient,
  tables: Readonly<Record<TableName, string>>,
): DynamoAdapters {
  return {
    cases: new DynamoCaseRepository(client, tables.cases),
    idempotency: new DynamoIdempotencyStore(client, tables.cases),
    tasks: new DynamoTaskStore(client, tables.tasks),
    ledger: new DynamoFundLedger(client, tables.funds),
    audit: new DynamoAuditLog(client, tables.audit),
    waits: new DynamoWorkflowWaits(client, tables.tasks),
  };
}
