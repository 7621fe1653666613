/**
 * The lifecycle every resource kind shares: look up, create, list a page,
 * tag. Operations compose these instead of repeating store calls.
 */
import type { Context } from '../context/context';
import { InvalidInputException, ResourceInUseException, TooManyTagsException } from '../api/errors';
import { DEFAULT_PAGE_SIZE, openToken, sealToken } from '../api/pagination';
import { visibleRecords } from '../auth/key-policy-enforcement';
import type { Attributes, AttributesOf, RecordOf, ResourceRecord } from '../domain/records';
import { kindLabel, type ResourceKind } from '../domain/kinds';
import { notFound } from '../api/not-found';

/** Personalize's limit of tags per resource (docs/quotas.md), below the model's list of 200. */
export const MAX_TAGS = 50;

/** Personalize reports epoch seconds; the store keeps milliseconds. */
export const seconds = (ms: number): number => ms / 1000;

/** The resource of that kind at `arn`, typed by its kind; undefined when there is none. */
export async function findResource<K extends ResourceKind>(
  ctx: Pick<Context, 'metadata'>,
  kind: K,
  arn: string,
): Promise<RecordOf<K> | undefined> {
  const record = await ctx.metadata.get<AttributesOf[K]>(arn);
  return record?.kind === kind ? record : undefined;
}

export async function requireResource<K extends ResourceKind>(
  ctx: Context,
  kind: K,
  arn: string,
): Promise<RecordOf<K>> {
  const record = await findResource(ctx, kind, arn);
  if (!record) throw notFound(kindLabel(kind), arn);
  return record;
}

export interface TagInput {
  tagKey: string;
  tagValue: string;
}

export function mergeTags(
  current: Record<string, string>,
  added: readonly TagInput[] = [],
): Record<string, string> {
  const merged = { ...current };
  for (const { tagKey, tagValue } of added) {
    if (tagKey.toLowerCase().startsWith('aws:')) {
      throw new InvalidInputException(`Tag key ${tagKey} uses the reserved prefix aws:.`);
    }
    merged[tagKey] = tagValue;
  }
  if (Object.keys(merged).length > MAX_TAGS) {
    throw new TooManyTagsException(
      `A resource can have at most ${MAX_TAGS} tags; this request would give it ${Object.keys(merged).length}.`,
    );
  }
  return merged;
}

export interface NewResource<A extends Attributes> {
  kind: ResourceKind;
  arn: string;
  parentArn?: string;
  attributes: A;
  tags?: readonly TagInput[];
}

export async function createResource<A extends Attributes>(
  ctx: Context,
  spec: NewResource<A>,
): Promise<ResourceRecord<A>> {
  const now = ctx.now();
  const record: ResourceRecord<A> = {
    arn: spec.arn,
    kind: spec.kind,
    ...(spec.parentArn ? { parentArn: spec.parentArn } : {}),
    createdAt: now,
    updatedAt: now,
    attributes: spec.attributes,
    tags: mergeTags({}, spec.tags),
  };
  await ctx.metadata.create(record);
  return record;
}

export interface PageRequest {
  nextToken?: string | undefined;
  maxResults?: number | undefined;
}

/**
 * One page of a kind's resources (of one parent when given), newest first: those the caller's
 * key policy lets it see.
 */
export async function listResources<A extends Attributes, S>(
  ctx: Context,
  kind: ResourceKind,
  parentArn: string | undefined,
  request: PageRequest,
  toSummary: (record: ResourceRecord<A>) => S,
): Promise<{ items: S[]; nextToken?: string }> {
  const scope = `${kind}|${parentArn ?? ''}`;
  const page = await ctx.metadata.list<A>({
    kind,
    ...(parentArn ? { parentArn } : {}),
    limit: request.maxResults ?? DEFAULT_PAGE_SIZE,
    ...(request.nextToken ? { startKey: openToken(ctx.tokenKey, scope, request.nextToken) } : {}),
  });
  // A page may come out shorter than asked, even empty with a nextToken, as Personalize's may.
  const records = await visibleRecords(ctx, page.records);
  return {
    items: records.map(toSummary),
    ...(page.nextKey ? { nextToken: sealToken(ctx.tokenKey, scope, page.nextKey) } : {}),
  };
}

/** Deletes a resource that has no children left, as Personalize's deletion rules require. */
export async function deleteResource<K extends ResourceKind>(
  ctx: Context,
  kind: K,
  arn: string,
): Promise<RecordOf<K>> {
  const record = await requireResource(ctx, kind, arn);
  const child = await ctx.metadata.firstChild(arn);
  if (child) {
    throw new ResourceInUseException(
      `Cannot delete ${kindLabel(kind)} ${arn}: delete its ${kindLabel(child.kind)} ${child.arn} first.`,
    );
  }
  await ctx.metadata.delete(arn);
  return record;
}
