/**
 * The state machines of the manifest, from the same Amazon States Language files in workflows/
 * that the local runtime executes. `${Fn<Name>}` placeholders become function ARNs through
 * definition substitutions; each machine may invoke exactly the functions it lists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { definitionSubstitutions } from '../../shared/manifest-names';
import type { Manifest } from '../../shared/manifest-types';
import type { WorkflowRef } from './workflow-ref';

/** Properties of {@link ManifestWorkflows}. */
export interface ManifestWorkflowsProps {
  /** The manifest (its state machines and their functions). */
  readonly manifest: Manifest;
  /** Folder the manifest's definition paths are relative to (the repository root). */
  readonly sourceRoot: string;
  /** The function of a manifest function name. */
  readonly handler: (name: string) => lambda.IFunction;
  /** The name and ARNs each machine must have (functions already refer to them). */
  readonly workflow: (name: string) => WorkflowRef;
  /**
   * How long execution logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

/** All manifest state machines; there may be none. */
export class ManifestWorkflows extends Construct {
  private readonly byName = new Map<string, sfn.StateMachine>();

  constructor(scope: Construct, id: string, props: ManifestWorkflowsProps) {
    super(scope, id);
    for (const [name, spec] of Object.entries(props.manifest.stateMachines)) {
      const file = join(props.sourceRoot, spec.definition);
      if (!existsSync(file)) {
        throw new Error(
          `state machine ${name}: definition ${spec.definition} not found; create it or fix the manifest`,
        );
      }
      const substitutions = definitionSubstitutions(
        props.manifest,
        name,
        (fn) => props.handler(fn).functionArn,
      );
      // An unknown placeholder would reach AWS verbatim and fail the deployment much later.
      const text = readFileSync(file, 'utf8');
      const placeholders = [...text.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]);
      const unknown = placeholders.filter((key) => key !== undefined && !(key in substitutions));
      if (unknown.length > 0) {
        throw new Error(
          `state machine ${name}: ${spec.definition} uses ${unknown.map((key) => `\${${key}}`).join(', ')}; list those functions in the manifest's stateMachines.${name}.functions`,
        );
      }

      const ref = props.workflow(name);
      const logGroup = new logs.LogGroup(this, `${name}Logs`, {
        // The vendedlogs prefix keeps the account's log resource policy small.
        logGroupName: `/aws/vendedlogs/states/${ref.name}`,
        retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const machine = new sfn.StateMachine(this, name, {
        stateMachineName: ref.name,
        comment: spec.description,
        // Inline rather than an S3 asset, so that a definition change shows in `cdk diff`.
        definitionBody: sfn.DefinitionBody.fromString(text),
        definitionSubstitutions: substitutions,
        // Executions carry case ids only, but error causes could quote personal data: keep
        // execution data out of the logs.
        logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
        tracingEnabled: true,
      });
      for (const fn of spec.functions) props.handler(fn).grantInvoke(machine);
      this.byName.set(name, machine);
    }
  }

  /** The state machine of a manifest name; throws when the manifest has no such machine. */
  public get(name: string): sfn.StateMachine {
    const machine = this.byName.get(name);
    if (!machine)
      throw new Error(`unknown state machine ${name}; add it to shared/manifest.ts stateMachines`);
    return machine;
  }

  /** All state machines, by manifest name. */
  public all(): ReadonlyMap<string, sfn.StateMachine> {
    return this.byName;
  }
}
