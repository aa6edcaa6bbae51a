import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseRepository } from '../../shared/adapters/dynamodb/dynamo-case-repository';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/dynamo-idempotency-store';
import { CaseService } from '../../shared/cases/case-service';
import { hashPersonKey } from '../../shared/cases/request-hash';
import type { Migrant } from '../../shared/contracts/case-request';
import { personKeys } from '../../shared/eligibility';
import { caseRepositoryContract } from '../contract/case-repository.contract';
import { consul, secretariat, submissionOf, withdrawal } from '../contract/case-submissions';
import { idempotencyStoreContract } from '../contract/idempotency-store.contract';
import { createTestTables, type TestTables } from '../support/dynamo';
import { caseRequest } from '../unit/cases/case-fixture';

const opened: TestTables[] = [];
let tables: TestTables;
let cases: CaseService;

/** The cases table's ports over fresh tables. */
async function dynamoPorts(): Promise<{ cases: DynamoCaseRepository; idempotency: DynamoIdempotencyStore }> {
  const fresh = await createTestTables();
  opened.push(fresh);
  return {
    cases: new DynamoCaseRepository(fresh.documentClient, fresh.names.cases),
    idempotency: new DynamoIdempotencyStore(fresh.documentClient, fresh.names.cases),
  };
}

beforeAll(async () => {
  const ports = await dynamoPorts();
  tables = opened[0] as TestTables;
  cases = new CaseService(ports.cases, ports.idempotency);
});
afterAll(() => {
  for (const each of opened) each.client.destroy();
});

caseRepositoryContract('DynamoCaseRepository', dynamoPorts);
idempotencyStoreContract('DynamoIdempotencyStore', dynamoPorts);

/** The open-case claim item of one of the migrant's person keys. */
async function claimOf(migrant: Migrant, index: number): Promise<Record<string, unknown> | undefined> {
  const key = personKeys(migrant)[index];
  if (!key) throw new Error(`the migrant has no person key ${index}`);
  const { Item } = await tables.documentClient.send(
    new GetCommand({
      TableName: tables.names.cases,
      Key: { pk: `person#${hashPersonKey(key)}`, sk: 'open' },
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe('cases in DynamoDB: the open-case claim items', () => {
  it('frees the person when the open case ends, and flags a repeat only after a completed return', async () => {
    const migrant: Migrant = {
      ...caseRequest().migrant,
      givenNames: 'Lucía Free',
      documentNumber: 'FREE-1',
    };
    const first = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 101) });
    expect(first.status).toBe('SUBMITTED');
    expect(await claimOf(migrant, 0)).toMatchObject({ caseId: first.caseId });
    const blocked = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 102) });
    expect(blocked.status).toBe('INELIGIBLE');

    await cases.updateStatus(first.caseId, 1, 'WITHDRAWN', withdrawal);
    expect(await claimOf(migrant, 0)).toBeUndefined();
    expect(await claimOf(migrant, 1)).toBeUndefined();
    expect((await cases.get(first.caseId, secretariat)).status).toBe('WITHDRAWN');

    const second = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 103) });
    expect(second.status).toBe('SUBMITTED');
    // A withdrawn case is not a completed return.
    expect((await cases.get(second.caseId, secretariat)).eligibility?.flags).toEqual([]);

    // Open statuses keep the claim; only the step out of them releases it.
    await cases.updateStatus(second.caseId, 1, 'REINTEGRATION', {
      event: 'arrived',
      es: 'Llegó.',
      en: 'Arrived.',
    });
    expect(await claimOf(migrant, 0)).toMatchObject({ caseId: second.caseId });
    await cases.updateStatus(second.caseId, 2, 'CLOSED', {
      event: 'closed',
      es: 'Cerrado.',
      en: 'Closed.',
    });

    const third = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 104) });
    expect(third.status).toBe('SUBMITTED');
    const flags = (await cases.get(third.caseId, secretariat)).eligibility?.flags ?? [];
    expect(flags.map((f) => f.code)).toEqual(['repeat_return']);
  }, 30_000);

  it('never deletes a claim that another case holds', async () => {
    const migrant: Migrant = {
      ...caseRequest().migrant,
      givenNames: 'Elena Held',
      documentNumber: 'HELD-1',
    };
    const { caseId } = await cases.submit({ principal: consul('HN'), ...submissionOf(migrant, 105) });
    const [docKey] = personKeys(migrant);
    if (!docKey) throw new Error('no document key');
    // The document key's claim now belongs to another case (as if that case had claimed it).
    await tables.documentClient.send(
      new PutCommand({
        TableName: tables.names.cases,
        Item: { pk: `person#${hashPersonKey(docKey)}`, sk: 'open', caseId: 'RET-OTHERCASE' },
      }),
    );
    const withdrawn = await cases.updateStatus(caseId, 1, 'WITHDRAWN', withdrawal);
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(await claimOf(migrant, 0)).toMatchObject({ caseId: 'RET-OTHERCASE' });
    expect(await claimOf(migrant, 1)).toBeUndefined();
    // Still held: a new submission under the document is refused until RET-OTHERCASE lets go.
  });
});
