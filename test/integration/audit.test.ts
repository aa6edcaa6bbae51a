import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog, seqSk } from '../../shared/adapters/dynamodb/dynamo-audit-log';
import { AUDIT_ACTIONS, auditActorOf, SYSTEM_ACTOR } from '../../shared/audit/audit-entry';
import { AuditTrail } from '../../shared/audit/audit-trail';
import { PersonalDataInAuditError } from '../../shared/audit/personal-data-guard';
import type { Principal } from '../../shared/roles';
import { createTestTables, type TestTables } from '../support/dynamo';

let tables: TestTables;
let trail: AuditTrail;
const officer: Principal = { subject: 'sub-hn-1', username: 'consul.hn', role: 'consular', country: 'HN' };

beforeAll(async () => {
  tables = await createTestTables();
  trail = new AuditTrail(new DynamoAuditLog(tables.documentClient, tables.names.audit));
});
afterAll(() => tables.client.destroy());

async function chainOf(caseId: string, length: number) {
  await trail.append(caseId, {
    actor: auditActorOf(officer),
    action: AUDIT_ACTIONS.caseSubmitted,
    details: { status: 'SUBMITTED' },
  });
  for (let i = 2; i <= length; i++) {
    await trail.append(caseId, {
      actor: SYSTEM_ACTOR,
      action: AUDIT_ACTIONS.caseStatusChanged,
      details: { step: i },
    });
  }
}

const key = (caseId: string, seq: number) => ({ pk: `case#${caseId}`, sk: seqSk(seq) });

describe('the audit log', () => {
  it('chains entries that verify, each pointing at the one before', async () => {
    await chainOf('case-ok', 4);
    await trail.recordPersonalDataRead('case-ok', officer, { profile: 'full', purpose: 'case detail' });
    const { items } = await trail.entries('case-ok');
    expect(items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(items[1]?.prevHash).toBe(items[0]?.hash);
    expect(items[4]).toMatchObject({
      action: 'case.read_personal_data',
      actor: { subject: 'sub-hn-1', role: 'consular' },
    });
    expect(await trail.verify('case-ok')).toEqual({ valid: true, entries: 5 });
  });

  it('verifies an empty chain', async () => {
    expect(await trail.verify('case-none')).toEqual({ valid: true, entries: 0 });
  });

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

  it('keeps one chain when 20 appends race on the same case', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        trail.append('case-race', {
          actor: SYSTEM_ACTOR,
          action: AUDIT_ACTIONS.taskCreated,
          details: { n: i },
        }),
      ),
    );
    const verification = await trail.verify('case-race');
    expect(verification).toEqual({ valid: true, entries: 20 });
    const { items } = await trail.entries('case-race', { limit: 100 });
    expect(new Set(items.map((e) => e.details.n)).size).toBe(20);
  }, 60_000);

  it('refuses details that carry personal data', async () => {
    await expect(
      trail.append('case-pii', {
        actor: SYSTEM_ACTOR,
        action: AUDIT_ACTIONS.caseSubmitted,
        details: { migrant: { givenNames: 'Ana' } },
      }),
    ).rejects.toThrow(PersonalDataInAuditError);
    expect(await trail.verify('case-pii')).toEqual({ valid: true, entries: 0 });
  });

  it('pages through a chain in order', async () => {
    await chainOf('case-pages', 5);
    const first = await trail.entries('case-pages', { limit: 2 });
    const second = await trail.entries('case-pages', { limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });
});
