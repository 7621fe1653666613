/**
 * Tailor's DynamoDB tables and S3 buckets, built from the same plain definitions
 * the local service uses (layers/core/store), so keys and indexes cannot drift.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  Table,
  TableEncryption,
  type Attribute,
  type GlobalSecondaryIndexProps,
  type TableProps,
} from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKETS, DATA_BUCKET } from '../layers/core/store/buckets';
import {
  tableName,
  TABLES,
  type KeyDefinition,
  type KeyType,
  type TableDefinition,
} from '../layers/core/store/tables';

export interface StoresProps {
  /** Prefix of every table name. */
  readonly prefix: string;
  readonly removalPolicy: RemovalPolicy;
}

export class Stores extends Construct {
  /** One table per entry of TABLES, by definition id. */
  readonly tables: Readonly<Record<string, Table>>;
  readonly dataBucket: Bucket;

  constructor(scope: Construct, id: string, props: StoresProps) {
    super(scope, id);
    this.tables = Object.fromEntries(
      TABLES.map((definition) => {
        const { table, indexes } = tableProps(definition, props);
        const created = new Table(this, definition.id, table);
        indexes.forEach((index) => created.addGlobalSecondaryIndex(index));
        return [definition.id, created];
      }),
    );
    const buckets: Record<string, Bucket> = Object.fromEntries(
      BUCKETS.map((definition) => [
        definition.id,
        // No bucketName: S3 names are global, so a prefix unique in one account may be taken.
        new Bucket(this, definition.id, {
          encryption: BucketEncryption.S3_MANAGED,
          blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
          enforceSSL: true,
          removalPolicy: props.removalPolicy,
        }),
      ]),
    );
    this.dataBucket = buckets[DATA_BUCKET.id];
  }
}

const ATTRIBUTE_TYPES: Record<KeyType, AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
};

const attribute = (key: KeyDefinition): Attribute => ({
  name: key.name,
  type: ATTRIBUTE_TYPES[key.type],
});

/** On demand with every attribute projected, as createTableInput builds the local tables. */
function tableProps(
  definition: TableDefinition,
  props: StoresProps,
): { table: TableProps; indexes: GlobalSecondaryIndexProps[] } {
  return {
    table: {
      tableName: tableName(props.prefix, definition),
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: props.removalPolicy,
    },
    indexes: definition.indexes.map((index) => ({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey),
    })),
  };
}
