/**
 * The storage ports the operations use. Adapters (DynamoDB here; anything that
 * keeps these promises) implement them; the core never sees an AWS type.
 */
import type { Attributes, PageKey, ResourceRecord } from '../domain/records';
import type { ResourceKind } from '../domain/kinds';

export interface ListQuery {
  kind: ResourceKind;
  parentArn?: string;
  limit: number;
  startKey?: PageKey;
}

/** Which records a quota counts: of a kind (under a parent), in some statuses when given. */
export interface CountQuery {
  kind: ResourceKind;
  parentArn?: string;
  /** Values of the `status` attribute that count; any status when absent. */
  statuses?: readonly string[];
  /** Counting may stop here: a quota needs to know only whether it is reached. */
  upTo: number;
}

export interface Page<A extends Attributes = Attributes> {
  records: ResourceRecord<A>[];
  nextKey?: PageKey;
}

/** A change applied atomically per field: concurrent changes of other fields are not lost. */
export interface RecordChange {
  /** Attribute values to set; `undefined` removes the attribute. */
  attributes?: Attributes;
  /** Tag values to set; `undefined` removes the tag. */
  tags?: Record<string, string | undefined>;
  /** Left unchanged when absent: tagging is no update of the resource itself. */
  updatedAt?: number;
}

export interface UpdateCondition {
  /** Attributes that must be absent: a claim that only one writer can win. */
  absent?: string[];
  /** An attribute that must hold one of these values: a lifecycle step from a known state. */
  oneOf?: { name: string; values: string[] };
}

export interface MetadataStore {
  /** Throws ResourceAlreadyExistsException when the ARN is taken, also under concurrent creates. */
  create(record: ResourceRecord): Promise<void>;
  get<A extends Attributes>(arn: string): Promise<ResourceRecord<A> | undefined>;
  /**
   * Applies the change only while the record exists and meets the condition.
   * Returns false when a condition failed.
   */
  update(arn: string, change: RecordChange, condition?: UpdateCondition): Promise<boolean>;
  delete(arn: string): Promise<void>;
  list<A extends Attributes>(query: ListQuery): Promise<Page<A>>;
  /**
   * How many records match, counted by a query on the kind or the parent (never a scan), up to
   * `upTo`.
   */
  count(query: CountQuery): Promise<number>;
  /** Any one child of a resource (of one kind when given): the deletion rules need only one. */
  firstChild(parentArn: string, kind?: ResourceKind): Promise<ResourceRecord | undefined>;
  /** The first record of a kind whose attribute equals a value. */
  findByAttribute(
    kind: ResourceKind,
    name: string,
    value: string,
  ): Promise<ResourceRecord | undefined>;
}
