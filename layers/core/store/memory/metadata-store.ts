/**
 * The metadata store in memory, keeping the DynamoDB adapter's promises: creates and conditional
 * updates are atomic (each runs to its end before another starts), listings come newest first by
 * the same index keys, and a page's nextKey is the same kind of position.
 */
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
import { compareKeys, padTime, storedCopy } from './stored';

const byKind = METADATA_TABLE.indexes[0]!;
const byParent = METADATA_TABLE.indexes[1]!;

/** The adapter's index sort keys: creation time first, the ARN to break ties. */
const kindOrder = (record: ResourceRecord): string => `${padTime(record.createdAt)}#${record.arn}`;
const parentOrder = (record: ResourceRecord): string => `${record.kind}#${kindOrder(record)}`;

/** A record as the adapter reads one back: no empty parentArn, attributes and tags always set. */
const kept = <A extends Attributes>(record: ResourceRecord<A>): ResourceRecord<A> => ({
  arn: record.arn,
  kind: record.kind,
  ...(record.parentArn ? { parentArn: record.parentArn } : {}),
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  attributes: storedCopy(record.attributes ?? ({} as A)),
  tags: storedCopy(record.tags ?? {}),
});

/** A map with members set (a value) or removed (undefined), every other member kept. */
const changed = <V>(current: Record<string, V>, changes: Record<string, unknown>) =>
  Object.fromEntries([
    ...Object.entries(current).filter(([name]) => !Object.hasOwn(changes, name)),
    ...Object.entries(storedCopy(changes)),
  ]) as Record<string, V>;

export class MemoryMetadataStore implements MetadataStore {
  private readonly records = new Map<string, ResourceRecord>();

  async create(record: ResourceRecord): Promise<void> {
    if (this.records.has(record.arn)) {
      throw new ResourceAlreadyExistsException(
        `A ${kindLabel(record.kind)} with ARN ${record.arn} already exists.`,
      );
    }
    this.records.set(record.arn, kept(record));
  }

  async get<A extends Attributes>(arn: string): Promise<ResourceRecord<A> | undefined> {
    const record = this.records.get(arn);
    return record ? (kept(record) as ResourceRecord<A>) : undefined;
  }

  async update(
    arn: string,
    change: RecordChange,
    condition: UpdateCondition = {},
  ): Promise<boolean> {
    const attributes = change.attributes ?? {};
    const tags = change.tags ?? {};
    // DynamoDB refuses an update expression that sets and removes nothing, before any condition.
    if (
      change.updatedAt === undefined &&
      Object.keys(attributes).length === 0 &&
      Object.keys(tags).length === 0
    ) {
      throw new Error(`An update of ${arn} must set or remove at least one value.`);
    }
    const record = this.records.get(arn);
    if (!record || !meets(record.attributes, condition)) return false;
    this.records.set(arn, {
      ...record,
      ...(change.updatedAt !== undefined ? { updatedAt: change.updatedAt } : {}),
      attributes: changed(record.attributes, attributes),
      tags: changed(record.tags, tags),
    });
    return true;
  }

  async delete(arn: string): Promise<void> {
    this.records.delete(arn);
  }

  async list<A extends Attributes>(query: ListQuery): Promise<Page<A>> {
    if (query.limit < 1)
      throw new RangeError(`A page holds at least 1 record, not ${query.limit}.`);
    const index = query.parentArn ? byParent : byKind;
    const order = query.parentArn ? parentOrder : kindOrder;
    const start = query.startKey && positionIn(query.startKey, index.sortKey.name);
    // Newest first, resuming after the start key even when its record is gone.
    const matching = this.matching(query.kind, query.parentArn)
      .map((record) => ({ record, key: order(record) }))
      .filter(({ key }) => start === undefined || compareKeys(key, start) < 0)
      .sort((a, b) => compareKeys(b.key, a.key));
    const records = matching
      .slice(0, query.limit)
      .map(({ record }) => kept(record) as ResourceRecord<A>);
    if (matching.length <= query.limit) return { records };
    const last = matching[query.limit - 1]!;
    const nextKey: PageKey = {
      arn: last.record.arn,
      [index.partitionKey.name]: query.parentArn ?? last.record.kind,
      [index.sortKey.name]: last.key,
    };
    return { records, nextKey };
  }

  async count(query: CountQuery): Promise<number> {
    if (query.upTo <= 0) return 0;
    const statuses = query.statuses ?? [];
    let count = 0;
    for (const record of this.matching(query.kind, query.parentArn)) {
      if (statuses.length && !oneOf(record.attributes, 'status', statuses)) continue;
      if (++count >= query.upTo) break;
    }
    return count;
  }

  async firstChild(parentArn: string, kind?: ResourceKind): Promise<ResourceRecord | undefined> {
    let first: { record: ResourceRecord; key: string } | undefined;
    for (const record of this.records.values()) {
      if (record.parentArn !== parentArn || (kind && record.kind !== kind)) continue;
      const key = parentOrder(record);
      if (!first || compareKeys(key, first.key) < 0) first = { record, key };
    }
    return first && kept(first.record);
  }

  async findByAttribute(
    kind: ResourceKind,
    name: string,
    value: string,
  ): Promise<ResourceRecord | undefined> {
    // Oldest first, as the adapter reads the kind's index.
    const found = this.matching(kind)
      .filter(({ attributes }) => Object.hasOwn(attributes, name) && attributes[name] === value)
      .map((record) => ({ record, key: kindOrder(record) }))
      .sort((a, b) => compareKeys(a.key, b.key))[0];
    return found && kept(found.record);
  }

  private matching(kind: ResourceKind, parentArn?: string): ResourceRecord[] {
    const out: ResourceRecord[] = [];
    for (const record of this.records.values()) {
      // An empty parentArn is none, as the adapter takes it.
      if (record.kind === kind && (!parentArn || record.parentArn === parentArn)) {
        out.push(record);
      }
    }
    return out;
  }
}

/** A start key's place in an index, which a key of another listing does not have. */
function positionIn(startKey: PageKey, sortKey: string): string {
  const position = startKey[sortKey];
  if (typeof position !== 'string') {
    throw new Error(`The start key has no ${sortKey}: it is no position in this listing.`);
  }
  return position;
}

const oneOf = (attributes: Attributes, name: string, values: readonly string[]): boolean =>
  Object.hasOwn(attributes, name) && values.includes(attributes[name] as string);

function meets(attributes: Attributes, condition: UpdateCondition): boolean {
  if ((condition.absent ?? []).some((name) => Object.hasOwn(attributes, name))) return false;
  const { oneOf: required } = condition;
  return !required || oneOf(attributes, required.name, required.values);
}
