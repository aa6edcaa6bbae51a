/**
 * The DynamoDB tables of the manifest, built exactly as the local cloud builds them: same keys,
 * same global secondary indexes (projection ALL), same TTL attribute.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { KeySpec, TableSpec } from '../../shared/manifest-types';

/** Properties of {@link ManifestTables}. */
export interface ManifestTablesProps {
  /** The manifest's tables, by logical name. */
  readonly tables: Readonly<Record<string, TableSpec>>;
  /**
   * Tables kept (RETAIN, deletion protection) when the stack or the resource goes away, besides
   * the personal-data table, which is always kept.
   * @default none
   */
  readonly retainedTables?: readonly string[];
  /** Deployment stage, used in the key alias. */
  readonly stage: string;
}

const attribute = (key: KeySpec): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'N' ? dynamodb.AttributeType.NUMBER : dynamodb.AttributeType.STRING,
});

/** One DynamoDB table per manifest table; the personal-data table gets its own KMS key. */
export class ManifestTables extends Construct {
  /** The customer-managed key of the personal-data table, if the manifest has one. */
  public readonly personalDataKey?: kms.Key;
  private readonly byName = new Map<string, dynamodb.Table>();

  constructor(scope: Construct, id: string, props: ManifestTablesProps) {
    super(scope, id);
    const retained = new Set(props.retainedTables ?? []);
    for (const name of retained) {
      if (!props.tables[name])
        throw new Error(`retained table ${name} is not in the manifest; fix retainedTables`);
    }
    const personal = Object.entries(props.tables).filter(([, spec]) => spec.personalData);
    if (personal.length > 1) {
      // The design keeps personal data in one table so that one key and one audit trail cover it.
      throw new Error(
        `only one table may hold personal data, found ${personal.map(([name]) => name).join(', ')}`,
      );
    }
    if (personal.length === 1) {
      this.personalDataKey = new kms.Key(this, 'PersonalDataKey', {
        description: 'Encrypts the Retorno table that holds personal data of migrants.',
        alias: `alias/retorno-${props.stage}-personal-data`,
        enableKeyRotation: true,
        // Losing the key would make every retained backup of the table unreadable.
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }

    for (const [name, spec] of Object.entries(props.tables)) {
      const keep = spec.personalData === true || retained.has(name);
      const table = new dynamodb.Table(this, name, {
        partitionKey: attribute(spec.partitionKey),
        ...(spec.sortKey ? { sortKey: attribute(spec.sortKey) } : {}),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        ...(spec.ttlAttribute ? { timeToLiveAttribute: spec.ttlAttribute } : {}),
        ...(spec.personalData && this.personalDataKey
          ? { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: this.personalDataKey }
          : {}),
        deletionProtection: keep,
        removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      for (const index of spec.indexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
          projectionType: dynamodb.ProjectionType.ALL,
        });
      }
      this.byName.set(name, table);
    }
  }

  /** The table of a manifest name; throws when the manifest has no such table. */
  public table(name: string): dynamodb.Table {
    const table = this.byName.get(name);
    if (!table) throw new Error(`unknown table ${name}; add it to shared/manifest.ts tables`);
    return table;
  }
}
