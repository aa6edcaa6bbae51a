/**
 * Amazon Resource Names of state machines and executions, built and read the way AWS spells
 * them, so that ARNs handed out locally can be pasted into the same calls that work on AWS.
 */
import { SfnApiError } from './api-errors';

/** Where the runtime pretends to live. */
export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

/** `arn:aws:states:<region>:<account>:stateMachine:<name>` */
export function stateMachineArn(scope: ArnScope, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

/** `arn:aws:states:<region>:<account>:execution:<machine>:<name>` */
export function executionArn(scope: ArnScope, machineName: string, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:execution:${machineName}:${name}`;
}

const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:([^:]+)$/;
const EXECUTION_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:execution:([^:]+):([^:]+)$/;

/** The name inside a state machine ARN; InvalidArn when it is not one. */
export function parseStateMachineArn(arn: unknown): string {
  const match = typeof arn === 'string' ? STATE_MACHINE_ARN.exec(arn) : null;
  if (!match)
    throw new SfnApiError(
      'InvalidArn',
      `Invalid Arn: 'Resource type not valid in this context: ${String(arn)}'`,
    );
  return match[1]!;
}

/** The machine and execution names inside an execution ARN; InvalidArn when it is not one. */
export function parseExecutionArn(arn: unknown): { machineName: string; name: string } {
  const match = typeof arn === 'string' ? EXECUTION_ARN.exec(arn) : null;
  if (!match)
    throw new SfnApiError(
      'InvalidArn',
      `Invalid Arn: 'Resource type not valid in this context: ${String(arn)}'`,
    );
  return { machineName: match[1]!, name: match[2]! };
}

/**
 * AWS's rule for state machine and execution names: 1 to 80 characters, none of whitespace,
 * brackets `< > { } [ ]`, wildcards `? *`, the special characters `" # % \ ^ | ~ ` $ & , ; : /`
 * or control characters.
 */
export function assertValidName(name: unknown, what: string): string {
  if (typeof name !== 'string' || name.length < 1 || name.length > 80) {
    throw new SfnApiError(
      'InvalidName',
      `Invalid Name: '${String(name)}' (${what} names have 1 to 80 characters)`,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what AWS forbids
  if (/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name)) {
    throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
  }
  return name;
}
