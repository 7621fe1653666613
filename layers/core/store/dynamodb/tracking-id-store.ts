import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { TrackerRoute, TrackingIdStore } from '../event-ports';

/**
 * Keeps each trackingId as a small item of the metadata table, keyed
 * `tracking-id/{id}`. It has no `kind`, so the metadata table's listing
 * indexes (sparse on `kind` and `parentArn`) never show it.
 */
export class DynamoDbTrackingIdStore implements TrackingIdStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async put(route: TrackerRoute): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall({
          arn: keyOf(route.trackingId),
          trackingId: route.trackingId,
          datasetGroupArn: route.datasetGroupArn,
          eventTrackerArn: route.eventTrackerArn,
        }),
      }),
    );
  }

  async get(trackingId: string): Promise<TrackerRoute | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ arn: keyOf(trackingId) }),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const item = unmarshall(Item);
    return {
      trackingId: item.trackingId as string,
      datasetGroupArn: item.datasetGroupArn as string,
      eventTrackerArn: item.eventTrackerArn as string,
    };
  }

  async delete(trackingId: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: marshall({ arn: keyOf(trackingId) }),
      }),
    );
  }
}

const keyOf = (trackingId: string): string => `tracking-id/${trackingId}`;
