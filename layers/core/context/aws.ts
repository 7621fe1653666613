/** Builds the operations' Context on DynamoDB (and S3): the same wiring for Lambda and local. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context } from './context';
import type { JobEvents } from '../store/job-events';
import type { JobLauncher } from '../store/job-ports';
import type { Quotas } from '../domain/quotas';
import type { Place } from '../domain/arn';
import { DynamoDbDatasetRecordStore } from '../store/dynamodb/dataset-record-store';
import { DynamoDbEventStore } from '../store/dynamodb/event-store';
import { DynamoDbMetadataStore } from '../store/dynamodb/metadata-store';
import { DynamoDbTrackingIdStore } from '../store/dynamodb/tracking-id-store';
import { S3ObjectStore } from '../store/s3/object-store';
import {
  DATASET_RECORDS_TABLE,
  EVENTS_TABLE,
  METADATA_TABLE,
  type TableNames,
} from '../store/tables';

export interface AwsContextConfig {
  place: Place;
  /** The tables' physical names, by definition id. */
  tables: TableNames;
  tokenKey: string;
  dynamodb: DynamoDBClient;
  s3: S3Client;
  /**
   * The S3 client that acts as a caller's role, in a session tagged with who asked for the job,
   * for the jobs that reach the caller's buckets; without it, every bucket is reached with `s3`.
   */
  s3As?: (roleArn: string, requestedBy: string | undefined) => S3Client;
  dataBucket: string;
  jobs: JobLauncher;
  jobEvents: JobEvents;
  /** Quotas changed from Personalize's defaults. */
  quotas?: Partial<Quotas>;
}

export function createAwsContext(config: AwsContextConfig): Context {
  const table = (id: string): string => {
    const name = config.tables[id];
    if (!name) throw new Error(`No name is configured for the ${id} table.`);
    return name;
  };
  const objects = new S3ObjectStore(config.s3);
  // One store per role and caller: its client keeps the session's credentials and refreshes them.
  const asRole = new Map<string, S3ObjectStore>();
  return {
    place: config.place,
    tokenKey: config.tokenKey,
    metadata: new DynamoDbMetadataStore(config.dynamodb, table(METADATA_TABLE.id)),
    events: new DynamoDbEventStore(config.dynamodb, table(EVENTS_TABLE.id)),
    datasetRecords: new DynamoDbDatasetRecordStore(
      config.dynamodb,
      table(DATASET_RECORDS_TABLE.id),
    ),
    trackingIds: new DynamoDbTrackingIdStore(config.dynamodb, table(METADATA_TABLE.id)),
    objects,
    userObjects: (roleArn, requestedBy) => {
      if (!roleArn || !config.s3As) return objects;
      const key = `${roleArn} ${requestedBy ?? ''}`;
      let store = asRole.get(key);
      if (!store) asRole.set(key, (store = new S3ObjectStore(config.s3As(roleArn, requestedBy))));
      return store;
    },
    dataBucket: config.dataBucket,
    jobs: config.jobs,
    jobEvents: config.jobEvents,
    ...(config.quotas ? { quotas: config.quotas } : {}),
    now: () => Date.now(),
  };
}
