import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DatasetRecord, DatasetRecordStore } from '../event-ports';
import { batchGet, batchWrite } from './batch';
import { fromAttributes, toAttributes } from './numbers';

export class DynamoDbDatasetRecordStore implements DatasetRecordStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async put(records: readonly DatasetRecord[]): Promise<void> {
    await batchWrite(
      this.client,
      this.tableName,
      records.map((record) => ({
        PutRequest: {
          Item: toAttributes({
            datasetArn: record.datasetArn,
            id: record.id,
            fields: record.fields,
            updatedAt: record.updatedAt,
          }),
        },
      })),
    );
  }

  async get(datasetArn: string, ids: readonly string[]): Promise<Map<string, DatasetRecord>> {
    const keys = [...new Set(ids)].map((id) => marshall({ datasetArn, id }));
    const items = await batchGet(this.client, this.tableName, keys);
    return new Map(
      items.map((raw) => {
        const record = fromItem(raw);
        return [record.id, record];
      }),
    );
  }

  async *list(datasetArn: string): AsyncIterable<DatasetRecord> {
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'datasetArn = :datasetArn',
          ExpressionAttributeValues: marshall({ ':datasetArn': datasetArn }),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const raw of page.Items ?? []) yield fromItem(raw);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async delete(datasetArn: string, ids: readonly string[]): Promise<string[]> {
    // A delete does not say whether the record existed; the read does, for the caller's count.
    const found = [...(await this.get(datasetArn, ids)).keys()];
    await batchWrite(
      this.client,
      this.tableName,
      found.map((id) => ({ DeleteRequest: { Key: marshall({ datasetArn, id }) } })),
    );
    return found;
  }

  async deleteSome(datasetArn: string, limit: number): Promise<number> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'datasetArn = :datasetArn',
        ProjectionExpression: 'datasetArn, id',
        ExpressionAttributeValues: marshall({ ':datasetArn': datasetArn }),
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    await batchWrite(
      this.client,
      this.tableName,
      Items.map((Key) => ({ DeleteRequest: { Key } })),
    );
    return Items.length;
  }
}

function fromItem(raw: Record<string, AttributeValue>): DatasetRecord {
  const item = fromAttributes(raw);
  return {
    datasetArn: item.datasetArn as string,
    id: item.id as string,
    fields: (item.fields ?? {}) as DatasetRecord['fields'],
    updatedAt: item.updatedAt as number,
  };
}
