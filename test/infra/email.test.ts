/**
 * Email on AWS: every function that sends email gets its sender, the configuration set, the email
 * directory from the `emailDirectory` context and the web app's address, with leave to send from
 * that sender and with that configuration set only; no other function gets any of them; a
 * deployment without a directory, or with one too large for Lambda's environment, is refused when
 * it is built. The configuration set publishes Send, Delivery, Bounce and Complaint events to
 * EventBridge, whose rule hands them to the function that records them in the outbox, and the
 * outbox's entries expire through DynamoDB's TTL.
 */
import { demoEmailDirectory } from '../../local/email-directory';
import { RCM_COUNTRY_CODES } from '../../shared/countries';
import { manifest } from '../../shared/manifest';
import type { FunctionSpec } from '../../shared/manifest-types';
import { type EmailDirectoryInput, encodeEmailDirectory } from '../../shared/notifications/email-directory';
import { OUTBOX_RETENTION_SECONDS } from '../../shared/ports/email-outbox';
import { grantsOfRole, referencedIds } from './support/iam';
import { ensureBuilt, type Synthesized, synthRetorno } from './support/synth';

let synth: Synthesized;

beforeAll(async () => {
  await ensureBuilt();
  synth = synthRetorno();
});

const functions = Object.entries(manifest.functions) as [string, FunctionSpec][];
const senders = functions.filter(([, spec]) => spec.sendsEmail).map(([name]) => name);
const variablesOf = (stack: Synthesized, name: string) =>
  (stack.template.toJSON().Resources[stack.logicalId(stack.stack.functions.get(name).function)].Properties
    .Environment?.Variables ?? {}) as Record<string, unknown>;

describe('email on AWS', () => {
  it('is sent by the workflow steps that tell people, the reminders and the reconciler', () => {
    expect(senders.sort()).toEqual([
      'createTask',
      'notifyReceivingCountry',
      'reconcile',
      'recordCaseEvent',
      'sendReminders',
    ]);
  });

  it.each(senders)(
    '%s gets the directory of the context and links to the web app’s CloudFront address',
    (name) => {
      const variables = variablesOf(synth, name);
      expect(variables.EMAIL_DIRECTORY).toBe(encodeEmailDirectory(demoEmailDirectory()));
      expect(referencedIds(variables.WEB_APP_URL)).toEqual([synth.logicalId(synth.stack.web.distribution)]);
      expect(JSON.stringify(variables.WEB_APP_URL)).toContain('https://');
      expect(variables.TABLE_OUTBOX).toEqual({ Ref: synth.logicalId(synth.stack.tables.table('outbox')) });
      const ses = grantsOfRole(synth.template, synth.logicalId(synth.stack.functions.get(name).role)).filter(
        (grant) => grant.actions.includes('ses:SendEmail'),
      );
      expect(ses).toHaveLength(1);
      expect(variables.EMAIL_CONFIGURATION_SET).toEqual({
        Ref: synth.logicalId(synth.stack.email!.configurationSet),
      });
    },
  );

  it.each(senders)('%s may send only as the sender, through the configuration set', (name) => {
    const role = synth.logicalId(synth.stack.functions.get(name).role);
    const statements = Object.values(synth.template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(role))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[])
      .filter((statement) => JSON.stringify(statement.Action).includes('ses:SendEmail'));
    expect(statements).toHaveLength(1);
    const [send] = statements;
    expect(send?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'retorno@example.org' } });
    const resources = JSON.stringify(send?.Resource);
    expect(resources).toContain(':identity/example.org');
    expect(resources).toContain(':configuration-set/');
    expect(referencedIds(send?.Resource)).toContain(synth.logicalId(synth.stack.email!.configurationSet));
  });

  it('gives no other function an address, a link base or leave to send', () => {
    for (const [name, spec] of functions) {
      if (spec.sendsEmail) continue;
      const variables = variablesOf(synth, name);
      expect(
        Object.keys(variables).filter((key) => key.startsWith('EMAIL_') || key === 'WEB_APP_URL'),
      ).toEqual([]);
      const actions = grantsOfRole(
        synth.template,
        synth.logicalId(synth.stack.functions.get(name).role),
      ).flatMap((grant) => grant.actions);
      expect(actions.filter((action) => action.startsWith('ses:'))).toEqual([]);
    }
  });

  it('names the configuration set after the stage unless the context names it, and publishes the four events to EventBridge', () => {
    synth.template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'retorno-dev',
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    const destinations = Object.values(
      synth.template.findResources('AWS::SES::ConfigurationSetEventDestination'),
    );
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]!.Properties;
    expect(destination.ConfigurationSetName).toEqual({
      Ref: synth.logicalId(synth.stack.email!.configurationSet),
    });
    expect(destination.EventDestination.Enabled).toBe(true);
    expect([...destination.EventDestination.MatchingEventTypes].sort()).toEqual([
      'bounce',
      'complaint',
      'delivery',
      'send',
    ]);
    expect(JSON.stringify(destination.EventDestination.EventBridgeDestination.EventBusArn)).toContain(
      ':event-bus/default',
    );
    expect(destination.EventDestination.SnsDestination).toBeUndefined();

    const named = synthRetorno({}, { emailConfigurationSet: 'retorno-email-prod' });
    named.template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'retorno-email-prod' });
    expect(() => synthRetorno({}, { emailConfigurationSet: 'not a name' })).toThrow(
      /emailConfigurationSet must be letters, digits/,
    );
  });

  it('hands the configuration set’s events, and only those, to recordEmailEvent, retried for a day', () => {
    const receivers = functions.filter(([, spec]) => spec.emailEvents).map(([name]) => name);
    expect(receivers).toEqual(['recordEmailEvent']);
    const rules = Object.values(synth.template.findResources('AWS::Events::Rule'));
    const rule = rules.find((candidate) =>
      JSON.stringify(candidate.Properties.EventPattern ?? {}).includes('aws.ses'),
    )!.Properties;
    expect(rule.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': ['Email Sent', 'Email Delivered', 'Email Bounced', 'Email Complaint Received'],
      detail: {
        mail: {
          tags: { 'ses:configuration-set': [{ Ref: synth.logicalId(synth.stack.email!.configurationSet) }] },
        },
      },
    });
    expect(rule.EventBusName).toBe('default');
    const recorder = synth.logicalId(synth.stack.functions.get('recordEmailEvent').function);
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [recorder, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
      }),
    ]);
    synth.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [recorder, 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
    // It writes the outbox and nothing else: no table but the outbox, no email.
    const variables = variablesOf(synth, 'recordEmailEvent');
    expect(Object.keys(variables).sort()).toEqual(['TABLE_OUTBOX']);
  });

  it('lets DynamoDB delete outbox entries two years after they are done (expiresAt)', () => {
    const outbox = synth.template.toJSON().Resources[synth.logicalId(synth.stack.tables.table('outbox'))];
    expect(outbox.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(OUTBOX_RETENTION_SECONDS / 86_400).toBe(730);
  });

  it('takes the directory as JSON text too, and a custom domain for the links', () => {
    const custom = synthRetorno(
      {},
      { emailDirectory: JSON.stringify(demoEmailDirectory()), webAppUrl: 'https://retorno.crmsv.org' },
    );
    expect(variablesOf(custom, 'createTask').EMAIL_DIRECTORY).toBe(
      encodeEmailDirectory(demoEmailDirectory()),
    );
    expect(variablesOf(custom, 'createTask').WEB_APP_URL).toBe('https://retorno.crmsv.org');
  });

  it('refuses a deployment without a directory, with a broken one, or with one too large for Lambda', () => {
    expect(() => synthRetorno({}, { emailDirectory: undefined })).toThrow('emailDirectory is required');
    const broken = demoEmailDirectory() as { secretariat: unknown };
    broken.secretariat = [];
    expect(() => synthRetorno({}, { emailDirectory: broken })).toThrow(
      'secretariat: must list at least one address',
    );
    // Ten random addresses per office do not compress: more than a function's environment can spare.
    const random = () => `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}@x.org`;
    const ten = () => Array.from({ length: 10 }, random);
    const huge: EmailDirectoryInput = {
      countries: Object.fromEntries(
        RCM_COUNTRY_CODES.map((country) => [
          country,
          {
            addresses: { consular: ten(), authority: ten(), reintegration: ten() },
            childProtection: { addresses: ten() },
          },
        ]),
      ) as EmailDirectoryInput['countries'],
      secretariat: ten(),
      operations: ten(),
    };
    expect(() => synthRetorno({}, { emailDirectory: huge })).toThrow(
      /more than the 2048 a function's environment can spare/,
    );
  });
});
