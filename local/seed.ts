/**
 * Demo data for `npm start`: the RCM Reserve Fund with one contribution from each member state, so
 * a first case can be submitted and approved at once. Contributions are keyed by their reference,
 * so seeding again (every start) changes nothing.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoFundLedger } from '../shared/adapters/dynamodb/dynamo-fund-ledger';
import { RCM_COUNTRY_CODES } from '../shared/countries';
import { ReserveFund } from '../shared/fund/reserve-fund';
import { localDynamoClient } from './dynamodb';

/** US$5,000 from each of the 11 member states: US$55,000, about 70 cases at the ceiling. */
export const SEED_CONTRIBUTION_USD = 5000;

export async function seedDemoFund(
  endpoint: string,
  fundsTable: string,
): Promise<{ readonly applied: number }> {
  const client = localDynamoClient(endpoint);
  const documents = DynamoDBDocumentClient.from(client);
  try {
    const fund = new ReserveFund(new DynamoFundLedger(documents, fundsTable));
    let applied = 0;
    for (const country of RCM_COUNTRY_CODES) {
      const outcome = await fund.contribute({
        reference: `demo-seed-${country.toLowerCase()}`,
        amountUsd: SEED_CONTRIBUTION_USD,
        country,
        actor: { subject: 'seed', username: 'local-seed', role: 'system' },
      });
      if (outcome.applied) applied += 1;
    }
    return { applied };
  } finally {
    client.destroy();
  }
}
