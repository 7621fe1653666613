/** Who may pass which role to a job: Tailor-issued keys by their patterns, IAM callers by IAM. */
import type { Context } from '../../../layers/core/context/context';
import { checkPassRole, keyCaller } from '../../../layers/core/auth/callers';
import { type Caller } from '../../../layers/core/domain/callers';
import {
  iamCaller,
  principalOf,
  type PassRolePolicy,
} from '../../../layers/core/store/iam/pass-role';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/personalize-imports`;
const contextOf = (caller?: Caller) => ({ caller }) as Context;

describe('keyCaller', () => {
  it.each([
    [[ROLE], ROLE, true],
    [[`arn:aws:iam::${ACCOUNT}:role/personalize-*`], ROLE, true],
    [['arn:aws:iam::*:role/personalize-import?'], ROLE, true],
    [[`arn:aws:iam::${ACCOUNT}:role/personalize-*`], `arn:aws:iam::${ACCOUNT}:role/admin`, false],
    // A pattern's dots and slashes are literal, not regular-expression syntax.
    [['arn:aws:iam::1234567890.2:role/x'], `arn:aws:iam::${ACCOUNT}:role/x`, false],
    [[], ROLE, false],
  ])('with roles %j may pass %s: %s', async (roles, roleArn, expected) => {
    await expect(keyCaller('TKIAEXAMPLE', roles).mayPass(roleArn)).resolves.toBe(expected);
  });
});

describe('keyCaller with a policy', () => {
  it('carries what the policy allows; without one, the caller may do everything', () => {
    // Act
    const limited = keyCaller('TKIAEXAMPLE', [], { actions: ['personalize:PutEvents'] });
    const full = keyCaller('TKIAEXAMPLE', []);

    // Assess
    expect(limited.permissions!.allowsAction('PutEvents')).toBe(true);
    expect(limited.permissions!.allowsAction('DeleteDatasetGroup')).toBe(false);
    expect(full.permissions).toBeUndefined();
  });
});

describe('checkPassRole', () => {
  it('lets a request without a roleArn through', async () => {
    await expect(
      checkPassRole(contextOf(keyCaller('TKIA', [])), undefined),
    ).resolves.toBeUndefined();
  });

  it('trusts every caller where nothing checks signatures', async () => {
    await expect(checkPassRole(contextOf(undefined), ROLE)).resolves.toBeUndefined();
  });

  it('refuses a role the caller may not pass, worded as IAM words it', async () => {
    await expect(
      checkPassRole(contextOf(keyCaller('TKIAEXAMPLE', [])), ROLE),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      statusCode: 400,
      message: `User: TKIAEXAMPLE is not authorized to perform: iam:PassRole on resource: ${ROLE}`,
    });
  });
});

describe('principalOf', () => {
  it.each([
    [`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/jane`, { kind: 'role', name: 'Admin' }],
    [
      `arn:aws:iam::${ACCOUNT}:user/ops/jane`,
      { kind: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/ops/jane` },
    ],
    [`arn:aws:iam::${ACCOUNT}:root`, { kind: 'root' }],
    [`arn:aws-cn:sts::${ACCOUNT}:assumed-role/Admin/jane`, { kind: 'role', name: 'Admin' }],
    // Another account's principal: its policies are not this account's to read.
    ['arn:aws:sts::999999999999:assumed-role/Admin/jane', { kind: 'unknown' }],
    [`arn:aws:sts::${ACCOUNT}:federated-user/jane`, { kind: 'unknown' }],
    ['unknown', { kind: 'unknown' }],
  ])('%s is %j', (callerArn, expected) => {
    expect(principalOf(callerArn, ACCOUNT)).toEqual(expected);
  });
});

describe('iamCaller', () => {
  it('asks the policy about its own ARN and the role', async () => {
    // Prepare
    const asked: string[][] = [];
    const policy: PassRolePolicy = {
      allows: (callerArn, roleArn) => {
        asked.push([callerArn, roleArn]);
        return Promise.resolve(roleArn === ROLE);
      },
    };
    const caller = iamCaller(`arn:aws:iam::${ACCOUNT}:user/jane`, policy);

    // Act
    const results = [await caller.mayPass(ROLE), await caller.mayPass(`${ROLE}-other`)];

    // Assess
    expect(results).toEqual([true, false]);
    expect(asked).toEqual([
      [`arn:aws:iam::${ACCOUNT}:user/jane`, ROLE],
      [`arn:aws:iam::${ACCOUNT}:user/jane`, `${ROLE}-other`],
    ]);
  });
});
