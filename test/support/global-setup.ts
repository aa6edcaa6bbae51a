/**
 * Starts the real local services that the integration tier talks to, once per `jest` run, on free
 * ports (so it never clashes with a running `npm start`), and hands their endpoints to the test
 * workers through the environment. Each test file creates its own uniquely named tables.
 */
import { startDynamoDbLocal } from '../../local/dynamodb';
import { freePort } from '../../local/ports';
import { startSesLocal } from '../../local/ses';
import { buildFunctions, buildWeb } from '../../scripts/build';

export default async function globalSetup(): Promise<void> {
  // The gateway and workflow tests run the very bundles that the CDK deploys.
  await Promise.all([buildFunctions(), buildWeb()]);
  const [dynamo, ses] = await Promise.all([
    startDynamoDbLocal({ port: await freePort() }),
    startSesLocal({ port: await freePort() }),
  ]);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_ENDPOINT_URL_SESV2 = ses.endpoint;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  (globalThis as Record<string, unknown>).__RETORNO_SERVICES__ = { dynamo, ses };
}
