/**
 * Who made a request, and whether they may hand a role to Tailor's jobs: the check Personalize
 * makes with iam:PassRole before it assumes a request's roleArn (docs/auth.md). Without it, any
 * caller of the API could make a job read or write wherever a role that trusts Tailor can.
 */
import type { Context } from '../api/context';
import { AccessDeniedException } from '../api/errors';

export interface Caller {
  /** As CloudTrail names them: an IAM ARN, or the ID of a Tailor-issued access key. */
  id: string;
  /** Whether the caller may pass `roleArn` to Tailor, as iam:PassRole to Personalize. */
  mayPass(roleArn: string): Promise<boolean>;
}

/**
 * Refuses a role the caller may not pass. A request with no caller comes from the local service
 * without authentication, where whoever reaches the port is trusted with every role.
 */
export async function checkPassRole(ctx: Context, roleArn: string | undefined): Promise<void> {
  if (roleArn === undefined || ctx.caller === undefined) return;
  if (await ctx.caller.mayPass(roleArn)) return;
  throw new AccessDeniedException(
    `User: ${ctx.caller.id} is not authorized to perform: iam:PassRole on resource: ${roleArn}`,
  );
}

/**
 * A Tailor-issued key's caller: it may pass the roles its key names, each an ARN where `*` and
 * `?` match as in IAM policies (`arn:aws:iam::123456789012:role/personalize-*`).
 */
export function keyCaller(accessKeyId: string, roleArns: readonly string[]): Caller {
  const patterns = roleArns.map(arnPattern);
  return {
    id: accessKeyId,
    mayPass: (roleArn) => Promise.resolve(patterns.some((pattern) => pattern.test(roleArn))),
  };
}

const arnPattern = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
      .join('')}$`,
  );
