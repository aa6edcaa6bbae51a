// Emails on the local cloud, through the real SES emulator: the built createTask and
// recordCaseEvent bundles, the outbox in DynamoDB Local, the demo directory. A task's email
// reaches its assignee with the link to the task, once, however often the step runs.

import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../../local/dynamodb';
import { DynamoEmailOutbox } from '../../shared/adapters/dynamodb/dynamo-email-outbox';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer';
import { outboxKeyText } from '../../shared/ports/email-outbox';
import { eventually } from '../support/eventually';
import { storedEmails } from '../support/ses-store';
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';

describe('emails through the SES emulator', () => {
  let harness: WorkflowHarness;

  beforeAll(async () => {
    harness = await startWorkflowHarness();
    await harness.fund.contribute({
      reference: 'EMAILS-1',
      amountUsd: 5_000,
      country: 'MX',
      actor: { subject: 'st', username: 'secretariat', role: 'secretariat' },
    });
  }, 90_000);
  afterAll(() => harness?.stop());

  const ses = () => harness.api.cloud.urls.ses;

  it('emails each approving country its task with the link to it, and the consulate the new status, once each', async () => {
    const caseId = await harness.submitCase();
    await harness.start(caseId);
    const mexicoTask = `${caseId}.country_approval.MX.1`;

    const toMexico = await storedEmails(ses(), { caseId, to: 'authority.mx@demo.retorno.local' });
    expect(toMexico).toHaveLength(1);
    const [email] = toMexico;
    expect(email?.from).toBe('no-reply@retorno.local');
    expect(email?.subject).toBe(
      `Caso ${caseId}: nueva tarea, aprobar o rechazar el retorno como país de salida`,
    );
    expect(email?.body.text).toContain(`${harness.api.baseUrl}/tasks/${mexicoTask}`);
    expect(email?.body.html).toContain(`href="${harness.api.baseUrl}/tasks/${mexicoTask}"`);
    expect(email?.outboxKey).toBe(`${caseId}/task_assigned#${mexicoTask}/authority.mx@demo.retorno.local`);
    for (const country of ['gt', 'hn']) {
      expect(
        await storedEmails(ses(), { caseId, to: `authority.${country}@demo.retorno.local` }),
      ).toHaveLength(1);
    }
    const toConsulate = await storedEmails(ses(), { caseId, to: 'consular.hn@demo.retorno.local' });
    expect(toConsulate.map((sent) => sent.subject)).toEqual([`Caso ${caseId}: Esperando aprobaciones`]);

    // The step again, as a retried state would run it: the task exists, the email is not sent twice.
    const retried = await harness.invokeStep('createTask', {
      caseId,
      kind: 'country_approval',
      role: 'authority',
      country: 'MX',
      dueInSeconds: 86_400,
      taskToken: 'a-retried-token',
    });
    expect(retried.result).toEqual({ taskId: mexicoTask, created: false });
    expect(await storedEmails(ses(), { caseId, to: 'authority.mx@demo.retorno.local' })).toHaveLength(1);

    // Nothing in any of them about the person.
    const record = await harness.cases.getForSystem(caseId);
    for (const sent of await storedEmails(ses(), { caseId })) {
      const whole = `${sent.subject}${sent.body.text}${sent.body.html}`;
      expect(whole).not.toContain(record.request.migrant.familyNames);
      expect(whole).not.toContain(record.request.migrant.dateOfBirth);
    }
    // The workflow's cold starts (a sandbox per function) take most of it on a busy machine.
  }, 120_000);

  const outbox = () =>
    new DynamoEmailOutbox(
      DynamoDBDocumentClient.from(localDynamoClient(harness.api.cloud.urls.dynamoDb)),
      harness.api.cloud.names.tableName('outbox'),
    );
  const sesMailer = () =>
    new SesMailer(
      new SESv2Client({
        endpoint: harness.api.cloud.urls.ses,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      'no-reply@retorno.local',
      'retorno-email',
    );

  it('records SES’s events on each email: sent, and delivered, or the simulator’s bounce', async () => {
    const store = outbox();
    // What a sender killed right after SendEmail leaves: claimed, accepted by SES, never marked sent.
    const entry = (recipient: string) => ({
      caseId: 'RET-SESEVENTS',
      kind: 'funds_waiting',
      recipient,
      template: 'funds_waiting' as const,
      party: 'secretariat' as const,
      languages: ['es' as const, 'en' as const],
      facts: {},
      createdAt: new Date().toISOString(),
    });
    for (const recipient of ['secretariat@demo.retorno.local', 'bounce@simulator.amazonses.com']) {
      const now = new Date();
      await store.recordAndClaim(entry(recipient), {
        at: now.toISOString(),
        until: new Date(now.getTime() + 420_000).toISOString(),
      });
      await sesMailer().send({
        to: [recipient],
        subject: 'RET-SESEVENTS',
        text: 't',
        outboxKey: outboxKeyText(entry(recipient)),
      });
    }
    const entries = await eventually(
      async () => {
        const found = await store.forCase('RET-SESEVENTS');
        return found.every((item) => item.status === 'sent' && (item.deliveredAt || item.bounce))
          ? found
          : undefined;
      },
      30_000,
      'the events recorded',
    );
    const [bounced, delivered] = entries;
    expect(delivered).toMatchObject({ recipient: 'secretariat@demo.retorno.local', status: 'sent' });
    expect(delivered?.deliveredAt).toBeDefined();
    expect(bounced).toMatchObject({
      recipient: 'bounce@simulator.amazonses.com',
      status: 'sent',
      bounce: { type: 'Permanent', subType: 'General' },
    });
    expect(bounced?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 700 * 86_400);
  }, 60_000);
});
