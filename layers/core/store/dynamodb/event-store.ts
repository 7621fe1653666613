import {
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { subjectKey, type EventStore, type EventSubject, type RecordedEvent } from '../event-ports';
import { EVENTS_TABLE } from '../tables';
import { batchWrite } from './batch';
import { fromAttributes, toAttributes } from './numbers';

type Item = Record<string, unknown>;
type EventKey = { pk: string; sk: string };

const byRecordedTime = EVENTS_TABLE.indexes[0]!;
const SHARDS = 8;
const QUERY_PAGE = 500;
/** Users whose events a deletion reads at once: a few queries each, a few milliseconds apiece. */
const PARALLEL_USERS = 16;

/** Epoch milliseconds, fixed width so that string order is time order up to year 9999. */
const pad = (ms: number): string => String(ms).padStart(15, '0');

const homeKey = (event: RecordedEvent): string =>
  subjectKey(
    event.datasetGroupArn,
    event.userId !== undefined ? { userId: event.userId } : { sessionId: event.sessionId },
  );

/** FNV-1a: a cheap, stable spread of eventIds over the index shards. */
function shardOf(eventId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < eventId.length; i++) {
    hash ^= eventId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SHARDS;
}

const shardKey = (datasetGroupArn: string, shard: number): string => `${datasetGroupArn}#${shard}`;

/** `indexed` puts the event in the training index; a linked session's original leaves it. */
const toItem = (event: RecordedEvent, pk: string, indexed: boolean): Item => ({
  pk,
  sk: `${pad(event.timestamp)}#${event.eventId}`,
  ...(indexed
    ? {
        [byRecordedTime.partitionKey.name]: shardKey(event.datasetGroupArn, shardOf(event.eventId)),
        [byRecordedTime.sortKey.name]: `${pad(event.recordedAt)}#${event.eventId}`,
      }
    : {}),
  datasetGroupArn: event.datasetGroupArn,
  eventId: event.eventId,
  eventType: event.eventType,
  sessionId: event.sessionId,
  userId: event.userId,
  itemId: event.itemId,
  eventValue: event.eventValue,
  timestamp: event.timestamp,
  recordedAt: event.recordedAt,
  recommendationId: event.recommendationId,
  impression: event.impression,
  metricAttributionSource: event.metricAttributionSource,
  properties: event.properties,
});

const fromItem = (item: Item): RecordedEvent => {
  const optional = (name: keyof RecordedEvent) =>
    item[name] === undefined ? {} : { [name]: item[name] };
  return {
    datasetGroupArn: item.datasetGroupArn as string,
    eventId: item.eventId as string,
    eventType: item.eventType as string,
    sessionId: item.sessionId as string,
    ...optional('userId'),
    ...optional('itemId'),
    ...optional('eventValue'),
    timestamp: item.timestamp as number,
    recordedAt: item.recordedAt as number,
    ...optional('recommendationId'),
    ...optional('impression'),
    ...optional('metricAttributionSource'),
    properties: (item.properties ?? {}) as RecordedEvent['properties'],
  };
};

export class DynamoDbEventStore implements EventStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async record(events: readonly RecordedEvent[]): Promise<void> {
    await this.put(events.map((event) => toItem(event, homeKey(event), true)));
  }

  async linkSession(
    datasetGroupArn: string,
    sessionId: string,
    userId: string,
    at: number,
  ): Promise<void> {
    const sessionKey = subjectKey(datasetGroupArn, { sessionId });
    const anonymous: RecordedEvent[] = [];
    for await (const item of this.query({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'attribute_not_exists(userId)',
      ExpressionAttributeValues: marshall({ ':pk': sessionKey }),
      ConsistentRead: true,
    })) {
      anonymous.push(fromItem(item));
    }
    if (anonymous.length === 0) return;
    const userKey = subjectKey(datasetGroupArn, { userId });
    // The user's copies are stored before the originals leave the training index, so a
    // failure in between leaves an event indexed twice (one eventId, deduplicated by
    // training) and the next linking call finishes the job; it never leaves one unindexed.
    await this.put(
      anonymous.map((event) => toItem({ ...event, userId, recordedAt: at }, userKey, true)),
    );
    await this.put(anonymous.map((event) => toItem({ ...event, userId }, sessionKey, false)));
  }

  async latest(
    datasetGroupArn: string,
    subject: EventSubject,
    limit: number,
  ): Promise<RecordedEvent[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': subjectKey(datasetGroupArn, subject) }),
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => fromItem(fromAttributes(item)));
  }

  /**
   * Merges the shards in recordedAt order. The index is eventually consistent in
   * AWS: a reader wanting everything up to `until` should start a few seconds after it.
   */
  async *recordedUntil(datasetGroupArn: string, until: number): AsyncIterable<RecordedEvent> {
    const shards = Array.from({ length: SHARDS }, (_, shard) =>
      this.shardEvents(datasetGroupArn, shard, until)[Symbol.asyncIterator](),
    );
    const heads = await Promise.all(shards.map((shard) => shard.next()));
    for (;;) {
      let next = -1;
      heads.forEach((head, i) => {
        const best = heads[next];
        if (!head.done && (!best || best.done || before(head.value, best.value))) next = i;
      });
      const head = heads[next];
      if (!head || head.done) return;
      yield head.value;
      heads[next] = await shards[next]!.next();
    }
  }

  /** One read per shard, each of at most one key, all at once. */
  async recordedAfter(datasetGroupArn: string, after: number): Promise<boolean> {
    const found = await Promise.all(
      Array.from({ length: SHARDS }, async (_, shard) => {
        const { Items = [] } = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: byRecordedTime.name,
            KeyConditionExpression: '#shard = :shard AND #order >= :bound',
            ExpressionAttributeNames: {
              '#shard': byRecordedTime.partitionKey.name,
              '#order': byRecordedTime.sortKey.name,
            },
            ExpressionAttributeValues: marshall({
              ':shard': shardKey(datasetGroupArn, shard),
              ':bound': pad(after + 1),
            }),
            ProjectionExpression: 'pk',
            Limit: 1,
          }),
        );
        return Items.length > 0;
      }),
    );
    return found.includes(true);
  }

  /**
   * A user's events live under the user, and the sessions they used hold more:
   * linked originals (userId set, out of the training index) and events
   * recorded anonymously since the last link, which the next call naming the
   * user would link to them. Session events go first, so a failure leaves the
   * user's own events, through which a retry finds those sessions again.
   */
  async deleteUserEvents(datasetGroupArn: string, userIds: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    const users = [...new Set(userIds)];
    for (let start = 0; start < users.length; start += PARALLEL_USERS) {
      const batch = users.slice(start, start + PARALLEL_USERS);
      const keys = await Promise.all(
        batch.map((userId) => this.userEventKeys(datasetGroupArn, userId)),
      );
      // Two users may share a session, and one batch write must not name a key twice.
      const sessionKeys = new Map(
        keys.flatMap((k) => k.session).map((key) => [`${key.pk}\n${key.sk}`, key]),
      );
      await this.remove([...sessionKeys.values()]);
      await this.remove(keys.flatMap((k) => k.user));
      batch.forEach((userId, i) => {
        if (keys[i]!.user.length > 0) found.push(userId);
      });
    }
    return found;
  }

  /**
   * The training index holds every event but a linked session's originals, which the user's
   * copies name by sessionId. Those sessions go first, as in deleteUserEvents, so a failure
   * leaves the indexed events through which a retry finds them again.
   */
  async deleteGroupEvents(datasetGroupArn: string, limit: number): Promise<number> {
    const found: Item[] = [];
    for (let shard = 0; shard < SHARDS && found.length < limit; shard++) {
      const { Items = [] } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: byRecordedTime.name,
          KeyConditionExpression: '#shard = :shard',
          ExpressionAttributeNames: { '#shard': byRecordedTime.partitionKey.name },
          ExpressionAttributeValues: marshall({ ':shard': shardKey(datasetGroupArn, shard) }),
          ProjectionExpression: 'pk, sk, sessionId, userId',
          Limit: limit - found.length,
        }),
      );
      found.push(...Items.map((item) => fromAttributes(item)));
    }
    const linkedSessions = new Set(
      found
        .filter((item) => item.userId !== undefined)
        .map((item) => subjectKey(datasetGroupArn, { sessionId: item.sessionId as string })),
    );
    for (const pk of linkedSessions) {
      const keys: EventKey[] = [];
      for await (const item of this.query({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ProjectionExpression: 'pk, sk',
        ExpressionAttributeValues: marshall({ ':pk': pk }),
        ConsistentRead: true,
      })) {
        keys.push({ pk: item.pk as string, sk: item.sk as string });
      }
      await this.remove(keys);
    }
    // A session's events just deleted may be in `found` too; one batch must not name a key twice.
    const remaining = new Map(
      found
        .filter((item) => !linkedSessions.has(item.pk as string))
        .map((item) => [
          `${item.pk}\n${item.sk}`,
          { pk: item.pk as string, sk: item.sk as string },
        ]),
    );
    await this.remove([...remaining.values()]);
    return found.length;
  }

  private async userEventKeys(
    datasetGroupArn: string,
    userId: string,
  ): Promise<{ user: EventKey[]; session: EventKey[] }> {
    const user: EventKey[] = [];
    const sessions = new Set<string>();
    for await (const item of this.query({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ProjectionExpression: 'pk, sk, sessionId',
      ExpressionAttributeValues: marshall({ ':pk': subjectKey(datasetGroupArn, { userId }) }),
      ConsistentRead: true,
    })) {
      user.push({ pk: item.pk as string, sk: item.sk as string });
      sessions.add(item.sessionId as string);
    }
    const session: EventKey[] = [];
    for (const sessionId of sessions) {
      for await (const item of this.query({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'attribute_not_exists(userId) OR userId = :userId',
        ProjectionExpression: 'pk, sk',
        ExpressionAttributeValues: marshall({
          ':pk': subjectKey(datasetGroupArn, { sessionId }),
          ':userId': userId,
        }),
        ConsistentRead: true,
      })) {
        session.push({ pk: item.pk as string, sk: item.sk as string });
      }
    }
    return { user, session };
  }

  private async *shardEvents(
    datasetGroupArn: string,
    shard: number,
    until: number,
  ): AsyncIterable<RecordedEvent> {
    for await (const item of this.query({
      TableName: this.tableName,
      IndexName: byRecordedTime.name,
      KeyConditionExpression: '#shard = :shard AND #order < :bound',
      ExpressionAttributeNames: {
        '#shard': byRecordedTime.partitionKey.name,
        '#order': byRecordedTime.sortKey.name,
      },
      ExpressionAttributeValues: marshall({
        ':shard': shardKey(datasetGroupArn, shard),
        ':bound': pad(until + 1),
      }),
    })) {
      yield fromItem(item);
    }
  }

  private async *query(input: QueryCommandInput): AsyncIterable<Item> {
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({ ...input, Limit: QUERY_PAGE, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) yield fromAttributes(item);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  private remove(keys: EventKey[]): Promise<void> {
    return batchWrite(
      this.client,
      this.tableName,
      keys.map((key) => ({ DeleteRequest: { Key: marshall(key) } })),
    );
  }

  private put(items: Item[]): Promise<void> {
    return batchWrite(
      this.client,
      this.tableName,
      items.map((item) => ({ PutRequest: { Item: toAttributes(item) } })),
    );
  }
}

const before = (a: RecordedEvent, b: RecordedEvent): boolean =>
  a.recordedAt < b.recordedAt || (a.recordedAt === b.recordedAt && a.eventId < b.eventId);
