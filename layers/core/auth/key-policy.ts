/**
 * Key policies (docs/auth.md#key-policies): what a Tailor-issued key may do, as the operations it
 * may call (IAM action names, `personalize:GetRecommendations`, with IAM's wildcards) and the
 * dataset groups it may see and touch (ARN patterns). One Tailor then serves many tenants, each
 * with keys that reach only its own groups, and browsers with keys that can only ask for
 * recommendations and record events.
 */
import * as z from 'zod';
import type { KeyPolicy, Permissions } from '../domain/callers';
import { wildcardPattern } from './wildcards';

/** An operation's action name, as IAM policies name it: all three APIs sign as `personalize`. */
export const actionOf = (operation: string): string => `personalize:${operation}`;

const ACTION = /^personalize:[A-Za-z*?]+$/i;
/** A Personalize dataset group ARN, with wildcards allowed in each part that varies. */
const DATASET_GROUP_ARN =
  /^arn:[a-z*?-]+:personalize:[a-z0-9*?-]*:[0-9*?]*:dataset-group\/[a-zA-Z0-9_*?-]+$/;

export function permissionsOf(policy: KeyPolicy): Permissions {
  // IAM compares action names without regard to case, ARNs with it.
  const actions = policy.actions?.map((action) => wildcardPattern(action, { ignoreCase: true }));
  const groups = policy.datasetGroups?.map((group) => wildcardPattern(group));
  return {
    allowsAction: (operation) =>
      !actions || actions.some((pattern) => pattern.test(actionOf(operation))),
    ...(groups
      ? { allowsGroup: (arn: string) => groups.some((pattern) => pattern.test(arn)) }
      : {}),
  };
}

/**
 * Every problem with a policy, each naming the value, so `npm run keys` can refuse it whole.
 * `operations` are the names Tailor serves: an action pattern matching none is a typo.
 */
export function keyPolicyProblems(policy: KeyPolicy, operations: readonly string[]): string[] {
  const problems: string[] = [];
  if (policy.actions === undefined && policy.datasetGroups === undefined) {
    problems.push(
      'A policy limits actions, dataset groups or both; a key with full access has no policy.',
    );
  }
  if (policy.actions?.length === 0) {
    problems.push('Actions is empty: the key could do nothing (revoke it instead).');
  }
  if (policy.datasetGroups?.length === 0) {
    problems.push('DatasetGroups is empty: the key could reach no dataset group.');
  }
  for (const action of policy.actions ?? []) {
    if (!ACTION.test(action)) {
      problems.push(
        `Action "${action}" is not an action name such as personalize:GetRecommendations or personalize:Describe*.`,
      );
    } else if (
      !operations.some((name) => permissionsOf({ actions: [action] }).allowsAction(name))
    ) {
      problems.push(`Action "${action}" matches no operation Tailor serves.`);
    }
  }
  for (const group of policy.datasetGroups ?? []) {
    if (!DATASET_GROUP_ARN.test(group)) {
      problems.push(
        `Dataset group "${group}" is not a dataset group ARN pattern such as arn:aws:personalize:us-east-1:000000000000:dataset-group/tenant-a-*.`,
      );
    }
  }
  return problems;
}

/**
 * A policy document, as `npm run keys -- show` prints one and `--policy-file` takes it:
 * `{"Actions": [...], "DatasetGroups": [...]}`. Other members are refused, so a misspelt limit
 * cannot silently leave a key unlimited.
 */
const policyDocument = z.strictObject({
  Actions: z.array(z.string()).optional(),
  DatasetGroups: z.array(z.string()).optional(),
});

export type KeyPolicyDocument = z.infer<typeof policyDocument>;

/** The policy a document states; throws with every problem of its shape. */
export function policyFromDocument(document: unknown): KeyPolicy {
  const parsed = policyDocument.safeParse(document);
  if (!parsed.success) {
    throw new Error(
      `The policy must be {"Actions": [...], "DatasetGroups": [...]} with strings in each list: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`,
    );
  }
  const { Actions, DatasetGroups } = parsed.data;
  return {
    ...(Actions !== undefined ? { actions: Actions } : {}),
    ...(DatasetGroups !== undefined ? { datasetGroups: DatasetGroups } : {}),
  };
}

export function documentOf(policy: KeyPolicy): KeyPolicyDocument {
  return {
    ...(policy.actions ? { Actions: policy.actions } : {}),
    ...(policy.datasetGroups ? { DatasetGroups: policy.datasetGroups } : {}),
  };
}
