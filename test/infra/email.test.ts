/**
 * Email on AWS: every function that sends email gets its sender, the email directory from the
 * `emailDirectory` context and the web app's address, with leave to send from that sender only;
 * no other function gets any of them; a deployment without a directory, or with one too large
 * for Lambda's environment, is refused when it is built.
 */
import { demoEmailDirectory } from '../../local/email-directory';
import { RCM_COUNTRY_CODES } from '../../shared/countries';
import { manifest } from '../../shared/manifest';
import type { FunctionSpec } from '../../shared/manifest-types';
import { type EmailDirectoryInput, encodeEmailDirectory } from '../../shared/notifications/email-directory';
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
  stack.template.toJSON().Resources[stack.logicalId(stack.stack.functions.get(name).function)].Properties
    .Environment.Variables as Record<string, unknown>;

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
    },
  );

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
