import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog, seqSk } from '../../shared/adapters/dynamodb/dynamo-audit-log';
import { AuditTrail } from '../../shared/audit/audit-trail';
import { auditLogContract } from '../contract/audit-log.contract';
import { auditOfficer, writeChain } from '../support/audit-chain';
import { createTestTables, type TestTables } from '../support/dynamo';

let tables: TestTables;
let log: DynamoAuditLog;
let trail: AuditTrail;
const _officer = auditOfficer;

beforeAll(async () => {
  tables = await createTestTables();
  log = new DynamoAuditLog(tables.documentClient, tables.names.audit);
  trail = new AuditTrail(log);
});
afterAll(() => tables.client.destroy());

auditLogContract('DynamoAuditLog', () => log);

const chainOf = (caseId: string, length: number) => writeChain(trail, caseId, length);

const key = (caseId: string, seq: number) => ({ pk: `case#${caseId}`, sk: seqSk(seq) });

describe('the audit log in DynamoDB, changed behind its back', () => {
  it('detects an edit of an entry made directly in the table', async () => {
    await chainOf('case-edit', 4);
    await tables.documentClient.send(
      new UpdateCommand({
        TableName: tables.names.audit,
        Key: key('case-edit', 3),
        UpdateExpression: 'SET details.step = :x',
        ExpressionAttributeValues: { ':x': 99 },
      }),
    );
    expect(await trail.verify('case-edit')).toMatchObject({
      valid: false,
      firstBrokenSeq: 3,
      problem: 'edited',
    });
  });

  it('detects a deleted entry in the middle and at the end', async () => {
    await chainOf('case-gap', 4);
    await tables.documentClient.send(
      new DeleteCommand({ TableName: tables.names.audit, Key: key('case-gap', 2) }),
    );
    expect(await trail.verify('case-gap')).toMatchObject({ valid: false, firstBrokenSeq: 2, problem: 'gap' });

    await chainOf('case-tail', 3);
    await tables.documentClient.send(
      new DeleteCommand({ TableName: tables.names.audit, Key: key('case-tail', 3) }),
    );
    expect(await trail.verify('case-tail')).toMatchObject({
      valid: false,
      firstBrokenSeq: 3,
      problem: 'truncated',
    });
  });

  it('detects entries swapped into each other’s places', async () => {
    await chainOf('case-swap', 4);
    const read = async (seq: number) =>
      (
        await tables.documentClient.send(
          new GetCommand({ TableName: tables.names.audit, Key: key('case-swap', seq) }),
        )
      ).Item!;
    const [second, third] = [await read(2), await read(3)];
    const put = (item: Record<string, unknown>, seq: number) =>
      tables.documentClient.send(
        new PutCommand({ TableName: tables.names.audit, Item: { ...item, ...key('case-swap', seq) } }),
      );
    await put(third, 2);
    await put(second, 3);
    expect(await trail.verify('case-swap')).toMatchObject({
      valid: false,
      firstBrokenSeq: 2,
      problem: 'order',
    });
  });
});
