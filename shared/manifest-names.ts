/**
 * Rules that both clouds apply to the manifest: which environment variable carries a table or
 * state machine, which definition substitution stands for a function's ARN, and the limits a
 * function gets when its spec sets none.
 */
import type { FunctionSpec, Manifest } from './manifest-types';

function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** `cases` → `TABLE_CASES`. */
export const tableEnvVar = (table: string): string => `TABLE_${upperSnake(table)}`;

/** `caseWorkflow` → `STATE_MACHINE_CASE_WORKFLOW_ARN`. */
export const stateMachineEnvVar = (machine: string): string => `STATE_MACHINE_${upperSnake(machine)}_ARN`;

/** `checkEligibility` → `FnCheckEligibility`, used as `${FnCheckEligibility}` in workflows/. */
export const functionSubstitutionKey = (fn: string): string => `Fn${pascal(fn)}`;

/** Local physical names: `retorno-cases`, `retorno-check-eligibility`. */
export const localResourceName = (prefix: string, logical: string): string =>
  `${prefix}-${logical.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;

/** Physical names and ARNs of one deployment, however the cloud assigns them. */
export interface ResourceNames {
  tableName(table: string): string;
  stateMachineArn(machine: string): string;
  emailFrom: string;
  /** The SES configuration set every email is sent with (its events mark emails sent). */
  emailConfigurationSet: string;
  /** Base URL of the travel provider the functions with `travel: true` call. */
  travelProviderUrl: string;
  /** The email directory as `EMAIL_DIRECTORY` carries it (encodeEmailDirectory). */
  emailDirectory: string;
  /** The web app's address, the base of the links in emails. */
  webAppUrl: string;
  /** The CloudWatch namespace of the operators' metrics (shared/operations-metrics.ts). */
  metricsNamespace: string;
}

/**
 * The environment one function gets: exactly the variables for the resources the manifest
 * grants it, and nothing else. Both clouds call this, so a function cannot see more locally.
 */
export function functionEnvironment(spec: FunctionSpec, names: ResourceNames): Record<string, string> {
  const env: Record<string, string> = { ...(spec.environment ?? {}) };
  for (const table of Object.keys(spec.tables ?? {})) env[tableEnvVar(table)] = names.tableName(table);
  for (const machine of Object.keys(spec.stateMachines ?? {}))
    env[stateMachineEnvVar(machine)] = names.stateMachineArn(machine);
  if (spec.sendsEmail) {
    env.EMAIL_FROM = names.emailFrom;
    env.EMAIL_CONFIGURATION_SET = names.emailConfigurationSet;
    env.EMAIL_DIRECTORY = names.emailDirectory;
    env.WEB_APP_URL = names.webAppUrl;
  }
  if (spec.travel) env.TRAVEL_PROVIDER_URL = names.travelProviderUrl;
  if (spec.metrics) env.POWERTOOLS_METRICS_NAMESPACE = names.metricsNamespace;
  return env;
}

/** A function's limits when its spec sets none (FunctionSpec's defaults). */
const FUNCTION_DEFAULTS = { timeoutSeconds: 10, memoryMb: 512 } as const;

/** The timeout and memory one function runs with: its spec's, or FUNCTION_DEFAULTS. */
export function functionLimits(spec: FunctionSpec): {
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
} {
  return {
    timeoutSeconds: spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds,
    memoryMb: spec.memoryMb ?? FUNCTION_DEFAULTS.memoryMb,
  };
}

/** The definition substitutions of a state machine: `${FnName}` → that function's ARN. */
export function definitionSubstitutions(
  manifest: Manifest,
  machine: string,
  functionArn: (fn: string) => string,
): Record<string, string> {
  const spec = manifest.stateMachines[machine];
  if (!spec) throw new Error(`unknown state machine ${machine}`);
  return Object.fromEntries(spec.functions.map((fn) => [functionSubstitutionKey(fn), functionArn(fn)]));
}
