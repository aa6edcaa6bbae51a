import { DynamoTaskStore } from '../../shared/adapters/dynamodb/dynamo-task-store';
import { taskStoreContract } from '../contract/task-store.contract';
import { createTestTables, type TestTables } from '../support/dynamo';

const opened: TestTables[] = [];

afterAll(() => {
  for (const tables of opened) tables.client.destroy();
});

taskStoreContract('DynamoTaskStore', async () => {
  const tables = await createTestTables();
  opened.push(tables);
  return new DynamoTaskStore(tables.documentClient, tables.names.tasks);
});
