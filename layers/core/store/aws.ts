/** Builds the operations' Context on DynamoDB (and S3): the same wiring for Lambda and local. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context } from '../api/context';
import type { JobEvents } from '../jobs/job-events';
import type { JobLauncher } from '../jobs/ports';
import type { Place } from '../resources/arn';
import { DynamoDbDatasetRecordStore } from './dynamodb/dataset-record-store';
import { DynamoDbEventStore } from './dynamodb/event-store';
import { DynamoDbMetadataStore } from './dynamodb/metadata-store';
import { DynamoDbTrackingIdStore } from './dynamodb/tracking-id-store';
import { S3ObjectStore } from './s3/object-store';
import { DATASET_RECORDS_TABLE, EVENTS_TABLE, METADATA_TABLE, tableName } from './tables';

export interface AwsContextConfig {
  place: Place;
  /** Prefix of every table and bucket name of this deployment. */
  prefix: string;
  tokenKey: string;
  dynamodb: DynamoDBClient;
  s3: S3Client;
  /**
   * The S3 client that acts as a caller's role, for the jobs that reach the caller's buckets;
   * without it, every bucket is reached with `s3`.
   */
  s3As?: (roleArn: string) => S3Client;
  dataBucket: string;
  jobs: JobLauncher;
  jobEvents: JobEvents;
}

export function createAwsContext(config: AwsContextConfig): Context {
  const objects = new S3ObjectStore(config.s3);
  // One store per role: its client keeps the role's credentials and refreshes them.
  const asRole = new Map<string, S3ObjectStore>();
  return {
    place: config.place,
    tokenKey: config.tokenKey,
    metadata: new DynamoDbMetadataStore(config.dynamodb, tableName(config.prefix, METADATA_TABLE)),
    events: new DynamoDbEventStore(config.dynamodb, tableName(config.prefix, EVENTS_TABLE)),
    datasetRecords: new DynamoDbDatasetRecordStore(
      config.dynamodb,
      tableName(config.prefix, DATASET_RECORDS_TABLE),
    ),
    trackingIds: new DynamoDbTrackingIdStore(
      config.dynamodb,
      tableName(config.prefix, METADATA_TABLE),
    ),
    objects,
    userObjects: (roleArn) => {
      if (!roleArn || !config.s3As) return objects;
      let store = asRole.get(roleArn);
      if (!store) asRole.set(roleArn, (store = new S3ObjectStore(config.s3As(roleArn))));
      return store;
    },
    dataBucket: config.dataBucket,
    jobs: config.jobs,
    jobEvents: config.jobEvents,
    now: () => Date.now(),
  };
}
