import { DynamoEmailOutbox } from '../../shared/adapters/dynamodb/dynamo-email-outbox';
import { emailOutboxContract } from '../contract/email-outbox.contract';
import { createTestTables, type TestTables } from '../support/dynamo';

const opened: TestTables[] = [];

afterAll(() => {
  for (const tables of opened) tables.client.destroy();
});

emailOutboxContract('DynamoEmailOutbox', async () => {
  const tables = await createTestTables();
  opened.push(tables);
  return new DynamoEmailOutbox(tables.documentClient, tables.names.outbox);
});
