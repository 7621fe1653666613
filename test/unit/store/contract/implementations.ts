/**
 * Every implementation of the store ports, for the contract suites beside this file: the same
 * cases run against the in-memory stores and against the adapters on the real protocols
 * (DynamoDB on dynalite, S3 on s3rver), so the two cannot drift.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { DynamoDbAccessKeyStore } from '../../../../layers/core/store/dynamodb/access-key-store';
import { DynamoDbDatasetRecordStore } from '../../../../layers/core/store/dynamodb/dataset-record-store';
import { DynamoDbEventStore } from '../../../../layers/core/store/dynamodb/event-store';
import { DynamoDbMetadataStore } from '../../../../layers/core/store/dynamodb/metadata-store';
import { DynamoDbTrackingIdStore } from '../../../../layers/core/store/dynamodb/tracking-id-store';
import { MemoryAccessKeyStore } from '../../../../layers/core/store/memory/access-key-store';
import { MemoryDatasetRecordStore } from '../../../../layers/core/store/memory/dataset-record-store';
import { MemoryEventStore } from '../../../../layers/core/store/memory/event-store';
import { MemoryMetadataStore } from '../../../../layers/core/store/memory/metadata-store';
import { MemoryObjectStore } from '../../../../layers/core/store/memory/object-store';
import { MemoryTrackingIdStore } from '../../../../layers/core/store/memory/tracking-id-store';
import type { AccessKeyStore } from '../../../../layers/core/store/access-key-ports';
import type {
  DatasetRecordStore,
  EventStore,
  TrackingIdStore,
} from '../../../../layers/core/store/event-ports';
import type { ObjectStore } from '../../../../layers/core/store/object-ports';
import type { MetadataStore } from '../../../../layers/core/store/ports';
import { S3ObjectStore } from '../../../../layers/core/store/s3/object-store';
import { localSealer } from '../../../../layers/core/store/secret-sealer';
import {
  ACCESS_KEYS_TABLE,
  DATASET_RECORDS_TABLE,
  EVENTS_TABLE,
  METADATA_TABLE,
  tableName,
} from '../../../../layers/core/store/tables';
import { startDynamoDb, startS3, STORE_CREDENTIALS } from '../../../helpers/local-stores';

const REGION = 'us-east-1';
const PREFIX = 'contract';

/** The buckets every object store starts with; the cases make no others. */
export const BUCKETS = ['contract-a', 'contract-b'];

export interface Stores {
  metadata: MetadataStore;
  events: EventStore;
  datasetRecords: DatasetRecordStore;
  trackingIds: TrackingIdStore;
  objects: ObjectStore;
  accessKeys: AccessKeyStore;
}

interface Started {
  stores: Stores;
  stop(): Promise<void>;
}

const IMPLEMENTATIONS: Record<string, () => Promise<Started>> = {
  'in memory': async () => ({
    stores: {
      metadata: new MemoryMetadataStore(),
      events: new MemoryEventStore(),
      datasetRecords: new MemoryDatasetRecordStore(),
      trackingIds: new MemoryTrackingIdStore(),
      objects: new MemoryObjectStore(BUCKETS),
      accessKeys: new MemoryAccessKeyStore(),
    },
    stop: async () => undefined,
  }),
  'on DynamoDB (dynalite) and S3 (s3rver)': async () => {
    const [dynamo, s3] = await Promise.all([startDynamoDb(PREFIX, REGION), startS3(BUCKETS)]);
    const dynamodb = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: REGION,
      credentials: STORE_CREDENTIALS,
    });
    const s3Client = new S3Client({
      endpoint: s3.endpoint,
      region: REGION,
      credentials: STORE_CREDENTIALS,
      forcePathStyle: true,
    });
    const table = (definition: typeof METADATA_TABLE) => tableName(PREFIX, definition);
    return {
      stores: {
        metadata: new DynamoDbMetadataStore(dynamodb, table(METADATA_TABLE)),
        events: new DynamoDbEventStore(dynamodb, table(EVENTS_TABLE)),
        datasetRecords: new DynamoDbDatasetRecordStore(dynamodb, table(DATASET_RECORDS_TABLE)),
        trackingIds: new DynamoDbTrackingIdStore(dynamodb, table(METADATA_TABLE)),
        objects: new S3ObjectStore(s3Client),
        accessKeys: new DynamoDbAccessKeyStore(
          dynamodb,
          table(ACCESS_KEYS_TABLE),
          localSealer(randomBytes(32)),
        ),
      },
      async stop() {
        dynamodb.destroy();
        s3Client.destroy();
        await Promise.all([dynamo.stop(), s3.stop()]);
      },
    };
  },
};

/**
 * Declares `cases` once per implementation, each in a describe named after it. The stores live
 * as long as the file's cases, so each case names its own keys (`unique`).
 */
export function eachImplementation(cases: (stores: () => Stores) => void): void {
  describe.each(Object.keys(IMPLEMENTATIONS))('%s', (name) => {
    let started: Started | undefined;
    beforeAll(async () => {
      started = await IMPLEMENTATIONS[name]!();
    });
    afterAll(() => started?.stop());
    cases(() => started!.stores);
  });
}

let names = 0;

/** A name no other case uses: the stores are shared by a file's cases. */
export const unique = (prefix: string): string => `${prefix}-${++names}`;
