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

export const TABLES: readonly TableDefinition[] = [METADATA_TABLE];

/** Physical names: one prefix per deployment, so several Tailors can share an account. */
export const tableName = (prefix: string, table: TableDefinition): string =>
  `${prefix}-${table.id}`;
