/**
 * The caller of a deployment with IAM authorization, as API Gateway names them, and whether
 * their IAM policies allow iam:PassRole on a role, found by IAM's policy simulator as Personalize
 * would find it by authorizing the call (docs/auth.md).
 */
import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import type { Caller } from '../../domain/callers';

/** Whether a principal's policies allow passing a role to Personalize. */
export interface PassRolePolicy {
  allows(callerArn: string, roleArn: string): Promise<boolean>;
}

export function iamCaller(callerArn: string, policy: PassRolePolicy): Caller {
  return { id: callerArn, mayPass: (roleArn) => policy.allows(callerArn, roleArn) };
}

/**
 * The IAM identity whose policies apply to a caller: a role's session acts with its role's
 * policies, whose ARN (path included) only IAM knows; a user is itself; the account's root may do
 * anything. Anything else (federated users, other accounts) has nothing to simulate.
 */
export type Principal =
  | { kind: 'user'; arn: string }
  | { kind: 'role'; name: string }
  | { kind: 'root' }
  | { kind: 'unknown' };

export function principalOf(callerArn: string, account: string): Principal {
  const match = /^arn:aws[\w-]*:(iam|sts)::(\d{12}):(.+)$/.exec(callerArn);
  if (!match || match[2] !== account) return { kind: 'unknown' };
  const [, service, , resource] = match as unknown as [string, string, string, string];
  if (service === 'iam' && resource === 'root') return { kind: 'root' };
  if (service === 'iam' && resource.startsWith('user/')) return { kind: 'user', arn: callerArn };
  const session = /^assumed-role\/([\w+=,.@-]+)\/[^/]+$/.exec(resource);
  if (service === 'sts' && session) return { kind: 'role', name: session[1]! };
  return { kind: 'unknown' };
}

/** Answers are reused this long: a policy change applies within it, as IAM's own do within seconds. */
const TTL_MS = 60_000;

export class IamPassRolePolicy implements PassRolePolicy {
  private readonly answers = new Map<string, { allowed: boolean; until: number }>();

  constructor(
    private readonly iam: IAMClient,
    private readonly account: string,
    private readonly now: () => number = Date.now,
  ) {}

  async allows(callerArn: string, roleArn: string): Promise<boolean> {
    const key = `${callerArn} ${roleArn}`;
    const cached = this.answers.get(key);
    if (cached && cached.until > this.now()) return cached.allowed;
    const allowed = await this.simulate(principalOf(callerArn, this.account), roleArn);
    this.answers.set(key, { allowed, until: this.now() + TTL_MS });
    return allowed;
  }

  private async simulate(principal: Principal, roleArn: string): Promise<boolean> {
    if (principal.kind === 'root') return true;
    if (principal.kind === 'unknown') return false;
    const source =
      principal.kind === 'user'
        ? principal.arn
        : (await this.iam.send(new GetRoleCommand({ RoleName: principal.name }))).Role!.Arn!;
    const { EvaluationResults } = await this.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: source,
        ActionNames: ['iam:PassRole'],
        ResourceArns: [roleArn],
        // Policies written for Personalize often allow passing only to it.
        ContextEntries: [
          {
            ContextKeyName: 'iam:PassedToService',
            ContextKeyType: 'string',
            ContextKeyValues: ['personalize.amazonaws.com'],
          },
        ],
      }),
    );
    return EvaluationResults?.[0]?.EvalDecision === 'allowed';
  }
}

/** The policy of a deployment's control function, in the region's IAM endpoint. */
export const iamPassRolePolicy = (account: string): IamPassRolePolicy =>
  new IamPassRolePolicy(new IAMClient({}), account);
