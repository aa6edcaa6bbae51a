/**
 * The Retorno stack: everything the manifest describes (tables, functions, routes, state
 * machines), plus sign-in (Cognito) and the web app (S3 + CloudFront). It is environment-agnostic:
 * ARNs are built from the deploying account and Region, and nothing is looked up at synth time.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Aspects, Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { manifest as appManifest } from '../shared/manifest';
import type { Manifest } from '../shared/manifest-types';
import {
  EMAIL_DIRECTORY_MAX_BYTES,
  type EmailDirectoryInput,
  encodeEmailDirectory,
} from '../shared/notifications/email-directory';
import { metricsNamespace } from '../shared/operations-metrics';
import { AccessLogBucket } from './constructs/access-log-bucket';
import { EmailEvents } from './constructs/email-events';
import { emailSender } from './constructs/email-sender';
import { ManifestFunctions } from './constructs/manifest-functions';
import { ManifestHttpApi } from './constructs/manifest-http-api';
import { ManifestTables } from './constructs/manifest-tables';
import { ManifestWorkflows } from './constructs/manifest-workflows';
import { OperationsAlarms } from './constructs/operations-alarms';
import { UserDirectory } from './constructs/user-directory';
import { WebApp, webAppConfig } from './constructs/web-app';
import { workflowRef } from './constructs/workflow-ref';
import { NagAcknowledgments } from './nag-acknowledgments';

/** The repository root: manifest paths (entries, workflow definitions) are relative to it. */
export const REPO_ROOT = resolve(__dirname, '..');

/** Properties of {@link RetornoStack}. */
export interface RetornoStackProps extends StackProps {
  /** Deployment stage (`dev`, `prod`), part of physical names such as state machine names. */
  readonly stage: string;
  /**
   * What to deploy.
   * @default the application manifest of shared/manifest.ts
   */
  readonly manifest?: Manifest;
  /**
   * Folder the manifest's relative paths start from (workflow definitions).
   * @default the repository root
   */
  readonly sourceRoot?: string;
  /**
   * Folder with one `<name>/index.js` bundle per function.
   * @default `<sourceRoot>/dist/functions`, as `npm run build` makes it
   */
  readonly bundlesDir?: string;
  /**
   * Folder with the built web app.
   * @default `<sourceRoot>/dist/web`, as `npm run build` makes it
   */
  readonly webDir?: string;
  /**
   * The From address of Retorno's email.
   * @default 'retorno@example.org'
   */
  readonly emailFrom?: string;
  /**
   * The verified SES identity (domain or address) that may send as {@link emailFrom}.
   * @default the domain of emailFrom
   */
  readonly emailIdentity?: string;
  /**
   * The SES configuration set every email is sent with; its Send, Delivery, Bounce and Complaint
   * events are recorded in the outbox (infra/constructs/email-events.ts).
   * @default `retorno-<stage>`
   */
  readonly emailConfigurationSet?: string;
  /**
   * Base URL of the travel provider that BookTravel and CancelBooking call (the HTTP protocol of
   * shared/adapters/travel/http-travel-provider.ts).
   * @default 'https://travel-provider.example.org', a placeholder
   */
  readonly travelProviderUrl?: string;
  /**
   * Who Retorno emails: per member state its language, the addresses of its consulate,
   * authority, reintegration office and child-protection authority; the Secretariat's and
   * operations' addresses (shared/notifications/email-directory.ts). Required when a manifest
   * function sends email: without it a deployment would have no one to write to.
   * @default none
   */
  readonly emailDirectory?: EmailDirectoryInput;
  /**
   * The web app's address in email links, for a custom domain.
   * @default the CloudFront URL of the web app
   */
  readonly webAppUrl?: string;
  /**
   * Prefix of the hosted sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`
   * (unique in the Region across all AWS accounts); `{stage}` and `{account}` are replaced by the
   * stage and the deploying account's id.
   * @default the context `retornoAuthDomainPrefix` (cdk.json), else `retorno-{stage}-{account}`
   */
  readonly authDomainPrefix?: string;
  /**
   * Browser origins allowed to call the API across origins (its CORS), e.g. a developer's machine.
   * The web app needs none: it calls the API on its own origin, under /api of its distribution
   * (a custom domain in front of that distribution too).
   * @default none
   */
  readonly extraAllowedOrigins?: readonly string[];
  /**
   * Addresses the operators' alarm topic emails (each confirms once).
   * @default none: subscribe to the AlarmTopicArn output by hand
   */
  readonly alarmEmails?: readonly string[];
  /**
   * How long function, API and state machine logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * EMAIL_DIRECTORY's value for the directory, checked and small enough for Lambda's 4 KB
 * environment (which the tables, sender and URL share).
 */
function emailDirectoryValue(directory: EmailDirectoryInput | undefined): string {
  if (!directory) {
    throw new Error(
      'emailDirectory is required: the addresses emails go to, per country and role (cdk.json context emailDirectory, or -c emailDirectory=<JSON>; see shared/notifications/email-directory.ts)',
    );
  }
  const value = encodeEmailDirectory(directory);
  if (Buffer.byteLength(value) > EMAIL_DIRECTORY_MAX_BYTES) {
    throw new Error(
      `emailDirectory is ${Buffer.byteLength(value)} bytes once compressed, more than the ${EMAIL_DIRECTORY_MAX_BYTES} a function's environment can spare; list fewer addresses (a shared mailbox per office)`,
    );
  }
  return value;
}

/** The hosted sign-in domain's prefix unless told otherwise: one per stage and account. */
const DEFAULT_AUTH_DOMAIN_PREFIX = 'retorno-{stage}-{account}';

/**
 * The hosted sign-in domain's prefix with `{stage}` and `{account}` filled in, checked against
 * Cognito's rules (lower-case letters, digits and dashes, at most 63, no reserved words).
 */
function authDomainPrefix(template: unknown, stage: string): string {
  if (typeof template !== 'string' || template === '') {
    throw new Error(
      `context retornoAuthDomainPrefix must be a non-empty string, e.g. -c retornoAuthDomainPrefix=${DEFAULT_AUTH_DOMAIN_PREFIX}`,
    );
  }
  const filled = template.replaceAll('{stage}', stage);
  const sample = filled.replaceAll('{account}', '123456789012');
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(sample) || /aws|amazon|cognito/.test(sample)) {
    throw new Error(
      `retornoAuthDomainPrefix must give lower-case letters, digits and dashes (at most 63, without aws, amazon or cognito), got "${template}"`,
    );
  }
  return filled.replaceAll('{account}', Aws.ACCOUNT_ID);
}

/** Tables kept on stack deletion besides the personal-data one: evidence and money. */
const RETAINED_TABLES = ['audit', 'funds'];

/** The whole Retorno deployment, built from the manifest. */
export class RetornoStack extends Stack {
  /** The manifest tables. */
  public readonly tables: ManifestTables;
  /** The manifest functions. */
  public readonly functions: ManifestFunctions;
  /** The manifest state machines. */
  public readonly workflows: ManifestWorkflows;
  /** The HTTP API. */
  public readonly httpApi: ManifestHttpApi;
  /** The user pool and its groups. */
  public readonly users: UserDirectory;
  /** The web app. */
  public readonly web: WebApp;
  /** The SES configuration set and the delivery of its events, when some function sends email. */
  public readonly email?: EmailEvents;
  /** The operators' alarms and their topic, when the manifest has a reconciler publishing metrics. */
  public readonly alarms?: OperationsAlarms;

  constructor(scope: Construct, id: string, props: RetornoStackProps) {
    super(scope, id, props);
    if (!/^[a-z][a-z0-9-]{0,19}$/.test(props.stage)) {
      throw new Error(
        `stage must be lowercase letters, digits and dashes (at most 20), got "${props.stage}"`,
      );
    }
    const manifest: Manifest = props.manifest ?? appManifest;
    const sourceRoot = props.sourceRoot ?? REPO_ROOT;
    const bundlesDir = props.bundlesDir ?? join(sourceRoot, 'dist', 'functions');
    const webDir = props.webDir ?? join(sourceRoot, 'dist', 'web');
    if (!existsSync(webDir)) throw new Error(`web app not built at ${webDir}; run npm run build`);
    const logRetention = props.logRetention ? { logRetention: props.logRetention } : {};

    this.tables = new ManifestTables(this, 'Tables', {
      tables: manifest.tables,
      retainedTables: RETAINED_TABLES.filter((name) => name in manifest.tables),
      stage: props.stage,
    });
    const workflow = (name: string) => {
      if (!manifest.stateMachines[name])
        throw new Error(`unknown state machine ${name}; add it to the manifest`);
      return workflowRef(this, props.stage, name);
    };
    // Before the functions: the links in their emails point at the web app.
    const accessLogs = new AccessLogBucket(this, 'AccessLogs');
    const domainPrefix = authDomainPrefix(
      props.authDomainPrefix ??
        this.node.tryGetContext('retornoAuthDomainPrefix') ??
        DEFAULT_AUTH_DOMAIN_PREFIX,
      props.stage,
    );
    this.web = new WebApp(this, 'Web', {
      webDir,
      accessLogs: accessLogs.bucket,
      // The API is served by the distribution itself under /api (serveApi below), so the CSP
      // names no API; Cognito's origins are known from the Region and the prefix alone.
      origins: {
        signIn: {
          issuer: `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`,
          domain: `https://${domainPrefix}.auth.${Aws.REGION}.amazoncognito.com`,
        },
      },
    });
    const sendsEmail = Object.values(manifest.functions).some((spec) => spec.sendsEmail);
    if (sendsEmail) {
      const configurationSetName = props.emailConfigurationSet ?? `retorno-${props.stage}`;
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(configurationSetName)) {
        throw new Error(
          `emailConfigurationSet must be letters, digits, _ and - (at most 64), got "${configurationSetName}"`,
        );
      }
      this.email = new EmailEvents(this, 'EmailEvents', { configurationSetName });
    }
    const email = this.email
      ? {
          sender: emailSender(
            this,
            props.emailFrom ?? 'retorno@example.org',
            { name: this.email.configurationSet.configurationSetName, arn: this.email.configurationSetArn },
            props.emailIdentity,
          ),
          directory: emailDirectoryValue(props.emailDirectory),
          webAppUrl: props.webAppUrl ?? this.web.url,
        }
      : undefined;
    this.functions = new ManifestFunctions(this, 'Functions', {
      functions: manifest.functions,
      bundlesDir,
      table: (name) => this.tables.table(name),
      workflow,
      ...(email ? { email } : {}),
      ...(props.travelProviderUrl ? { travelProviderUrl: props.travelProviderUrl } : {}),
      metricsNamespace: metricsNamespace(props.stage),
      ...logRetention,
    });
    const handler = (name: string) => this.functions.get(name).function;
    // The manifest's receivers of SES's send events, with the same handler local/ses-events.ts invokes.
    for (const [name, spec] of Object.entries(manifest.functions)) {
      if (!spec.emailEvents) continue;
      if (!this.email) throw new Error(`function ${name} receives email events, but no function sends email`);
      this.email.deliverTo(handler(name));
    }
    // The manifest's scheduled functions (the reconciler), with the same handler the local timer runs.
    for (const [name, spec] of Object.entries(manifest.functions)) {
      if (!spec.schedule) continue;
      new scheduler.Schedule(this, `Schedule-${name}`, {
        description: `Runs ${name} every ${spec.schedule.everyMinutes} minutes: ${spec.description}`,
        schedule: scheduler.ScheduleExpression.rate(Duration.minutes(spec.schedule.everyMinutes)),
        target: new schedulerTargets.LambdaInvoke(handler(name), {
          input: scheduler.ScheduleTargetInput.fromObject({}),
        }),
      });
    }
    this.workflows = new ManifestWorkflows(this, 'Workflows', {
      manifest,
      sourceRoot,
      handler,
      workflow,
      ...logRetention,
    });
    this.users = new UserDirectory(this, 'Users', {
      webUrls: [this.web.url, ...(props.webAppUrl ? [props.webAppUrl.replace(/\/$/, '')] : [])],
      domainPrefix,
    });
    this.httpApi = new ManifestHttpApi(this, 'Http', {
      routes: manifest.routes,
      handler,
      userPool: this.users.userPool,
      userPoolClient: this.users.webClient,
      // Not the distribution: it serves the API on the app's origin, and naming it here would
      // make a cycle (the distribution names the API).
      allowOrigins: [...(props.extraAllowedOrigins ?? [])],
      ...logRetention,
    });
    this.web.serveApi(this.httpApi.api);
    const reconciler = Object.entries(manifest.functions).find(([, spec]) => spec.metrics && spec.schedule);
    if (reconciler) {
      this.alarms = new OperationsAlarms(this, 'Alarms', {
        stage: props.stage,
        functions: new Map([...this.functions.all()].map(([name, fn]) => [name, fn.function])),
        stateMachines: this.workflows.all(),
        api: this.httpApi.api,
        reconciler: { name: reconciler[0], everyMinutes: reconciler[1].schedule?.everyMinutes ?? 5 },
        metricsNamespace: metricsNamespace(props.stage),
        ...(props.alarmEmails ? { emails: props.alarmEmails } : {}),
      });
    }
    this.web.deploy(
      webAppConfig({
        // No apiUrl: the app calls `/api/...` on its own origin, which the distribution forwards.
        authority: this.users.userPool.userPoolProviderUrl,
        clientId: this.users.webClient.userPoolClientId,
        domain: this.users.signInUrl,
      }),
    );
    Aspects.of(this).add(new NagAcknowledgments());

    new CfnOutput(this, 'ApiUrl', {
      value: this.httpApi.url,
      description: "Base URL of the HTTP API (also served by the web app's distribution under <WebUrl>/api).",
    });
    new CfnOutput(this, 'WebUrl', {
      value: this.web.url,
      description: 'URL of the web app; its /api/* is the HTTP API.',
    });
    new CfnOutput(this, 'UserPoolId', {
      value: this.users.userPool.userPoolId,
      description: 'Cognito user pool of Retorno users; add users and groups here.',
    });
    new CfnOutput(this, 'SignInUrl', {
      value: this.users.signInUrl,
      description: 'Hosted sign-in (Cognito managed login) of the web app.',
    });
    if (this.alarms) {
      new CfnOutput(this, 'AlarmTopicArn', {
        value: this.alarms.topic.topicArn,
        description: "SNS topic of the operators' alarms; subscribe the people on call.",
      });
    }
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.users.webClient.userPoolClientId,
      description: 'App client of the web app; the JWT audience the API accepts.',
    });
  }
}
