/**
 * SES's send events of the configuration set (Send, Delivery, Bounce, Complaint), recorded on
 * their outbox entries: on AWS an EventBridge rule invokes this function with each event; locally
 * local/ses-events.ts invokes it with events of the same shape. A Send event marks an email sent
 * even when its sender died before it could (shared/notifications/email-events.ts).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DynamoEmailOutbox } from '../../shared/adapters/dynamodb/dynamo-email-outbox';
import { recordEmailEvent, sesEventBridgeSchema } from '../../shared/notifications/email-events';
import { parseInput } from '../../shared/validation';
import { dynamoDocumentClient, tableName } from '../runtime/dependencies';
import { logger } from '../runtime/logger';

const deps = { outbox: new DynamoEmailOutbox(dynamoDocumentClient(), tableName('outbox')) };

export const handler = middy(async (event: unknown) => {
  const { detail } = parseInput(sesEventBridgeSchema, event, 'SES event', 'event');
  const result = await recordEmailEvent(deps, detail);
  // The case and the kind, never the address: an official's address may name them.
  const where = 'key' in result ? { caseId: result.key.caseId, kind: result.key.kind } : {};
  if (result.outcome === 'no_entry') logger.warn('SES event for an email the outbox does not hold', where);
  if (result.outcome === 'not_outbox')
    logger.warn('SES event without an outbox key header', { type: result.type });
  if (result.outcome === 'recorded' && detail.bounce?.bounceType === 'Permanent')
    logger.error('an official address bounced: correct the email directory', {
      ...where,
      bounceSubType: detail.bounce.bounceSubType,
    });
  if (result.outcome === 'recorded' && result.type === 'Complaint')
    logger.error('a recipient marked an email as spam', where);
  return result;
}).use(injectLambdaContext(logger, { resetKeys: true }));
