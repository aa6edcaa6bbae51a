/**
 * Every Lambda function of the manifest, wired to exactly the tables, state machines and email
 * sender its manifest entry names, and checked against `functionEnvironment`, the rule the local
 * cloud applies too.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functionEnvironment } from '../../shared/manifest-names';
import type { FunctionSpec, StateMachineAccess, TableAccess } from '../../shared/manifest-types';
import type { EmailSettings } from './email-sender';
import { ManifestFunction } from './manifest-function';
import type { WorkflowRef } from './workflow-ref';

/** Properties of {@link ManifestFunctions}. */
export interface ManifestFunctionsProps {
  /** The manifest's functions, by logical name. */
  readonly functions: Readonly<Record<string, FunctionSpec>>;
  /** Folder holding one `<name>/index.js` bundle per function. */
  readonly bundlesDir: string;
  /** The table of a manifest table name. */
  readonly table: (name: string) => dynamodb.ITable;
  /** The ARNs of a manifest state machine. */
  readonly workflow: (name: string) => WorkflowRef;
  /**
   * The sender, directory and web app address of email; needed only when some function sends email.
   * @default none: a manifest function that sends email is refused
   */
  readonly email?: EmailSettings;
  /**
   * Base URL of the travel provider the functions with `travel: true` call.
   * @default 'https://travel-provider.example.org', a placeholder: deploy with `-c travelProviderUrl=...`
   */
  readonly travelProviderUrl?: string;
  /** The CloudWatch namespace of the operators' metrics, for the functions with `metrics: true`. */
  readonly metricsNamespace: string;
  /**
   * How long function logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

/** Where functions that book travel call when no provider is configured: a placeholder that answers nothing. */
export const DEFAULT_TRAVEL_PROVIDER_URL = 'https://travel-provider.example.org';

/** All manifest functions, each a {@link ManifestFunction} with the construct id of its name. */
export class ManifestFunctions extends Construct {
  private readonly byName = new Map<string, ManifestFunction>();

  constructor(scope: Construct, id: string, props: ManifestFunctionsProps) {
    super(scope, id);
    const travelProviderUrl = props.travelProviderUrl ?? DEFAULT_TRAVEL_PROVIDER_URL;
    for (const [name, spec] of Object.entries(props.functions)) {
      const fn = new ManifestFunction(this, name, {
        name,
        spec,
        bundlesDir: props.bundlesDir,
        ...(props.logRetention ? { logRetention: props.logRetention } : {}),
      });
      const tables = Object.entries(spec.tables ?? {}) as [string, TableAccess][];
      for (const [table, access] of tables) fn.useTable(table, props.table(table), access);
      const machines = Object.entries(spec.stateMachines ?? {}) as [string, StateMachineAccess][];
      for (const [machine, access] of machines) fn.useStateMachine(machine, props.workflow(machine), access);
      if (spec.sendsEmail) {
        if (!props.email)
          throw new Error(`function ${name} sends email: give ManifestFunctions its email settings`);
        fn.useEmail(props.email);
      }
      if (spec.travel) fn.useTravelProvider(travelProviderUrl);
      if (spec.metrics) fn.useMetrics(props.metricsNamespace);

      // The local cloud gives each function functionEnvironment(spec); AWS must give the same.
      const expected = functionEnvironment(spec, {
        tableName: (table) => props.table(table).tableName,
        stateMachineArn: (machine) => props.workflow(machine).arn,
        emailFrom: props.email?.sender.from ?? '',
        emailConfigurationSet: props.email?.sender.configurationSetName ?? '',
        emailDirectory: props.email?.directory ?? '',
        webAppUrl: props.email?.webAppUrl ?? '',
        travelProviderUrl,
        metricsNamespace: props.metricsNamespace,
      });
      const actual = fn.environment;
      const same =
        Object.keys(expected).length === Object.keys(actual).length &&
        Object.entries(expected).every(([key, value]) => actual[key] === value);
      if (!same) {
        throw new Error(
          `function ${name}: environment ${JSON.stringify(Object.keys(actual))} differs from functionEnvironment ${JSON.stringify(Object.keys(expected))}; wire it with ManifestFunction.use*`,
        );
      }
      this.byName.set(name, fn);
    }
  }

  /** The function of a manifest name; throws when the manifest has no such function. */
  public get(name: string): ManifestFunction {
    const fn = this.byName.get(name);
    if (!fn) throw new Error(`unknown function ${name}; add it to shared/manifest.ts functions`);
    return fn;
  }

  /** All functions, by manifest name. */
  public all(): ReadonlyMap<string, ManifestFunction> {
    return this.byName;
  }
}
