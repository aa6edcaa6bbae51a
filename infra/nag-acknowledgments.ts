/**
 * cdk-nag acknowledgments that depend on the synthesized policies rather than on one construct:
 * wildcard IAM findings. cdk-nag v3 reports every wildcard as its own finding
 * (`AwsSolutions-IAM5[Resource::<Table.Arn>/index/*]`), so this aspect computes the findings with
 * cdk-nag's own rule and acknowledges only those on a short allowlist, each with its reason.
 * Anything else stays a violation, which the infra tests fail on.
 */
import { CfnResource, type IAspect, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** A kind of wildcard finding Retorno accepts, and why. */
interface Allowance {
  readonly finding: RegExp;
  readonly reason: string;
}

const ALLOWANCES: readonly Allowance[] = [
  {
    finding: /^Resource::<[A-Za-z0-9]+\.Arn>\/index\/\*$/,
    reason:
      "Table grants cover the table's own global secondary indexes, which the manifest defines; they are scoped to that one table.",
  },
  {
    finding: /^Action::kms:(ReEncrypt|GenerateDataKey)\*$/,
    reason:
      "DynamoDB uses the personal-data key on the caller's behalf with the ReEncrypt*/GenerateDataKey* families; the grant is scoped to that one key.",
  },
  {
    finding: /^Resource::<[A-Za-z0-9]+\.Arn>:\*$/,
    reason:
      "lambda:InvokeFunction on a listed function's versions and aliases, as the Step Functions Lambda integration needs.",
  },
  {
    finding: /^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:[a-z0-9-]+:\*$/,
    reason:
      'Execution names are not known before an execution starts; the grant is scoped to the executions of one state machine.',
  },
];

/** Actions that support no resource-level permission, so `Resource: *` is their only form. */
const RESOURCELESS_ACTIONS = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
]);

const BUCKET_DEPLOYMENT_REASON =
  'CDK BucketDeployment handler (aws-cdk-lib owns its code, role and runtime): it copies the staged web assets into the web bucket and invalidates the distribution.';

type PolicyDocumentJson = {
  Statement?: { Effect?: string; Action?: string | string[]; Resource?: unknown }[];
};

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** True when every statement granting on `*` grants only actions that cannot be scoped. */
function starOnlyForResourcelessActions(document: PolicyDocumentJson): boolean {
  return asArray(document.Statement).every(
    (statement) =>
      statement.Effect !== 'Allow' ||
      !asArray(statement.Resource).includes('*') ||
      asArray(statement.Action).every((action) => RESOURCELESS_ACTIONS.has(action)),
  );
}

/** Acknowledges the allowlisted wildcard findings, and every finding on CDK's own deploy handler. */
export class NagAcknowledgments implements IAspect {
  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const cdkOwned = node.node.scopes.some((scope) =>
      scope.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (cdkOwned) {
      this.acknowledgeCdkOwned(node);
      return;
    }
    if (!(node instanceof iam.CfnPolicy)) return;
    const findings = rules.iam.IAMNoWildcardPermissions(node);
    if (!Array.isArray(findings)) return;
    const document = Stack.of(node).resolve(node.policyDocument) as PolicyDocumentJson;
    for (const finding of findings as string[]) {
      if (finding === 'Resource::*') {
        if (starOnlyForResourcelessActions(document)) {
          Validations.of(node).acknowledge({
            id: `AwsSolutions-IAM5[${finding}]`,
            reason:
              'X-Ray tracing and Step Functions log delivery actions support no resource-level permissions.',
          });
        }
        continue;
      }
      const allowance = ALLOWANCES.find((candidate) => candidate.finding.test(finding));
      if (allowance)
        Validations.of(node).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: allowance.reason });
    }
  }

  private acknowledgeCdkOwned(node: CfnResource): void {
    if (node instanceof lambda.CfnFunction) {
      Validations.of(node).acknowledge({ id: 'AwsSolutions-L1', reason: BUCKET_DEPLOYMENT_REASON });
    }
    if (node instanceof iam.CfnRole) {
      const managed = rules.iam.IAMNoManagedPolicies(node);
      for (const finding of Array.isArray(managed) ? (managed as string[]) : []) {
        Validations.of(node).acknowledge({
          id: `AwsSolutions-IAM4[${finding}]`,
          reason: BUCKET_DEPLOYMENT_REASON,
        });
      }
    }
    if (node instanceof iam.CfnPolicy || node instanceof iam.CfnRole) {
      const wildcards = rules.iam.IAMNoWildcardPermissions(node);
      for (const finding of Array.isArray(wildcards) ? (wildcards as string[]) : []) {
        Validations.of(node).acknowledge({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason: BUCKET_DEPLOYMENT_REASON,
        });
      }
    }
  }
}
