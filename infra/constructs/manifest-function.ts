/**
 * One Lambda function of the manifest: the very bundle the local cloud runs, on Node.js 22 and
 * ARM64, with its own log group and X-Ray tracing. Resources are wired with `use*` methods, each
 * of which sets the environment variable AND grants the access in one call, so a function can
 * never know of a resource it may not use, nor be allowed one it does not know of.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functionLimits, stateMachineEnvVar, tableEnvVar } from '../../shared/manifest-names';
import type { FunctionSpec, StateMachineAccess, TableAccess } from '../../shared/manifest-types';
import type { EmailSettings } from './email-sender';
import type { WorkflowRef } from './workflow-ref';

/** Properties of {@link ManifestFunction}. */
export interface ManifestFunctionProps {
  /** The manifest's name of the function, used to find its bundle. */
  readonly name: string;
  /** The manifest's description of the function. */
  readonly spec: FunctionSpec;
  /** Folder holding one `<name>/index.js` bundle per function, as `npm run build` makes them. */
  readonly bundlesDir: string;
  /**
   * How long the function's logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

/** A manifest function whose environment and permissions are granted together. */
export class ManifestFunction extends Construct {
  /** The Lambda function. */
  public readonly function: lambda.Function;
  /** The function's execution role; every grant lands here. */
  public readonly role: iam.Role;
  /** The environment set so far. */
  private readonly granted: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: ManifestFunctionProps) {
    super(scope, id);
    const bundle = join(props.bundlesDir, props.name);
    if (!existsSync(join(bundle, 'index.js'))) {
      throw new Error(`bundle of function ${props.name} not found at ${bundle}/index.js; run npm run build`);
    }
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole, which may write to any log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the Retorno function ${props.name}.`,
    });
    logGroup.grantWrite(this.role);

    const limits = functionLimits(props.spec);
    this.function = new lambda.Function(this, 'Function', {
      description: props.spec.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(bundle),
      handler: 'index.handler',
      timeout: Duration.seconds(limits.timeoutSeconds),
      memorySize: limits.memoryMb,
      role: this.role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      // No --enable-source-maps: Node would read and parse each bundle's map at cold start (about
      // 8 ms for a small handler, more for a large one, bench/cold-start.ts). The maps ship beside
      // the bundles, and error names survive minification (keepNames in scripts/build.ts), so a
      // stack trace can still be read against the map when one is needed.
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is pinned on purpose: scripts/build.ts targets it and the local cloud runs the same bundles on Node 20/22; moving to a newer runtime is one change made with the local cloud.',
    });
    for (const [key, value] of Object.entries(props.spec.environment ?? {})) this.setEnv(key, value);
  }

  /** The variables this function was given for its resources and settings. */
  public get environment(): Readonly<Record<string, string>> {
    return { ...this.granted };
  }

  /** Gives the function `TABLE_<NAME>` and read or read/write access to the table's data. */
  public useTable(name: string, table: dynamodb.ITable, access: TableAccess): void {
    this.setEnv(tableEnvVar(name), table.tableName);
    if (access === 'read') table.grantReadData(this.role);
    else table.grantReadWriteData(this.role);
  }

  /** Gives the function `STATE_MACHINE_<NAME>_ARN` and the state machine calls of `access`. */
  public useStateMachine(name: string, machine: WorkflowRef, access: StateMachineAccess): void {
    this.setEnv(stateMachineEnvVar(name), machine.arn);
    const start: iam.PolicyStatementProps[] = [
      { actions: ['states:StartExecution'], resources: [machine.arn] },
      { actions: ['states:DescribeExecution'], resources: [machine.executionsArn] },
    ];
    // Task tokens are answered on behalf of the machine that issued them.
    const callback: iam.PolicyStatementProps[] = [
      {
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        resources: [machine.arn],
      },
    ];
    const statements: Record<StateMachineAccess, iam.PolicyStatementProps[]> = {
      start,
      callback,
      drive: [...start, ...callback],
      read: [
        { actions: ['states:ListExecutions'], resources: [machine.arn] },
        {
          actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
          resources: [machine.executionsArn],
        },
      ],
    };
    for (const statement of statements[access]) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement(statement));
    }
  }

  /**
   * Gives the function `EMAIL_FROM`, `EMAIL_CONFIGURATION_SET`, `EMAIL_DIRECTORY` and
   * `WEB_APP_URL`, and leave to send email from that address only, with that configuration set.
   */
  public useEmail(email: EmailSettings): void {
    const { sender } = email;
    this.setEnv('EMAIL_FROM', sender.from);
    this.setEnv('EMAIL_CONFIGURATION_SET', sender.configurationSetName);
    this.setEnv('EMAIL_DIRECTORY', email.directory);
    this.setEnv('WEB_APP_URL', email.webAppUrl);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [sender.identityArn, sender.configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': sender.from } },
      }),
    );
  }

  /**
   * Gives the function `TRAVEL_PROVIDER_URL`. The provider is outside AWS (an HTTPS endpoint), so
   * there is no IAM grant to pair it with; its credentials, when it needs some, belong in Secrets
   * Manager with a grant here.
   */
  public useTravelProvider(url: string): void {
    this.setEnv('TRAVEL_PROVIDER_URL', url);
  }

  /**
   * Gives the function `POWERTOOLS_METRICS_NAMESPACE`. Its metrics are embedded-metric lines in
   * its own log group, which it may already write, so there is no grant to pair it with.
   */
  public useMetrics(namespace: string): void {
    this.setEnv('POWERTOOLS_METRICS_NAMESPACE', namespace);
  }

  private setEnv(key: string, value: string): void {
    if (key in this.granted) throw new Error(`environment variable ${key} is set twice; check the manifest`);
    this.granted[key] = value;
    this.function.addEnvironment(key, value);
  }
}
