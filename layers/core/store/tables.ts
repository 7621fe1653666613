/**
 * The DynamoDB tables, as plain data: the CDK stack and the local service both
 * build their tables from these definitions, so keys and indexes cannot drift.
 */
export type KeyType = 'S' | 'N';

export interface KeyDefinition {
  name: string;
  type: KeyType;
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyDefinition;
  sortKey: KeyDefinition;
}

export interface TableDefinition {
  /** Suffix of the physical table name and the CDK construct id: never rename. */
  id: string;
  partitionKey: KeyDefinition;
  sortKey?: KeyDefinition;
  indexes: IndexDefinition[];
}

/** Every control-plane resource, keyed by ARN. */
export const METADATA_TABLE: TableDefinition = {
  id: 'Metadata',
  partitionKey: { name: 'arn', type: 'S' },
  indexes: [
    {
      // All resources of one kind, newest first: ListSchemas, ListDatasetGroups, ...
      name: 'byKind',
      partitionKey: { name: 'kind', type: 'S' },
      sortKey: { name: 'kindOrder', type: 'S' },
    },
    {
      // The children of one resource, by kind then age: ListDatasets(datasetGroupArn),
      // and the deletion rule "no children left".
      name: 'byParent',
      partitionKey: { name: 'parentArn', type: 'S' },
      sortKey: { name: 'parentOrder', type: 'S' },
    },
  ],
};

/**
 * Events recorded by PutEvents. The key serves the runtime, which reads one
 * user's (or anonymous session's) latest events in a single Query:
 * `pk` = `{datasetGroupArn}#USER#{userId}` or `#SESSION#{sessionId}`,
 * `sk` = `{timestamp in ms, 15 digits}#{eventId}`.
 */
export const EVENTS_TABLE: TableDefinition = {
  id: 'Events',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    {
      // Training reads a group's events recorded up to a moment: `recordedShard` =
      // `{datasetGroupArn}#{0..7}` by eventId, so a busy group's writes spread over
      // eight index partitions (one takes ~1,000 writes/s); `recordedOrder` =
      // `{recordedAt ms, 15 digits}#{eventId}`. Sparse: a session event once linked to a
      // user leaves the index, its copy under the user takes its place.
      name: 'byRecordedTime',
      partitionKey: { name: 'recordedShard', type: 'S' },
      sortKey: { name: 'recordedOrder', type: 'S' },
    },
  ],
};

/** Users and items from PutUsers and PutItems, upserted by dataset and ID. */
export const DATASET_RECORDS_TABLE: TableDefinition = {
  id: 'DatasetRecords',
  partitionKey: { name: 'datasetArn', type: 'S' },
  sortKey: { name: 'id', type: 'S' },
  indexes: [],
};

/**
 * Tailor-issued access keys, for deployments that check SigV4 themselves (docs/auth.md). It holds
 * secrets: the stack encrypts it with KMS, and an item keeps only what verification and
 * `npm run keys -- list` need.
 */
export const ACCESS_KEYS_TABLE: TableDefinition = {
  id: 'AccessKeys',
  partitionKey: { name: 'accessKeyId', type: 'S' },
  indexes: [],
};

export const TABLES: readonly TableDefinition[] = [
  METADATA_TABLE,
  EVENTS_TABLE,
  DATASET_RECORDS_TABLE,
  ACCESS_KEYS_TABLE,
];

/** Physical names of the local service's tables: one prefix per data dir. */
export const tableName = (prefix: string, table: TableDefinition): string =>
  `${prefix}-${table.id}`;

/** Each table's physical name, by definition id (`Metadata`, ...). */
export type TableNames = Readonly<Record<string, string>>;

/** The local service's names for every table. */
export const tableNames = (prefix: string): TableNames =>
  Object.fromEntries(TABLES.map((table) => [table.id, tableName(prefix, table)]));

/**
 * The variable that names a table in a process's environment: `TAILOR_METADATA_TABLE`, ...
 * A deployment's tables are named by CloudFormation, so a re-deployment after `cdk destroy`
 * never collides with the tables it retained (docs/deploy.md).
 */
export const tableVariable = (table: TableDefinition): string =>
  `TAILOR_${table.id.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase()}_TABLE`;

/** The variables for every table, as the stack and the local service set them. */
export const tableEnvironment = (names: TableNames): Record<string, string> =>
  Object.fromEntries(TABLES.map((table) => [tableVariable(table), names[table.id]!]));
