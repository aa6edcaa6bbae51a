import { DynamoWorkflowWaits } from '../../shared/adapters/dynamodb/dynamo-workflow-waits';
import { workflowWaitsContract } from '../contract/workflow-waits.contract';
import { createTestTables, type TestTables } from '../support/dynamo';

const opened: TestTables[] = [];

afterAll(() => {
  for (const tables of opened) tables.client.destroy();
});

workflowWaitsContract('DynamoWorkflowWaits', async () => {
  const tables = await createTestTables();
  opened.push(tables);
  return new DynamoWorkflowWaits(tables.documentClient, tables.names.tasks);
});
