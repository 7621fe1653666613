/**
 * Tailor's DynamoDB tables and S3 buckets, built from the same plain definitions
 * the local service uses (layers/core/store), so keys and indexes cannot drift.
 * Access is granted by intent, from the action lists in perms.ts.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  Table,
  TableEncryption,
  type Attribute,
  type GlobalSecondaryIndexProps,
  type TableProps,
} from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKETS, DATA_BUCKET } from '../layers/core/store/buckets';
import {
  ACCESS_KEYS_TABLE,
  DATASET_RECORDS_TABLE,
  EVENTS_TABLE,
  METADATA_TABLE,
  TABLES,
  tableVariable,
  type KeyDefinition,
  type KeyType,
  type TableDefinition,
} from '../layers/core/store/tables';
import {
  ACCESS_KEY_LOOKUP_ACTIONS,
  BUCKET_LIST_ACTIONS,
  OBJECT_DELETE_ACTIONS,
  OBJECT_READ_ACTIONS,
  OBJECT_WRITE_ACTIONS,
  TABLE_PURGE_ACTIONS,
  TABLE_READ_ACTIONS,
  TABLE_UPDATE_ACTIONS,
  TABLE_WRITE_ACTIONS,
} from './perms';
import { acknowledge } from './nag';

export interface StoresProps {
  readonly removalPolicy: RemovalPolicy;
  /** @default - AWS-owned keys (DynamoDB) and S3-managed keys (the bucket) */
  readonly encryptionKey?: IKey;
}

export class Stores extends Construct {
  /** One table per entry of TABLES, by definition id. */
  readonly tables: Readonly<Record<string, Table>>;
  readonly dataBucket: Bucket;
  private readonly encryptionKey: IKey | undefined;

  constructor(scope: Construct, id: string, props: StoresProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey;
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
          ...(props.encryptionKey
            ? {
                encryption: BucketEncryption.KMS,
                encryptionKey: props.encryptionKey,
                // One KMS request per bucket key period instead of one per object.
                bucketKeyEnabled: true,
              }
            : { encryption: BucketEncryption.S3_MANAGED }),
          blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
          enforceSSL: true,
          removalPolicy: props.removalPolicy,
          lifecycleRules: [
            {
              // Jobs write in place, without scratch files; their only leftovers are the parts
              // of a multipart upload cut short by a dying task, billed until aborted.
              id: 'AbortIncompleteUploads',
              abortIncompleteMultipartUploadAfter: Duration.days(1),
            },
          ],
        }),
      ]),
    );
    this.dataBucket = buckets[DATA_BUCKET.id];
    acknowledge(
      this.dataBucket,
      'S1',
      "Only Tailor's own roles reach the bucket; an access-log bucket would be one more to retain, and CloudTrail data events audit objects where needed.",
    );
  }

  /** The control plane: every resource's metadata, read and written. */
  grantManageResources(grantee: IGrantable): void {
    this.tables[METADATA_TABLE.id].grant(grantee, ...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS);
    this.grantKey(grantee, 'write');
  }

  /** The recorder: a job's resource read and its status updated, nothing else. */
  grantRecordJobEnds(grantee: IGrantable): void {
    this.tables[METADATA_TABLE.id].grant(grantee, ...TABLE_READ_ACTIONS, ...TABLE_UPDATE_ACTIONS);
    this.grantKey(grantee, 'write');
  }

  /** Looking resources up (trackers, campaigns, filters), never changing them. */
  grantReadResources(grantee: IGrantable): void {
    this.tables[METADATA_TABLE.id].grant(grantee, ...TABLE_READ_ACTIONS);
    this.grantKey(grantee, 'read');
  }

  /**
   * PutEvents, PutUsers, PutItems: events are written and read (linking a session to
   * a user moves its events), users and items only written.
   */
  grantRecordEvents(grantee: IGrantable): void {
    this.tables[EVENTS_TABLE.id].grant(grantee, ...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS);
    this.tables[DATASET_RECORDS_TABLE.id].grant(grantee, ...TABLE_WRITE_ACTIONS);
    this.grantKey(grantee, 'write');
  }

  /** The runtime's reads: a user's latest events, items' and users' records. */
  grantReadEvents(grantee: IGrantable): void {
    this.tables[EVENTS_TABLE.id].grant(grantee, ...TABLE_READ_ACTIONS);
    this.tables[DATASET_RECORDS_TABLE.id].grant(grantee, ...TABLE_READ_ACTIONS);
    this.grantKey(grantee, 'read');
  }

  /** Models and imported data, read: serving, and the control plane's deployability check. */
  grantReadModels(grantee: IGrantable): void {
    Grant.addToPrincipal({
      grantee,
      actions: [...BUCKET_LIST_ACTIONS],
      resourceArns: [this.dataBucket.bucketArn],
    });
    this.grantObjects(grantee, OBJECT_READ_ACTIONS);
    this.grantKey(grantee, 'read');
  }

  /**
   * DeleteDataset takes the dataset's data with it: its PutUsers and PutItems records, its
   * group's PutEvents events (Interactions), and its folder of imported data, listed and emptied.
   */
  grantDeleteDatasetData(grantee: IGrantable): void {
    for (const definition of [EVENTS_TABLE, DATASET_RECORDS_TABLE]) {
      this.tables[definition.id].grant(grantee, ...TABLE_PURGE_ACTIONS);
    }
    Grant.addToPrincipal({
      grantee,
      actions: [...BUCKET_LIST_ACTIONS],
      resourceArns: [this.dataBucket.bucketArn],
    });
    this.grantObjects(grantee, OBJECT_DELETE_ACTIONS);
    this.grantKey(grantee, 'read');
  }

  /** Jobs: every table read and written, the data bucket read, written and cleaned. */
  grantRunJobs(grantee: IGrantable): void {
    for (const definition of [METADATA_TABLE, EVENTS_TABLE, DATASET_RECORDS_TABLE]) {
      this.tables[definition.id].grant(grantee, ...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS);
    }
    this.grantReadModels(grantee);
    this.grantObjects(grantee, [...OBJECT_WRITE_ACTIONS, ...OBJECT_DELETE_ACTIONS]);
    this.grantKey(grantee, 'write');
  }

  /** The functions' SigV4 check (auth 'sigv4'): a key looked up by its ID, never listed or written. */
  grantLookUpAccessKeys(grantee: IGrantable): void {
    this.tables[ACCESS_KEYS_TABLE.id].grant(grantee, ...ACCESS_KEY_LOOKUP_ACTIONS);
    this.grantKey(grantee, 'read');
  }

  /** Each table's variable (TAILOR_METADATA_TABLE, ...) naming it, for the given tables. */
  environmentOf(definitions: readonly TableDefinition[]): Record<string, string> {
    return Object.fromEntries(
      definitions.map((definition) => [
        tableVariable(definition),
        this.tables[definition.id].tableName,
      ]),
    );
  }

  /**
   * A customer-managed key's use, with the stores' own grants: DynamoDB and S3 decrypt with it
   * on reads and encrypt on writes, on the caller's behalf.
   */
  private grantKey(grantee: IGrantable, use: 'read' | 'write'): void {
    if (!this.encryptionKey) return;
    if (use === 'read') this.encryptionKey.grantDecrypt(grantee);
    else this.encryptionKey.grantEncryptDecrypt(grantee);
  }

  private grantObjects(grantee: IGrantable, actions: readonly string[]): void {
    Grant.addToPrincipal({
      grantee,
      actions: [...actions],
      resourceArns: [this.dataBucket.arnForObjects('*')],
    });
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
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      ...(props.encryptionKey
        ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.encryptionKey }
        : { encryption: TableEncryption.AWS_MANAGED }),
      removalPolicy: props.removalPolicy,
    },
    indexes: definition.indexes.map((index) => ({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey),
    })),
  };
}
