/**
 * The whole local cloud, built from the manifest: DynamoDB Local with the manifest's tables, the
 * SES v2 emulator, the local Lambda service running the built bundles, the local Step Functions
 * runtime, and the local API gateway serving the API and the web app. `npm start` and the
 * integration tests both start it through `startLocalCloud`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { manifest } from '../shared/manifest';
import {
  functionEnvironment,
  functionLimits,
  localResourceName,
  type ResourceNames,
} from '../shared/manifest-names';
import { encodeEmailDirectory } from '../shared/notifications/email-directory';
import { metricsNamespace } from '../shared/operations-metrics';
import { DEMO_USERS, findDemoUser } from './auth/demo-users';
import { createTokenIssuer } from './auth/token-issuer';
import { LocalClock } from './clock';
import { createTables, type DynamoDbLocal, localDynamoClient, startDynamoDbLocal } from './dynamodb';
import { demoEmailDirectory } from './email-directory';
import { type LocalEndpoint, LocalGateway } from './gateway/gateway-server';
import { JwtAuthorizer } from './gateway/jwt-authorizer';
import { type LocalFunctionConfig, WorkerLambdaInvoker } from './lambda/invoker';
import type { LocalCloudSettings } from './local-config';
import { freePort } from './ports';
import { seedDemoFund } from './seed';
import { type SesLocal, startSesLocal } from './ses';
import { startSesEvents } from './ses-events';
import { type StepFunctionsRuntime, startStepFunctionsRuntime } from './sfn';
import { localStateMachines } from './state-machines';
import { startTravelProviderLocal, type TravelProviderLocal } from './travel-provider';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';
const root = resolve(__dirname, '..');

export interface LocalCloud {
  readonly urls: {
    readonly api: string;
    readonly web: string;
    readonly dynamoDb: string;
    readonly ses: string;
    readonly mailViewer: string;
    readonly stepFunctions: string;
    readonly travelProvider: string;
  };
  readonly names: ResourceNames;
  readonly clock: LocalClock;
  readonly invoker: WorkerLambdaInvoker;
  readonly stepFunctions: StepFunctionsRuntime;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly settings: LocalCloudSettings;
  /** Keep data in memory instead of `dataDir` (tests). @default false */
  readonly inMemory?: boolean;
  /** Take any free port instead of the configured ones (tests). @default false */
  readonly freePorts?: boolean;
  /** Progress lines as each part comes up. @default silent */
  readonly progress?: (line: string) => void;
  /** Where the function bundles are. @default dist/functions */
  readonly bundlesDir?: string;
  readonly webRoot?: string;
  readonly requestLog?: (line: string) => void;
  /** Put demo data in (the Reserve Fund's contributions). @default false */
  readonly seed?: boolean;
  /**
   * Something the functions call instead of DynamoDB Local, given its endpoint (the benchmark's
   * request counter, bench/request-counter.ts). @default the functions call DynamoDB Local
   */
  readonly dynamoDbFront?: (
    endpoint: string,
  ) => Promise<{ readonly endpoint: string; stop(): Promise<void> }>;
}

async function forward(
  url: string,
  method: 'GET' | 'POST' | 'DELETE',
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/** Starts every part in order; on a failure, stops what had started and rethrows. */
export async function startLocalCloud(options: StartOptions): Promise<LocalCloud> {
  const { settings } = options;
  const say = options.progress ?? (() => {});
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  const port = async (configured: number) => (options.freePorts ? freePort(settings.host) : configured);

  try {
    const clock = new LocalClock(options.inMemory ? undefined : join(settings.dataDir, 'clock.json'));

    // First, so that the names below can give its URL to the functions that book. Its time is the
    // local clock's, as the Lambdas' is.
    const travel: TravelProviderLocal = await startTravelProviderLocal({
      port: await port(settings.travelPort),
      host: settings.host,
      now: () => new Date(clock.now()),
      ...(options.inMemory ? {} : { stateFile: join(settings.dataDir, 'travel-provider', 'bookings.json') }),
    });
    stops.push(() => travel.stop());
    say(`simulated travel provider ready on ${travel.url}`);

    say('starting DynamoDB Local…');
    const dynamo: DynamoDbLocal = await startDynamoDbLocal({
      port: await port(settings.dynamoDbPort),
      ...(options.inMemory ? {} : { dataDir: join(settings.dataDir, 'dynamodb') }),
    });
    stops.push(() => dynamo.stop());
    // Chosen now: the functions' emails link to the web app, which the gateway serves on it.
    const apiPort = await port(settings.apiPort);
    const names: ResourceNames = {
      tableName: (table) => localResourceName(settings.prefix, table),
      stateMachineArn: (machine) =>
        `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${localResourceName(settings.prefix, machine)}`,
      emailFrom: settings.emailFrom,
      // The emulator accepts a configuration set's name and keeps none: local/ses-events.ts
      // publishes the events of every email it accepts.
      emailConfigurationSet: `${settings.prefix}-email`,
      travelProviderUrl: travel.url,
      emailDirectory: encodeEmailDirectory(demoEmailDirectory()),
      webAppUrl: `http://${settings.host}:${apiPort}`,
      metricsNamespace: metricsNamespace('local'),
    };
    const client = localDynamoClient(dynamo.endpoint, LOCAL_REGION);
    const created = await createTables(client, manifest.tables, names.tableName);
    client.destroy();
    say(
      `DynamoDB Local ready on ${dynamo.endpoint} (${Object.keys(manifest.tables).length} tables, ${created.length} new)`,
    );

    if (options.seed) {
      const { applied } = await seedDemoFund(dynamo.endpoint, names.tableName('funds'));
      if (applied > 0) say(`seeded the RCM Reserve Fund with ${applied} demo contributions`);
    }

    say('starting the SES v2 emulator…');
    const ses: SesLocal = await startSesLocal({ port: await port(settings.sesPort), host: settings.host });
    stops.push(() => ses.stop());
    say(`SES v2 emulator ready on ${ses.endpoint}`);

    let functionsDynamoDb = dynamo.endpoint;
    if (options.dynamoDbFront) {
      const front = await options.dynamoDbFront(dynamo.endpoint);
      stops.push(() => front.stop());
      functionsDynamoDb = front.endpoint;
    }
    const sfnPort = await port(settings.sfnPort);
    const sfnEndpoint = `http://${settings.host}:${sfnPort}`;
    const bundlesDir = options.bundlesDir ?? join(root, 'dist', 'functions');
    const functions: LocalFunctionConfig[] = Object.entries(manifest.functions).map(([name, spec]) => ({
      name: localResourceName(settings.prefix, name),
      bundlePath: join(bundlesDir, name, 'index.js'),
      // The SDK names the function in its User-Agent (`app/<name>`), so a request can be told by who sent it.
      environment: { ...functionEnvironment(spec, names), AWS_SDK_UA_APP_ID: name },
      ...functionLimits(spec),
    }));
    const invoker = new WorkerLambdaInvoker(functions, {
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT,
      clockOffsetMs: () => clock.offsetMs,
      runtimeEnvironment: {
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: functionsDynamoDb,
        AWS_ENDPOINT_URL_SESV2: ses.endpoint,
        AWS_ENDPOINT_URL_SFN: sfnEndpoint,
        // Lambda runs Node 22; locally the preflight has already said which Node is in use.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: settings.functionLogLevel,
        // No CloudWatch here to read embedded-metric lines from the logs.
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
    });
    stops.push(() => invoker.close());
    say(`Lambda service ready (${functions.length} functions)`);

    // SES's send events of every accepted email, to the manifest's receivers (on AWS an
    // EventBridge rule); journalled so that a kill loses none.
    const receivers = Object.entries(manifest.functions)
      .filter(([, spec]) => 'emailEvents' in spec && spec.emailEvents)
      .map(([name]) => invoker.functionArn(localResourceName(settings.prefix, name)));
    const sesEventsDir = options.inMemory ? undefined : join(settings.dataDir, 'ses');
    const sesEvents = startSesEvents({
      ...(sesEventsDir ? { journalFile: join(sesEventsDir, 'events.jsonl') } : {}),
      now: () => new Date(clock.now()),
      region: LOCAL_REGION,
      account: LOCAL_ACCOUNT,
      deliver: async (event) => {
        for (const fn of receivers) {
          const result = await invoker.invoke(fn, event);
          if (result.functionError) throw new Error(`${fn}: ${JSON.stringify(result.payload)}`);
        }
      },
      onError: (error) => say(`SES event delivery failed (tried again): ${String(error)}`),
    });
    // Stopped before the Lambda service (stops run in reverse).
    stops.push(() => sesEvents.stop());
    say(`SES events ready (${receivers.length} receiver${receivers.length === 1 ? '' : 's'})`);

    say('starting the Step Functions runtime…');
    const stateMachines = localStateMachines(manifest, root, {
      stateMachineName: (machine) => localResourceName(settings.prefix, machine),
      functionArn: (fn) => invoker.functionArn(localResourceName(settings.prefix, fn)),
    });
    const sfnDataDir = options.inMemory
      ? mkdtempSync(join(tmpdir(), 'retorno-sfn-'))
      : join(settings.dataDir, 'stepfunctions');
    const stepFunctions = await startStepFunctionsRuntime({
      port: sfnPort,
      host: settings.host,
      dataDir: sfnDataDir,
      invoker,
      clock,
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT,
      stateMachines,
    });
    stops.push(async () => {
      await stepFunctions.stop();
      if (options.inMemory) rmSync(sfnDataDir, { recursive: true, force: true });
    });
    say(
      `Step Functions runtime ready on ${stepFunctions.url} (${stateMachines.length} state machine${stateMachines.length === 1 ? '' : 's'})`,
    );

    // The manifest's scheduled functions (the reconciler, the reminders): on AWS EventBridge Scheduler invokes them.
    const scheduled = Object.entries(manifest.functions)
      .filter(([, spec]) => 'schedule' in spec)
      .map(([name]) => invoker.functionArn(localResourceName(settings.prefix, name)));
    const scheduleTimer = setInterval(() => {
      for (const fn of scheduled) {
        invoker.invoke(fn, {}).catch((error: unknown) => say(`scheduled ${fn} failed: ${String(error)}`));
      }
    }, settings.scheduleSeconds * 1000);
    scheduleTimer.unref();
    stops.push(async () => clearInterval(scheduleTimer));

    const issuer = await createTokenIssuer(
      options.inMemory ? {} : { keyFile: join(settings.dataDir, 'auth', 'keys.json') },
    );
    const authorizer = new JwtAuthorizer({
      jwks: issuer.jwks,
      issuer: issuer.issuer,
      audience: issuer.audience,
      now: () => clock.now(),
    });
    const localEndpoints: Record<string, LocalEndpoint> = {
      'POST /local/token': async ({ body }) => {
        const username = (body as { username?: unknown } | undefined)?.username;
        if (typeof username !== 'string') {
          return {
            status: 400,
            body: { error: 'ValidationError', message: 'username: required, a string such as "consular.hn"' },
          };
        }
        const user = findDemoUser(username);
        if (!user)
          return {
            status: 400,
            body: {
              error: 'ValidationError',
              message: `username: no demo user ${JSON.stringify(username)}; GET /local/users lists them`,
            },
          };
        return { status: 200, body: { token: await issuer.issue(user, { now: clock.now() }) } };
      },
      'GET /local/users': async () => ({
        status: 200,
        body: {
          users: DEMO_USERS.map(({ username, role, country, displayName }) => ({
            username,
            role,
            country,
            displayName,
          })),
        },
      }),
      'GET /local/.well-known/jwks.json': async () => ({ status: 200, body: issuer.jwks }),
      // The Step Functions runtime owns the clock's movement: it fires what falls due in time
      // order and answers once the work started has settled, so the gateway forwards to it.
      'GET /local/clock': () => forward(`${stepFunctions.url}/local/clock`, 'GET'),
      'POST /local/clock': ({ body }) => forward(`${stepFunctions.url}/local/clock`, 'POST', body),
      // The simulated provider's failure switches, for tests and the demo through the API's port.
      'GET /local/travel-provider/failures': () => forward(`${travel.url}/failures`, 'GET'),
      'POST /local/travel-provider/failures': ({ body }) =>
        forward(`${travel.url}/failures`, 'POST', body ?? {}),
      'DELETE /local/travel-provider/failures': () => forward(`${travel.url}/failures`, 'DELETE'),
    };

    const gateway = new LocalGateway({
      routes: manifest.routes,
      functionName: (logical) => localResourceName(settings.prefix, logical),
      invoker,
      authorizer,
      webRoot: options.webRoot ?? join(root, 'dist', 'web'),
      localEndpoints,
      allowOrigins: settings.corsOrigins,
      maxBodyBytes: settings.maxBodyBytes,
      ...(options.requestLog ? { log: options.requestLog } : {}),
    });
    const api = await gateway.listen(apiPort, settings.host);
    stops.push(() => gateway.close());
    say(`API gateway and web app ready on ${api.url}`);

    return {
      urls: {
        api: `${api.url}/api`,
        web: `${api.url}/`,
        dynamoDb: dynamo.endpoint,
        ses: ses.endpoint,
        mailViewer: ses.viewerUrl,
        stepFunctions: stepFunctions.url,
        travelProvider: travel.url,
      },
      names,
      clock,
      invoker,
      stepFunctions,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
