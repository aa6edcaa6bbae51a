/**
 * State machines, and the grants of functions that use them and tables, on a fixture manifest:
 * the application manifest may not have a state machine yet, and these paths must work when it does.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { RetornoStack } from '../../infra/retorno-stack';
import { demoEmailDirectory } from '../../local/email-directory';
import type { Manifest } from '../../shared/manifest-types';
import { encodeEmailDirectory } from '../../shared/notifications/email-directory';
import { DYNAMODB_WRITES, dynamoGrantsByTable, grantsOfRole } from './support/iam';
import { type Synthesized, synthRetorno } from './support/synth';

const key = { name: 'pk', type: 'S' } as const;
const fixture: Manifest = {
  tables: {
    cases: { description: 'personal data', partitionKey: key, personalData: true },
    tasks: { description: 'tasks', partitionKey: key },
    audit: { description: 'audit', partitionKey: key },
  },
  functions: {
    checkEligibility: { entry: 'x.ts', description: 'step', tables: { cases: 'read' } },
    createTask: {
      entry: 'x.ts',
      description: 'step that waits for a human',
      tables: { tasks: 'readwrite', audit: 'readwrite' },
      // Invoked by the machine and calling it back: must not make a dependency cycle.
      stateMachines: { caseWorkflow: 'callback' },
    },
    submitCase: {
      entry: 'x.ts',
      description: 'api',
      tables: { cases: 'readwrite' },
      stateMachines: { caseWorkflow: 'start' },
    },
    notifyReception: { entry: 'x.ts', description: 'email', sendsEmail: true, environment: { LOCALE: 'es' } },
  },
  routes: [{ method: 'POST', path: '/api/cases', function: 'submitCase', auth: ['consular'] }],
  stateMachines: {
    caseWorkflow: {
      description: 'the case',
      definition: 'workflows/case-workflow.asl.json',
      functions: ['checkEligibility', 'createTask'],
    },
  },
};

// `${...}` here are Step Functions definition substitutions, not template literals.
const definition = {
  StartAt: 'CheckEligibility',
  States: {
    CheckEligibility: {
      Type: 'Task',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a definition substitution
      Resource: '${FnCheckEligibility}',
      ResultPath: '$.eligibility',
      Next: 'AwaitApproval',
    },
    AwaitApproval: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a definition substitution
      Parameters: { FunctionName: '${FnCreateTask}', 'Payload.$': '$' },
      ResultPath: '$.approval',
      End: true,
    },
  },
};

function fixtureRoot(withDefinition = true): string {
  const root = mkdtempSync(join(tmpdir(), 'retorno-infra-'));
  for (const fn of Object.keys(fixture.functions)) {
    mkdirSync(join(root, 'dist', 'functions', fn), { recursive: true });
    writeFileSync(join(root, 'dist', 'functions', fn, 'index.js'), 'exports.handler = async () => ({});\n');
  }
  mkdirSync(join(root, 'dist', 'web'), { recursive: true });
  writeFileSync(join(root, 'dist', 'web', 'index.html'), '<!doctype html>\n');
  mkdirSync(join(root, 'workflows'));
  if (withDefinition)
    writeFileSync(join(root, 'workflows', 'case-workflow.asl.json'), JSON.stringify(definition));
  return root;
}

let synth: Synthesized;

beforeAll(() => {
  synth = synthRetorno(
    { manifest: fixture, sourceRoot: fixtureRoot() },
    { stage: 'test', emailFrom: 'avr@rcm.example' },
  );
});

const roleOf = (fn: string) => synth.logicalId(synth.stack.functions.get(fn).role);
const fnId = (fn: string) => synth.logicalId(synth.stack.functions.get(fn).function);
const machineArn = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':states:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':stateMachine:retorno-test-case-workflow',
    ],
  ],
};

describe('state machines from workflows/', () => {
  it('deploys the definition file with the Fn<Name> placeholders substituted by function ARNs', () => {
    synth.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'retorno-test-case-workflow',
      DefinitionString: JSON.stringify(definition),
      DefinitionSubstitutions: {
        FnCheckEligibility: { 'Fn::GetAtt': [fnId('checkEligibility'), 'Arn'] },
        FnCreateTask: { 'Fn::GetAtt': [fnId('createTask'), 'Arn'] },
      },
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  it('lets the machine invoke exactly its listed functions', () => {
    const machine = synth.stack.workflows.get('caseWorkflow');
    const role = synth.logicalId(machine.role);
    const invoked = grantsOfRole(synth.template, role)
      .filter((grant) => grant.actions.includes('lambda:InvokeFunction'))
      .flatMap((grant) => grant.resources)
      .map((resource) => JSON.stringify(resource).match(/"Fn::GetAtt":\["([^"]+)"/)?.[1]);
    expect([...new Set(invoked)].sort()).toEqual([fnId('checkEligibility'), fnId('createTask')].sort());
  });

  it('gives a starting function the machine ARN and Start/DescribeExecution only', () => {
    const variables = synth.template.toJSON().Resources[fnId('submitCase')].Properties.Environment.Variables;
    expect(variables.STATE_MACHINE_CASE_WORKFLOW_ARN).toEqual(machineArn);
    const states = grantsOfRole(synth.template, roleOf('submitCase')).filter((grant) =>
      grant.actions.some((action) => action.startsWith('states:')),
    );
    expect(states.flatMap((grant) => grant.actions).sort()).toEqual([
      'states:DescribeExecution',
      'states:StartExecution',
    ]);
  });

  it('gives a callback function SendTaskSuccess/Failure/Heartbeat on that machine only', () => {
    const states = grantsOfRole(synth.template, roleOf('createTask')).filter((grant) =>
      grant.actions.some((action) => action.startsWith('states:')),
    );
    expect(states).toEqual([
      {
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        resources: [machineArn],
      },
    ]);
  });

  it('refuses a manifest whose definition file is missing', () => {
    expect(
      () =>
        new RetornoStack(new App(), 'Retorno', {
          stage: 'test',
          manifest: fixture,
          sourceRoot: fixtureRoot(false),
          emailDirectory: demoEmailDirectory(),
        }),
    ).toThrow('state machine caseWorkflow: definition workflows/case-workflow.asl.json not found');
  });
});

describe('function grants on a manifest with tables and email', () => {
  const tableIds = () =>
    Object.keys(fixture.tables).map((table) => synth.logicalId(synth.stack.tables.table(table)));
  const tableId = (table: string) => synth.logicalId(synth.stack.tables.table(table));

  it.each([
    ['checkEligibility', { cases: 'read' }],
    ['createTask', { tasks: 'readwrite', audit: 'readwrite' }],
    ['submitCase', { cases: 'readwrite' }],
    ['notifyReception', {}],
  ] as const)('%s may use only %j', (fn, tables) => {
    const byTable = dynamoGrantsByTable(grantsOfRole(synth.template, roleOf(fn)), tableIds());
    expect([...byTable.keys()].sort()).toEqual(Object.keys(tables).map(tableId).sort());
    for (const [table, access] of Object.entries(tables)) {
      const writes = DYNAMODB_WRITES.filter((action) => byTable.get(tableId(table))!.has(action));
      expect(writes).toEqual(access === 'read' ? [] : DYNAMODB_WRITES);
    }
  });

  it('lets a reader of the personal-data table decrypt with its key, but not encrypt', () => {
    const kms = grantsOfRole(synth.template, roleOf('checkEligibility')).flatMap((grant) =>
      grant.actions.filter((action) => action.startsWith('kms:')),
    );
    expect(kms.sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
  });

  it('lets an email sender send from EMAIL_FROM only, through the verified identity and the configuration set', () => {
    const variables =
      synth.template.toJSON().Resources[fnId('notifyReception')].Properties.Environment.Variables;
    expect(variables).toEqual({
      LOCALE: 'es',
      EMAIL_FROM: 'avr@rcm.example',
      // The configuration set whose send events mark the outbox's emails sent.
      EMAIL_CONFIGURATION_SET: { Ref: expect.stringMatching(/^EmailEventsConfigurationSet/) },
      EMAIL_DIRECTORY: encodeEmailDirectory(demoEmailDirectory()),
      WEB_APP_URL: expect.objectContaining({ 'Fn::Join': expect.any(Array) }),
    });
    const ses = grantsOfRole(synth.template, roleOf('notifyReception')).filter((grant) =>
      grant.actions.includes('ses:SendEmail'),
    );
    expect(ses).toHaveLength(1);
    expect(JSON.stringify(ses[0]!.resources)).toContain(':identity/rcm.example');
    expect(JSON.stringify(ses[0]!.resources)).toContain(':configuration-set/');
    const policy = JSON.stringify(synth.template.toJSON());
    expect(policy).toContain('"ses:FromAddress":"avr@rcm.example"');
  });

  it('grants nothing on SES to functions that do not send email', () => {
    for (const fn of ['checkEligibility', 'createTask', 'submitCase']) {
      const actions = grantsOfRole(synth.template, roleOf(fn)).flatMap((grant) => grant.actions);
      expect(actions.filter((action) => action.startsWith('ses:'))).toEqual([]);
    }
  });
});
