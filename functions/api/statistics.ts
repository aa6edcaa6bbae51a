import { DynamoCaseRepository } from '../../shared/adapters/dynamodb/dynamo-case-repository';
import { statisticsQuerySchema } from '../../shared/contracts/statistics';
import { statisticsFor } from '../../shared/statistics/statistics-cases';
import { httpHandler } from '../http/http-handler';
import { dynamoDocumentClient, tableName } from '../runtime/dependencies';

const cases = new DynamoCaseRepository(dynamoDocumentClient(), tableName('cases'));

/**
 * GET /api/statistics?from=&to=&country= (secretariat, auditor): counts, shares and durations of
 * the cases submitted in the period that concern the country, computed from the stored cases
 * (shared/statistics/). No personal data is answered, so the read is not audited.
 */
export const handler = httpHandler({ query: statisticsQuerySchema }, async ({ principal, query }) => ({
  statusCode: 200,
  body: await statisticsFor(cases, principal, query),
}));
