import { stateMachineName } from '../../infra/constructs/workflow-ref';
import { demoEmailDirectory } from '../../local/email-directory';
import { manifest } from '../../shared/manifest';
import { functionEnvironment } from '../../shared/manifest-names';
import type { FunctionSpec, TableAccess } from '../../shared/manifest-types';
import { encodeEmailDirectory } from '../../shared/notifications/email-directory';
import { DYNAMODB_WRITES, dynamoGrantsByTable, grantsOfRole } from './support/iam';
import { ensureBuilt, type Synthesized, synthRetorno } from './support/synth';

let synth: Synthesized;

/** The parts of AWS::Lambda::Function these tests read. */
interface LambdaProperties {
  readonly Runtime: string;
  readonly Architectures: string[];
  readonly Handler: string;
  readonly TracingConfig: unknown;
  readonly Timeout: number;
  readonly MemorySize: number;
  readonly Description: string;
  readonly LoggingConfig: { LogGroup: { Ref: string } };
  readonly Environment: { Variables: Record<string, unknown> };
}

beforeAll(async () => {
  await ensureBuilt();
  synth = synthRetorno();
});

const functions = Object.entries(manifest.functions) as [string, FunctionSpec][];
const resourceOf = (name: string) =>
  synth.template.toJSON().Resources[synth.logicalId(synth.stack.functions.get(name).function)] as {
    Properties: LambdaProperties;
  };
const tableIds = () =>
  Object.keys(manifest.tables).map((table) => synth.logicalId(synth.stack.tables.table(table)));

describe('the manifest functions on AWS', () => {
  it('creates exactly the manifest functions, besides CDK’s own web deployment handler', () => {
    const ours = Object.values(synth.template.findResources('AWS::Lambda::Function')).filter((fn) =>
      String(fn.Properties.Runtime).startsWith('nodejs'),
    );
    expect(ours).toHaveLength(functions.length);
  });

  it.each(functions)(
    '%s runs its bundle on nodejs22.x, ARM64, traced, with the manifest limits',
    (name, spec) => {
      const { Properties } = resourceOf(name);
      expect(Properties.Runtime).toBe('nodejs22.x');
      expect(Properties.Architectures).toEqual(['arm64']);
      expect(Properties.Handler).toBe('index.handler');
      expect(Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(Properties.Timeout).toBe(spec.timeoutSeconds ?? 10);
      expect(Properties.MemorySize).toBe(spec.memoryMb ?? 512);
      expect(Properties.Description).toBe(spec.description);
      expect(Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
    },
  );

  it('gives the functions that book the travelProviderUrl context, and refuses a context that is no URL', () => {
    const url = 'https://travel.rcm.example/v1';
    const deployed = synthRetorno({}, { travelProviderUrl: url });
    for (const [name, spec] of functions) {
      const fn =
        deployed.template.toJSON().Resources[deployed.logicalId(deployed.stack.functions.get(name).function)];
      expect({ name, url: fn.Properties.Environment?.Variables?.TRAVEL_PROVIDER_URL }).toEqual({
        name,
        url: spec.travel ? url : undefined,
      });
    }
    expect(functions.filter(([, spec]) => spec.travel).map(([name]) => name)).toEqual([
      'bookTravel',
      'cancelBooking',
    ]);
    expect(() => synthRetorno({}, { travelProviderUrl: 'travel provider' })).toThrow(
      /context travelProviderUrl must be a URL/,
    );
  });

  it.each(functions)('%s gets exactly the environment functionEnvironment gives it locally', (name, spec) => {
    const expected = functionEnvironment(spec, {
      tableName: (table) => ({ Ref: synth.logicalId(synth.stack.tables.table(table)) }) as unknown as string,
      // The ARN is built from the machine's fixed name (no reference to the machine itself, so a
      // function that a machine calls may also call the machine back without a dependency cycle).
      stateMachineArn: (machine) =>
        expect.objectContaining({
          'Fn::Join': [
            '',
            expect.arrayContaining([
              expect.stringMatching(new RegExp(`:stateMachine:${stateMachineName('dev', machine)}$`)),
            ]),
          ],
        }) as unknown as string,
      emailFrom: 'retorno@example.org',
      emailConfigurationSet: {
        Ref: synth.logicalId(synth.stack.email!.configurationSet),
      } as unknown as string,
      travelProviderUrl: 'https://travel-provider.example.org',
      emailDirectory: encodeEmailDirectory(demoEmailDirectory()),
      metricsNamespace: 'Retorno/dev',
      // The CloudFront distribution's URL, a token until deployment.
      webAppUrl: expect.objectContaining({ 'Fn::Join': expect.any(Array) }) as unknown as string,
    });
    const variables = (resourceOf(name).Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
    // Exactly the granted variables: no NODE_OPTIONS either, since --enable-source-maps would parse
    // the bundle's source map at every cold start.
    expect(Object.keys(variables).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expect(variables[key]).toEqual(value);
  });

  it.each(functions)(
    '%s may use only the tables the manifest grants it, read-only where it says read',
    (name, spec) => {
      const role = synth.logicalId(synth.stack.functions.get(name).role);
      const byTable = dynamoGrantsByTable(grantsOfRole(synth.template, role), tableIds());
      const granted = Object.entries(spec.tables ?? {}) as [string, TableAccess][];
      expect([...byTable.keys()].sort()).toEqual(
        granted.map(([table]) => synth.logicalId(synth.stack.tables.table(table))).sort(),
      );
      for (const [table, access] of granted) {
        const actions = byTable.get(synth.logicalId(synth.stack.tables.table(table)))!;
        const writes = DYNAMODB_WRITES.filter((action) => actions.has(action));
        expect(writes).toEqual(access === 'read' ? [] : DYNAMODB_WRITES);
      }
    },
  );

  it.each(functions)('%s has no managed policy and writes logs only to its own log group', (name) => {
    const fn = synth.stack.functions.get(name);
    const role = synth.template.toJSON().Resources[synth.logicalId(fn.role)];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const logGrants = grantsOfRole(synth.template, synth.logicalId(fn.role)).filter((grant) =>
      grant.actions.some((action) => action.startsWith('logs:')),
    );
    expect(logGrants).toEqual([
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [{ 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] }],
      },
    ]);
  });

  it('keeps function logs for a bounded time', () => {
    for (const [name] of functions) {
      const logGroupId = resourceOf(name).Properties.LoggingConfig.LogGroup.Ref as string;
      expect(synth.template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(90);
    }
  });
});

describe('the scheduled functions on AWS', () => {
  it('runs each scheduled manifest function by EventBridge Scheduler at its manifest rate, and nothing else', () => {
    const schedules = Object.values(synth.template.findResources('AWS::Scheduler::Schedule')) as {
      Properties: { ScheduleExpression: string; Target: { Arn: unknown; Input: string } };
    }[];
    const scheduled = functions.filter(([, spec]) => spec.schedule);
    expect(scheduled.map(([name]) => name).sort()).toEqual(['reconcile', 'sendReminders']);
    expect(schedules).toHaveLength(scheduled.length);
    for (const [name, spec] of scheduled) {
      const target = synth.logicalId(synth.stack.functions.get(name).function);
      const schedule = schedules.find((s) => JSON.stringify(s.Properties.Target.Arn).includes(target));
      expect(schedule?.Properties.ScheduleExpression).toBe(`rate(${spec.schedule?.everyMinutes} minutes)`);
      expect(JSON.parse(schedule?.Properties.Target.Input ?? 'null')).toEqual({});
    }
  });
});
