import { Match } from 'aws-cdk-lib/assertions';
import { manifest } from '../../shared/manifest';
import type { TableSpec } from '../../shared/manifest-types';
import { ensureBuilt, type Synthesized, synthRetorno } from './support/synth';

let synth: Synthesized;

beforeAll(async () => {
  await ensureBuilt();
  synth = synthRetorno();
});

const tables = Object.entries(manifest.tables) as [string, TableSpec][];
const tableResource = (name: string) =>
  synth.template.toJSON().Resources[synth.logicalId(synth.stack.tables.table(name))] as {
    Properties: Record<string, unknown>;
    DeletionPolicy?: string;
  };

describe('the manifest tables on AWS', () => {
  it('creates exactly one table per manifest table', () => {
    synth.template.resourceCountIs('AWS::DynamoDB::Table', tables.length);
  });

  it.each(tables)(
    '%s has the manifest keys, indexes (projection ALL) and TTL, on demand with PITR',
    (name, spec) => {
      const { Properties } = tableResource(name);
      const keySchema = [
        { AttributeName: spec.partitionKey.name, KeyType: 'HASH' },
        ...(spec.sortKey ? [{ AttributeName: spec.sortKey.name, KeyType: 'RANGE' }] : []),
      ];
      expect(Properties.KeySchema).toEqual(keySchema);
      expect(Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      const indexes = (Properties.GlobalSecondaryIndexes ?? []) as Record<string, unknown>[];
      expect(indexes).toEqual(
        (spec.indexes ?? []).map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      );
      if (spec.ttlAttribute) {
        expect(Properties.TimeToLiveSpecification).toEqual({
          AttributeName: spec.ttlAttribute,
          Enabled: true,
        });
      } else {
        expect(Properties.TimeToLiveSpecification).toBeUndefined();
      }
    },
  );

  it('encrypts the personal-data table with a rotating customer-managed key and retains it', () => {
    const personal = tables.filter(([, spec]) => spec.personalData);
    expect(personal).toHaveLength(1);
    const [name] = personal[0]!;
    const table = tableResource(name);
    const keyId = synth.logicalId(synth.stack.tables.personalDataKey!);
    expect(table.Properties.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    synth.template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
    });
  });

  it.each(['audit', 'funds'])('keeps the %s table when the stack is deleted', (name) => {
    const table = tableResource(name);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
  });

  it('uses the customer-managed key only for personal data', () => {
    const encrypted = synth.template.findResources('AWS::DynamoDB::Table', {
      Properties: { SSESpecification: Match.objectLike({ SSEType: 'KMS' }) },
    });
    expect(Object.keys(encrypted)).toEqual([synth.logicalId(synth.stack.tables.table('cases'))]);
  });
});
