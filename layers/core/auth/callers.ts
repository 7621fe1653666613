/**
 * Who made a request, and whether they may hand a role to Tailor's jobs: the check Personalize
 * makes with iam:PassRole before it assumes a request's roleArn (docs/auth.md). Without it, any
 * caller of the API could make a job read or write wherever a role that trusts Tailor can.
 */
import type { Context } from '../context/context';
import { AccessDeniedException } from '../api/errors';
import type { Caller, KeyPolicy } from '../domain/callers';
import { permissionsOf } from './key-policy';
import { wildcardPattern } from './wildcards';

/** IAM's refusal, worded as IAM words it: `action` is `service:Operation`. */
export const notAuthorized = (caller: Caller, action: string, resource: string) =>
  new AccessDeniedException(
    `User: ${caller.id} is not authorized to perform: ${action} on resource: ${resource}`,
  );

/**
 * Refuses a role the caller may not pass. A request with no caller comes from the local service
 * without authentication, where whoever reaches the port is trusted with every role.
 */
export async function checkPassRole(ctx: Context, roleArn: string | undefined): Promise<void> {
  if (roleArn === undefined || ctx.caller === undefined) return;
  if (await ctx.caller.mayPass(roleArn)) return;
  throw notAuthorized(ctx.caller, 'iam:PassRole', roleArn);
}

/**
 * A Tailor-issued key's caller: it may pass the roles its key names, each an ARN where `*` and
 * `?` match as in IAM policies (`arn:aws:iam::123456789012:role/personalize-*`), and do what its
 * policy allows, or everything without one.
 */
export function keyCaller(
  accessKeyId: string,
  roleArns: readonly string[],
  policy?: KeyPolicy,
): Caller {
  const patterns = roleArns.map((role) => wildcardPattern(role));
  return {
    id: accessKeyId,
    mayPass: (roleArn) => Promise.resolve(patterns.some((pattern) => pattern.test(roleArn))),
    ...(policy ? { permissions: permissionsOf(policy) } : {}),
  };
}
