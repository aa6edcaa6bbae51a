import type { Role } from './roles';

/** DynamoDB attribute types usable in keys. */
export type KeyType = 'S' | 'N';

export interface KeySpec {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: KeySpec;
  readonly sortKey?: KeySpec;
}

/** A DynamoDB table: keys, global secondary indexes (all projected ALL) and TTL. */
export interface TableSpec {
  readonly description: string;
  readonly partitionKey: KeySpec;
  readonly sortKey?: KeySpec;
  /** @default none */
  readonly indexes?: readonly IndexSpec[];
  /** @default no TTL */
  readonly ttlAttribute?: string;
  /** True for the table that holds personal data: encrypted with a customer key, PITR, retained. */
  readonly personalData?: boolean;
}

export type TableAccess = 'read' | 'readwrite';
/**
 * start: StartExecution/Describe; callback: SendTask*; drive: both (the reconciler, which starts
 * stranded executions and re-sends decisions); read: Describe/List/History only.
 */
export type StateMachineAccess = 'start' | 'callback' | 'drive' | 'read';

/** A Lambda function: its entry, its limits, and exactly the resources it may use. */
export interface FunctionSpec<TableName extends string = string, MachineName extends string = string> {
  /** Source file relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  /** @default 10 (functionLimits in shared/manifest-names.ts) */
  readonly timeoutSeconds?: number;
  /** @default 512 (functionLimits in shared/manifest-names.ts) */
  readonly memoryMb?: number;
  /** Tables the function uses; each becomes `TABLE_<NAME>` in its environment and a grant. @default none */
  readonly tables?: Readonly<Partial<Record<TableName, TableAccess>>>;
  /** State machines the function uses; each becomes `STATE_MACHINE_<NAME>_ARN` and a grant. @default none */
  readonly stateMachines?: Readonly<Partial<Record<MachineName, StateMachineAccess>>>;
  /**
   * The function sends email through SES: gets `EMAIL_FROM`, `EMAIL_DIRECTORY` (who to email),
   * `WEB_APP_URL` (the links' base) and an SES grant. @default false
   */
  readonly sendsEmail?: boolean;
  /**
   * The function receives SES's send events (Send, Delivery, Bounce, Complaint) of the
   * configuration set emails are sent with: on AWS by an EventBridge rule on the default bus;
   * locally from local/ses-events.ts, in the same shape. @default false
   */
  readonly emailEvents?: boolean;
  /**
   * The function books or cancels travel: gets `TRAVEL_PROVIDER_URL` (locally the simulated
   * provider, on AWS the `travelProviderUrl` context). @default false
   */
  readonly travel?: boolean;
  /**
   * The function publishes the operators' metrics (shared/operations-metrics.ts) as CloudWatch
   * embedded metric format log lines: gets `POWERTOOLS_METRICS_NAMESPACE`, its deployment's
   * namespace, which the alarms watch (infra/constructs/operations-alarms.ts). @default false
   */
  readonly metrics?: boolean;
  /** Extra plain settings. @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Run on a schedule with an empty event: on AWS by EventBridge Scheduler at this rate; locally
   * by the local cloud's timer (every RETORNO_SCHEDULE_SECONDS, so a demo need not wait). @default not scheduled
   */
  readonly schedule?: { readonly everyMinutes: number };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An HTTP route of the API. `auth: 'public'` needs no token; otherwise the roles allowed. */
export interface RouteSpec<FunctionName extends string = string> {
  readonly method: HttpMethod;
  /** API Gateway route path, with `{param}` segments. */
  readonly path: string;
  readonly function: FunctionName;
  readonly auth: 'public' | readonly Role[];
}

export interface StateMachineSpec<FunctionName extends string = string> {
  readonly description: string;
  /** Amazon States Language file relative to the repository root. */
  readonly definition: string;
  /** Functions its Task states invoke; each is a definition substitution `${Fn<PascalName>}`. */
  readonly functions: readonly FunctionName[];
}

export interface Manifest<
  TableName extends string = string,
  FunctionName extends string = string,
  MachineName extends string = string,
> {
  readonly tables: Readonly<Record<TableName, TableSpec>>;
  readonly functions: Readonly<Record<FunctionName, FunctionSpec<TableName, MachineName>>>;
  readonly routes: readonly RouteSpec<FunctionName>[];
  readonly stateMachines: Readonly<Record<MachineName, StateMachineSpec<FunctionName>>>;
}
