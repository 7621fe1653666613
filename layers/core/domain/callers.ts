/**
 * Who makes a request, and what a Tailor-issued key's policy lets them do (docs/auth.md). The
 * checks are in auth/.
 */

export interface Caller {
  /** As CloudTrail names them: an IAM ARN, or the ID of a Tailor-issued access key. */
  id: string;
  /** Whether the caller may pass `roleArn` to Tailor, as iam:PassRole to Personalize. */
  mayPass(roleArn: string): Promise<boolean>;
  /**
   * What a Tailor-issued key's policy lets the caller do (docs/auth.md#key-policies); absent for
   * full access: a key without a policy, and IAM callers, whom IAM has authorised already.
   */
  permissions?: Permissions;
}

/** As a key record keeps it. An absent limit does not limit. */
export interface KeyPolicy {
  /** Action patterns, `personalize:` and an operation name, `*` and `?` as in IAM. */
  actions?: string[];
  /** Dataset group ARN patterns, `*` and `?` as in IAM. */
  datasetGroups?: string[];
}

/** What a caller's policy allows, for the check at dispatch (key-policy-enforcement.ts). */
export interface Permissions {
  /** Whether the caller may call an operation, by its name (`GetRecommendations`). */
  allowsAction(operation: string): boolean;
  /** Whether the caller may see and touch a dataset group; absent when groups are not limited. */
  allowsGroup?: (datasetGroupArn: string) => boolean;
}
