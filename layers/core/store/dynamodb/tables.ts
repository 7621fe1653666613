import {
  CreateTableCommand,
  ResourceInUseException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableName, TABLES, type TableDefinition } from '../tables';

/** The CreateTable request for a table definition, on-demand as in the CDK stack. */
export function createTableInput(prefix: string, table: TableDefinition): CreateTableCommandInput {
  const keys = [
    table.partitionKey,
    ...(table.sortKey ? [table.sortKey] : []),
    ...table.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  const attributes = new Map(keys.map((key) => [key.name, key.type]));
  return {
    TableName: tableName(prefix, table),
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([name, type]) => ({
      AttributeName: name,
      AttributeType: type,
    })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(table.indexes.length
      ? {
          GlobalSecondaryIndexes: table.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              { AttributeName: index.sortKey.name, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}

/** Creates every table that does not exist yet; existing ones are left as they are. */
export async function ensureTables(client: DynamoDBClient, prefix: string): Promise<void> {
  for (const table of TABLES) {
    try {
      await client.send(new CreateTableCommand(createTableInput(prefix, table)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
}
