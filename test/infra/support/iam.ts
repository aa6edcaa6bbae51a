/**
 * Reads IAM grants out of a synthesized template: which actions a role may perform on what.
 */
import type { Template } from 'aws-cdk-lib/assertions';

/** One Allow statement, with actions and resources as arrays. */
export interface Grant {
  readonly actions: string[];
  readonly resources: unknown[];
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every Allow statement of every policy attached to the role with this logical id. */
export function grantsOfRole(template: Template, roleLogicalId: string): Grant[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) =>
      asArray(policy.Properties.Roles as unknown[]).some(
        (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }),
      ),
    )
    .flatMap((policy) => asArray(policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]))
    .filter((statement) => statement.Effect === 'Allow')
    .map((statement) => ({
      actions: asArray(statement.Action as string | string[]),
      resources: asArray(statement.Resource),
    }));
}

/** The logical ids a resource expression refers to (Ref and Fn::GetAtt, at any depth). */
export function referencedIds(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.Ref === 'string') found.add(record.Ref);
      const getAtt = record['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.add(getAtt[0]);
      Object.values(record).forEach(walk);
    }
  };
  walk(value);
  return [...found].filter((id) => !id.startsWith('AWS::'));
}

/** DynamoDB actions that change data. */
export const DYNAMODB_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** DynamoDB actions the role has on each table (by table logical id). */
export function dynamoGrantsByTable(grants: Grant[], tableIds: readonly string[]): Map<string, Set<string>> {
  const byTable = new Map<string, Set<string>>();
  for (const grant of grants) {
    const dynamo = grant.actions.filter((action) => action.startsWith('dynamodb:'));
    if (dynamo.length === 0) continue;
    for (const id of referencedIds(grant.resources)) {
      if (!tableIds.includes(id)) throw new Error(`dynamodb grant on a non-table resource ${id}`);
      const actions = byTable.get(id) ?? new Set<string>();
      for (const action of dynamo) actions.add(action);
      byTable.set(id, actions);
    }
  }
  return byTable;
}
