/**
 * Tables for one integration test file: the manifest's tables under a unique prefix in the
 * DynamoDB Local that the global setup started, so test files never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTables, localDynamoClient } from '../../local/dynamodb';
import { manifest, type TableName } from '../../shared/manifest';
import { localResourceName, tableEnvVar } from '../../shared/manifest-names';

export interface TestTables {
  readonly client: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  /** Physical table name per logical name. */
  readonly names: Readonly<Record<TableName, string>>;
  /** `{ TABLE_CASES: ..., ... }`, as a function's environment would carry them. */
  readonly environment: Readonly<Record<string, string>>;
}

export async function createTestTables(): Promise<TestTables> {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint)
    throw new Error(
      'AWS_ENDPOINT_URL_DYNAMODB is not set: run integration tests through jest (global setup)',
    );
  const client = localDynamoClient(endpoint);
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const physical = (logical: string) => localResourceName(prefix, logical);
  await createTables(client, manifest.tables, physical);
  const names = Object.fromEntries(Object.keys(manifest.tables).map((t) => [t, physical(t)])) as Record<
    TableName,
    string
  >;
  const environment = Object.fromEntries(Object.entries(names).map(([t, n]) => [tableEnvVar(t), n]));
  return {
    client,
    documentClient: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    names,
    environment,
  };
}
