/**
 * Key policies enforced where every request passes, at operation dispatch (api/http.ts), so no
 * operation can forget them (docs/auth.md#key-policies). Each operation names the resources its
 * request touches (Operation.touches); this finds their dataset groups and judges them:
 *
 * 1. The action, before anything is read: a key that may not call the operation gets
 *    AccessDeniedException, whether or not the resource exists.
 * 2. Dataset group ARNs the request names (and the one CreateDatasetGroup would make), judged on
 *    the ARN alone, as IAM judges a resource ARN: AccessDeniedException, again before any read.
 * 3. Other resources, whose group only their stored record tells: one that is missing and one
 *    in a group the key may not touch are refused alike, before the operation runs, with the
 *    ResourceNotFoundException the operation gives for a missing one (resources/not-found.ts).
 *    Refused later, by the operation, a missing one would meet the operation's earlier checks
 *    first (a role the key may not pass, a name taken), and the order of the errors would tell
 *    a key which of another tenant's resources exist.
 *
 * Listings without a group (ListSolutions with no datasetGroupArn) show only the resources of
 * the groups the key may touch (visibleRecords): List* in Personalize is not resource-scoped,
 * so IAM cannot refuse it by group either. Schemas, recipes and algorithms belong to the
 * account, not to a group: only the action limits them.
 */
import type { Context } from '../context/context';
import { kindLabel, type ResourceKind } from '../domain/kinds';
import { notFound, unknownTrackingId } from '../api/not-found';
import type { ResourceRecord } from '../domain/records';
import { notAuthorized } from './callers';
import { actionOf } from './key-policy';

/**
 * A resource a request names, with the kind the operation expects there (for its not-found
 * message): `resource` where any kind will do (tags); recipes, algorithms and feature
 * transformations are Tailor's own.
 */
export type ResourceRef =
  | {
      kind: ResourceKind | 'recipe' | 'algorithm' | 'feature-transformation' | 'resource';
      arn: string | undefined;
    }
  | { trackingId: string };

type NamedRef = Extract<ResourceRef, { arn: unknown }> & { arn: string };

const ACCOUNT_LEVEL = ['schema', 'recipe', 'algorithm', 'feature-transformation'] as const;
const isAccountLevel = (kind: string): kind is (typeof ACCOUNT_LEVEL)[number] =>
  (ACCOUNT_LEVEL as readonly string[]).includes(kind);

/**
 * Judges a request by the caller's policy: `touches` gives what it names (its operation's
 * `touches`), read only for a caller with a policy.
 */
export async function enforceKeyPolicy(
  ctx: Context,
  operationName: string,
  touches: () => readonly ResourceRef[],
): Promise<void> {
  const caller = ctx.caller;
  const permissions = caller?.permissions;
  if (!caller || !permissions) return;
  const refs = touches();
  const named = refs.filter((ref): ref is NamedRef => 'arn' in ref && ref.arn !== undefined);
  const action = actionOf(operationName);
  if (!permissions.allowsAction(operationName)) {
    // As IAM names the resource of an action that has none: `*`.
    throw notAuthorized(caller, action, named[0]?.arn ?? '*');
  }
  const allowsGroup = permissions.allowsGroup;
  if (!allowsGroup) return;
  const refused = named.filter(isDatasetGroup).find((ref) => !allowsGroup(ref.arn));
  if (refused) throw notAuthorized(caller, action, refused.arn);

  const groupOf = groupResolver(ctx);
  for (const ref of refs) {
    if ('trackingId' in ref) {
      const route = await ctx.trackingIds.get(ref.trackingId);
      if (!route || !allowsGroup(route.datasetGroupArn)) throw unknownTrackingId(ref.trackingId);
      continue;
    }
    const { kind, arn } = ref;
    if (arn === undefined || isAccountLevel(kind) || isDatasetGroup({ kind, arn })) continue;
    const record = await ctx.metadata.get(arn);
    if (!record || !(await visible(record, groupOf, allowsGroup))) {
      throw notFound(kind === 'resource' ? 'resource' : kindLabel(kind), arn);
    }
  }
}

/** The records of a listing the caller may see: all of them unless the key limits groups. */
export async function visibleRecords<R extends ResourceRecord>(
  ctx: Context,
  records: readonly R[],
): Promise<R[]> {
  const allowsGroup = ctx.caller?.permissions?.allowsGroup;
  if (!allowsGroup) return [...records];
  const groupOf = groupResolver(ctx);
  const shown = await Promise.all(records.map((record) => visible(record, groupOf, allowsGroup)));
  return records.filter((_, i) => shown[i]);
}

/** Named as a dataset group, or, where any kind will do, an ARN of one. */
const isDatasetGroup = (ref: NamedRef): boolean =>
  ref.kind === 'dataset-group' ||
  (ref.kind === 'resource' && ref.arn.split(':')[5]?.startsWith('dataset-group/') === true);

async function visible(
  record: ResourceRecord,
  groupOf: (record: ResourceRecord) => Promise<string | undefined>,
  allowsGroup: (datasetGroupArn: string) => boolean,
): Promise<boolean> {
  if (isAccountLevel(record.kind)) return true;
  // A record whose group cannot be found (its parent deleted under it) belongs to nobody's.
  const group = await groupOf(record);
  return group !== undefined && allowsGroup(group);
}

/**
 * A record's dataset group: its own, its `datasetGroupArn`, else its parent's (import and export
 * jobs by their dataset, batch inference jobs by their solution version). Parents are read once
 * per resolver, as a listing's records share a few.
 */
function groupResolver(ctx: Context): (record: ResourceRecord) => Promise<string | undefined> {
  const parents = new Map<string, Promise<string | undefined>>();
  const groupOf = async (record: ResourceRecord): Promise<string | undefined> => {
    if (record.kind === 'dataset-group') return record.arn;
    const own = record.attributes.datasetGroupArn;
    if (typeof own === 'string') return own;
    const parentArn = record.parentArn;
    if (parentArn === undefined) return undefined;
    let parentGroup = parents.get(parentArn);
    if (!parentGroup) {
      parentGroup = ctx.metadata
        .get(parentArn)
        .then((parent) => (parent ? groupOf(parent) : undefined));
      parents.set(parentArn, parentGroup);
    }
    return parentGroup;
  };
  return groupOf;
}
