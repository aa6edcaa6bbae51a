import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { manifest } from '../../shared/manifest';
import { createTestTables } from '../support/dynamo';

describe('the local services that integration tests run against', () => {
  it('creates every table of the manifest in DynamoDB Local', async () => {
    const tables = await createTestTables();
    const { TableNames = [] } = await tables.client.send(new ListTablesCommand({}));
    for (const name of Object.values(tables.names)) expect(TableNames).toContain(name);
    expect(Object.keys(tables.names).sort()).toEqual(Object.keys(manifest.tables).sort());
    tables.client.destroy();
  });

  it('accepts an email through the SES v2 API and shows it in the emulator store', async () => {
    const endpoint = process.env.AWS_ENDPOINT_URL_SESV2!;
    const ses = new SESv2Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@retorno.local',
        Destination: { ToAddresses: ['recepcion@dinaf.hn.example'] },
        Content: { Simple: { Subject: { Data: 'Llegada prevista' }, Body: { Text: { Data: 'Prueba' } } } },
      }),
    );
    const store = (await (await fetch(`${endpoint}/store`)).json()) as {
      emails: Array<{ subject: string; to: string }>;
    };
    expect(store.emails.some((email) => email.subject === 'Llegada prevista')).toBe(true);
  });
});
