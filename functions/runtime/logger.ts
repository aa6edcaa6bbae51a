/**
 * Structured JSON logs (Powertools for AWS Lambda), one logger per sandbox, with the Lambda
 * context (request id, function name, cold start) added by the middy middleware. Log ids and
 * codes only: never a case's personal data.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'retorno' });
