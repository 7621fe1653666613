import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ResourceAlreadyExistsException } from '../../api/errors';
import { kindLabel, type ResourceKind } from '../../domain/kinds';
import type { Attributes, ResourceRecord } from '../../domain/records';
import type {
  CountQuery,
  ListQuery,
  MetadataStore,
  Page,
  RecordChange,
  UpdateCondition,
} from '../ports';
import type { PageKey } from '../../domain/records';
import { METADATA_TABLE } from '../tables';
import { fromAttributes, toAttributes } from './numbers';

type Item = Record<string, unknown>;

/** Index sort keys: creation time first so listings come out by age, the ARN to break ties. */
const createdOrder = (record: ResourceRecord): string =>
  `${String(record.createdAt).padStart(15, '0')}#${record.arn}`;

const toItem = (record: ResourceRecord): Item => ({
  arn: record.arn,
  kind: record.kind,
  kindOrder: createdOrder(record),
  ...(record.parentArn
    ? { parentArn: record.parentArn, parentOrder: `${record.kind}#${createdOrder(record)}` }
    : {}),
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  attributes: record.attributes,
  tags: record.tags,
});

const fromItem = <A extends Attributes>(item: Item): ResourceRecord<A> => ({
  arn: item.arn as string,
  kind: item.kind as ResourceKind,
  ...(item.parentArn ? { parentArn: item.parentArn as string } : {}),
  createdAt: item.createdAt as number,
  updatedAt: item.updatedAt as number,
  attributes: (item.attributes ?? {}) as A,
  tags: (item.tags ?? {}) as Record<string, string>,
});

const byKind = METADATA_TABLE.indexes[0]!;
const byParent = METADATA_TABLE.indexes[1]!;

export class DynamoDbMetadataStore implements MetadataStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(record: ResourceRecord): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toAttributes(toItem(record)),
          ConditionExpression: 'attribute_not_exists(arn)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ResourceAlreadyExistsException(
          `A ${kindLabel(record.kind)} with ARN ${record.arn} already exists.`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  async get<A extends Attributes>(arn: string): Promise<ResourceRecord<A> | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ arn }),
        ConsistentRead: true,
      }),
    );
    return Item ? fromItem<A>(fromAttributes(Item)) : undefined;
  }

  async update(
    arn: string,
    change: RecordChange,
    condition: UpdateCondition = {},
  ): Promise<boolean> {
    const names: Record<string, string> = { '#arn': 'arn' };
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    const removes: string[] = [];
    if (change.updatedAt !== undefined) {
      values[':updatedAt'] = change.updatedAt;
      sets.push('updatedAt = :updatedAt');
    }
    const assign = (map: 'attributes' | 'tags', entries: Record<string, unknown> = {}) => {
      Object.entries(entries).forEach(([name, value], i) => {
        const ref = `${map[0]}${i}`;
        names[`#${map}`] = map;
        names[`#${ref}`] = name;
        if (value === undefined) {
          removes.push(`#${map}.#${ref}`);
        } else {
          values[`:${ref}`] = value;
          sets.push(`#${map}.#${ref} = :${ref}`);
        }
      });
    };
    assign('attributes', change.attributes);
    assign('tags', change.tags);
    const conditions = ['attribute_exists(#arn)'];
    (condition.absent ?? []).forEach((name, i) => {
      names['#attributes'] = 'attributes';
      names[`#u${i}`] = name;
      conditions.push(`attribute_not_exists(#attributes.#u${i})`);
    });
    if (condition.oneOf) {
      names['#attributes'] = 'attributes';
      names['#oneOf'] = condition.oneOf.name;
      const refs = condition.oneOf.values.map((value, i) => {
        values[`:o${i}`] = value;
        return `:o${i}`;
      });
      conditions.push(`#attributes.#oneOf IN (${refs.join(', ')})`);
    }
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall({ arn }),
          UpdateExpression: [
            sets.length ? `SET ${sets.join(', ')}` : '',
            removes.length ? `REMOVE ${removes.join(', ')}` : '',
          ].join(' '),
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length
            ? { ExpressionAttributeValues: toAttributes(values) }
            : {}),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async delete(arn: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({ TableName: this.tableName, Key: marshall({ arn }) }),
    );
  }

  async list<A extends Attributes>(query: ListQuery): Promise<Page<A>> {
    const input = query.parentArn
      ? this.parentQuery(query.parentArn, query.kind)
      : this.kindQuery(query.kind);
    // One item more than asked tells whether another page exists, so the last
    // page carries no nextToken (DynamoDB's LastEvaluatedKey alone cannot).
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        ...input,
        ScanIndexForward: false,
        Limit: query.limit + 1,
        ...(query.startKey ? { ExclusiveStartKey: marshall(query.startKey) } : {}),
      }),
    );
    const items = Items.map((item) => fromAttributes(item));
    const records = items.slice(0, query.limit).map((item) => fromItem<A>(item));
    if (items.length <= query.limit) return { records };
    const last = items[query.limit - 1]!;
    const index = query.parentArn ? byParent : byKind;
    const nextKey: PageKey = { arn: last.arn as string };
    for (const key of [index.partitionKey.name, index.sortKey.name]) {
      nextKey[key] = last[key] as string;
    }
    return { records, nextKey };
  }

  async count(query: CountQuery): Promise<number> {
    const base = query.parentArn
      ? this.parentQuery(query.parentArn, query.kind)
      : this.kindQuery(query.kind);
    const statuses = query.statuses ?? [];
    const filter = statuses.length
      ? {
          FilterExpression: `#attributes.#status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`,
          ExpressionAttributeNames: {
            ...base.ExpressionAttributeNames,
            '#attributes': 'attributes',
            '#status': 'status',
          },
          ExpressionAttributeValues: {
            ...base.ExpressionAttributeValues,
            ...marshall(Object.fromEntries(statuses.map((status, i) => [`:s${i}`, status]))),
          },
        }
      : {};
    let count = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    if (query.upTo <= 0) return 0;
    do {
      // Without a filter every item read counts, so reading past the quota is wasted; with one,
      // a read item may not count, and pages go on until the quota or the end.
      const limit = statuses.length ? {} : { Limit: query.upTo - count };
      const page = await this.client.send(
        new QueryCommand({
          ...base,
          ...filter,
          ...limit,
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey && count < query.upTo);
    return count;
  }

  async firstChild(parentArn: string, kind?: ResourceKind): Promise<ResourceRecord | undefined> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({ ...this.parentQuery(parentArn, kind), Limit: 1 }),
    );
    return Items[0] ? fromItem(fromAttributes(Items[0])) : undefined;
  }

  async findByAttribute(
    kind: ResourceKind,
    name: string,
    value: string,
  ): Promise<ResourceRecord | undefined> {
    let startKey: Record<string, AttributeValue> | undefined;
    const base = this.kindQuery(kind);
    do {
      const page = await this.client.send(
        new QueryCommand({
          ...base,
          FilterExpression: '#attributes.#name = :value',
          ExpressionAttributeNames: {
            ...base.ExpressionAttributeNames,
            '#attributes': 'attributes',
            '#name': name,
          },
          ExpressionAttributeValues: {
            ...base.ExpressionAttributeValues,
            ...marshall({ ':value': value }),
          },
          ExclusiveStartKey: startKey,
        }),
      );
      if (page.Items?.[0]) return fromItem(fromAttributes(page.Items[0]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return undefined;
  }

  private kindQuery(kind: ResourceKind) {
    return {
      TableName: this.tableName,
      IndexName: byKind.name,
      KeyConditionExpression: '#kind = :kind',
      ExpressionAttributeNames: { '#kind': byKind.partitionKey.name },
      ExpressionAttributeValues: marshall({ ':kind': kind }),
    } satisfies QueryCommandInput;
  }

  private parentQuery(parentArn: string, kind?: ResourceKind) {
    return {
      TableName: this.tableName,
      IndexName: byParent.name,
      KeyConditionExpression: kind
        ? '#parent = :parent AND begins_with(#order, :kind)'
        : '#parent = :parent',
      ExpressionAttributeNames: {
        '#parent': byParent.partitionKey.name,
        ...(kind ? { '#order': byParent.sortKey.name } : {}),
      },
      ExpressionAttributeValues: marshall({
        ':parent': parentArn,
        ...(kind ? { ':kind': `${kind}#` } : {}),
      }),
    } satisfies QueryCommandInput;
  }
}
