import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoFundLedger } from '../../shared/adapters/dynamodb/dynamo-fund-ledger';
import { ReserveFund } from '../../shared/fund/reserve-fund';
import { fundLedgerContract } from '../contract/fund-ledger.contract';
import { createTestTables, type TestTables } from '../support/dynamo';

/** Contributions are the Secretariat's to record. */
const SECRETARIAT = { subject: 'test-secretariat', username: 'secretariat', role: 'secretariat' } as const;

let tables: TestTables;
let ledger: DynamoFundLedger;
let counter = 0;

/** A fresh fund per test, apart from the contract's funds, so tests cannot see each other's money. */
function freshFund(ceilingUsd = 1000): ReserveFund {
  counter += 1;
  return new ReserveFund(ledger, { fundId: `dynamo-fund-${counter}`, ceilingUsd });
}

beforeAll(async () => {
  tables = await createTestTables();
  ledger = new DynamoFundLedger(tables.documentClient, tables.names.funds);
});

afterAll(() => tables.client.destroy());

fundLedgerContract('DynamoFundLedger', () => ledger);

describe('the Reserve Fund ledger in DynamoDB', () => {
  it('reports discrepancies when the balance or the entries are changed behind its back', async () => {
    const fund = freshFund();
    await fund.contribute({ reference: 'seed', amountUsd: 100, actor: SECRETARIAT });
    await fund.contribute({ reference: 'more', amountUsd: 50, actor: SECRETARIAT });
    await tables.documentClient.send(
      new UpdateCommand({
        TableName: tables.names.funds,
        Key: { pk: `fund#${fund.fundId}`, sk: 'balance' },
        UpdateExpression: 'SET availableCents = availableCents + :x',
        ExpressionAttributeValues: { ':x': 1 },
      }),
    );
    const codes = (await fund.verify()).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['buckets_do_not_add_up', 'entries_do_not_match_balance']));
    await tables.documentClient.send(
      new DeleteCommand({
        TableName: tables.names.funds,
        Key: { pk: `fund#${fund.fundId}`, sk: 'entry#contribution#more' },
      }),
    );
    expect((await fund.verify()).map((d) => d.code)).toContain('entry_count');
  });
});
