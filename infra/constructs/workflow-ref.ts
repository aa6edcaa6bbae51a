/**
 * How a state machine is referred to before it exists. Functions that start or call back a state
 * machine get its ARN built from its fixed name rather than from the resource, because a machine's
 * definition refers to function ARNs: referring back to the resource would be a dependency cycle.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { localResourceName } from '../../shared/manifest-names';

/** The ARNs one state machine is known by. */
export interface WorkflowRef {
  /** The state machine's name. */
  readonly name: string;
  /** The state machine's ARN. */
  readonly arn: string;
  /** Matches every execution of the state machine (for Describe/History grants). */
  readonly executionsArn: string;
}

/** `retorno-dev-case-workflow` for machine `caseWorkflow` in stage `dev`. */
export const stateMachineName = (stage: string, machine: string): string =>
  localResourceName(`retorno-${stage}`, machine);

/** The ARNs of a manifest state machine in the stack of `scope`. */
export function workflowRef(scope: Construct, stage: string, machine: string): WorkflowRef {
  const stack = Stack.of(scope);
  const name = stateMachineName(stage, machine);
  const arnOf = (resource: string, resourceName: string) =>
    stack.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return { name, arn: arnOf('stateMachine', name), executionsArn: arnOf('execution', `${name}:*`) };
}
