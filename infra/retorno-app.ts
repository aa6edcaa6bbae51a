/**
 * Builds the Retorno CDK app: the one `Retorno` stack with cdk-nag's AWS Solutions checks.
 * Shared by infra/app.ts (the CLI entry) and the infra tests, so both check the same thing.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { EmailDirectoryInput } from '../shared/notifications/email-directory';
import { RetornoStack, type RetornoStackProps } from './retorno-stack';

/** Options of {@link createRetornoApp}. */
export interface RetornoAppOptions {
  /**
   * Props of the App (context, output directory).
   * @default none
   */
  readonly app?: AppProps;
  /**
   * Overrides of the stack's props (tests pass a fixture manifest and folders).
   * @default the context values: stage, emailFrom, emailIdentity, emailConfigurationSet, emailDirectory, webAppUrl, allowedOrigins, travelProviderUrl, alarmEmail
   */
  readonly stack?: Partial<RetornoStackProps>;
}

/** A context value that must be a string when present. */
function stringContext(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new Error(`context ${key} must be a non-empty string, e.g. cdk synth -c ${key}=...`);
  }
  return value;
}

/**
 * The email directory from the context `emailDirectory`: an object (in cdk.json or
 * cdk.context.json) or its JSON as a string (`cdk synth -c emailDirectory='{...}'`). Its shape is
 * shared/notifications/email-directory.ts's, checked by the stack.
 */
function directoryContext(app: App): EmailDirectoryInput | undefined {
  const value: unknown = app.node.tryGetContext('emailDirectory');
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return value as EmailDirectoryInput;
  try {
    return JSON.parse(value) as EmailDirectoryInput;
  } catch {
    throw new Error(
      'context emailDirectory must be a JSON object, e.g. -c emailDirectory=\'{"countries":{...}}\'',
    );
  }
}

/** The app and its stack; synthesize with `app.synth()` or through the CDK CLI. */
export function createRetornoApp(options: RetornoAppOptions = {}): { app: App; stack: RetornoStack } {
  const app = new App(options.app);
  const emailFrom = stringContext(app, 'emailFrom');
  const emailIdentity = stringContext(app, 'emailIdentity');
  const emailConfigurationSet = stringContext(app, 'emailConfigurationSet');
  const origins = stringContext(app, 'allowedOrigins');
  const travelProviderUrl = stringContext(app, 'travelProviderUrl');
  if (travelProviderUrl !== undefined && !URL.canParse(travelProviderUrl)) {
    throw new Error(
      `context travelProviderUrl must be a URL such as https://travel.example.org, got "${travelProviderUrl}"`,
    );
  }
  const stage = stringContext(app, 'stage') ?? 'dev';
  const emailDirectory = directoryContext(app);
  const webAppUrl = stringContext(app, 'webAppUrl');
  const alarmEmails = stringContext(app, 'alarmEmail')
    ?.split(',')
    .map((address) => address.trim());
  for (const address of alarmEmails ?? []) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
      throw new Error(`context alarmEmail must be email addresses separated by commas, got "${address}"`);
    }
  }
  // The construct id stays `Retorno` (so `cdk deploy Retorno` works for every stage); the
  // CloudFormation name carries the stage so that stages can share an account.
  const stack = new RetornoStack(app, 'Retorno', {
    stackName: `retorno-${stage}`,
    description: 'Retorno: Assisted Voluntary Return fund requests for the RCM member states.',
    stage,
    ...(emailFrom ? { emailFrom } : {}),
    ...(emailIdentity ? { emailIdentity } : {}),
    ...(emailConfigurationSet ? { emailConfigurationSet } : {}),
    ...(travelProviderUrl ? { travelProviderUrl } : {}),
    ...(emailDirectory ? { emailDirectory } : {}),
    ...(webAppUrl ? { webAppUrl } : {}),
    ...(alarmEmails ? { alarmEmails } : {}),
    ...(origins ? { extraAllowedOrigins: origins.split(',').map((origin) => origin.trim()) } : {}),
    ...options.stack,
  });
  // cdk-nag v3 is a policy validation plugin: synthesis fails on any finding (error or warning)
  // that is not acknowledged with a reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
