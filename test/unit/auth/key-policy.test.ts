/** Key policies: what a policy allows, and which policies `npm run keys` refuses. */
import {
  documentOf,
  keyPolicyProblems,
  permissionsOf,
  policyFromDocument,
} from '../../../layers/core/auth/key-policy';

const GROUP = (name: string) => `arn:aws:personalize:us-east-1:000000000000:dataset-group/${name}`;
const OPERATIONS = ['GetRecommendations', 'GetPersonalizedRanking', 'PutEvents', 'ListSolutions'];

describe('permissionsOf', () => {
  it.each([
    [['personalize:GetRecommendations'], 'GetRecommendations', true],
    [['personalize:GetRecommendations'], 'GetPersonalizedRanking', false],
    [['personalize:Get*'], 'GetPersonalizedRanking', true],
    [['personalize:Get*'], 'PutEvents', false],
    [['personalize:*'], 'PutEvents', true],
    [['personalize:Put?vents'], 'PutEvents', true],
    // IAM compares action names regardless of case.
    [['Personalize:getrecommendations'], 'GetRecommendations', true],
    [['personalize:PutEvents', 'personalize:GetRecommendations'], 'GetRecommendations', true],
  ])('with actions %j allows %s: %s', (actions, operation, expected) => {
    expect(permissionsOf({ actions }).allowsAction(operation)).toBe(expected);
  });

  it.each([
    [[GROUP('shop')], GROUP('shop'), true],
    [[GROUP('shop')], GROUP('shop-b'), false],
    [[GROUP('shop-*')], GROUP('shop-b'), true],
    [[GROUP('shop-?')], GROUP('shop-bb'), false],
    [['arn:aws:personalize:*:*:dataset-group/*'], GROUP('any'), true],
    // ARNs compare with case, as in IAM.
    [[GROUP('Shop')], GROUP('shop'), false],
    // A pattern's dots are literal, not regular-expression syntax.
    [[GROUP('a.c')], GROUP('abc'), false],
  ])('with dataset groups %j allows %s: %s', (datasetGroups, arn, expected) => {
    expect(permissionsOf({ datasetGroups }).allowsGroup!(arn)).toBe(expected);
  });

  it('limits no group when the policy names none', () => {
    expect(permissionsOf({ actions: ['personalize:*'] }).allowsGroup).toBeUndefined();
  });

  it('allows every operation when the policy names no action', () => {
    expect(permissionsOf({ datasetGroups: [GROUP('a')] }).allowsAction('DeleteDatasetGroup')).toBe(
      true,
    );
  });
});

describe('keyPolicyProblems', () => {
  it('accepts actions and group patterns that mean something', () => {
    expect(
      keyPolicyProblems(
        { actions: ['personalize:Get*', 'personalize:PutEvents'], datasetGroups: [GROUP('a-*')] },
        OPERATIONS,
      ),
    ).toEqual([]);
  });

  it('names every problem at once', () => {
    // Act
    const problems = keyPolicyProblems(
      {
        actions: ['personalize:GetRecomendations', 'GetRecommendations', 's3:GetObject'],
        datasetGroups: ['tenant-a', 'arn:aws:personalize:us-east-1:000000000000:solution/x'],
      },
      OPERATIONS,
    );

    // Assess
    expect(problems).toEqual([
      'Action "personalize:GetRecomendations" matches no operation Tailor serves.',
      'Action "GetRecommendations" is not an action name such as personalize:GetRecommendations or personalize:Describe*.',
      'Action "s3:GetObject" is not an action name such as personalize:GetRecommendations or personalize:Describe*.',
      'Dataset group "tenant-a" is not a dataset group ARN pattern such as arn:aws:personalize:us-east-1:000000000000:dataset-group/tenant-a-*.',
      'Dataset group "arn:aws:personalize:us-east-1:000000000000:solution/x" is not a dataset group ARN pattern such as arn:aws:personalize:us-east-1:000000000000:dataset-group/tenant-a-*.',
    ]);
  });

  it.each([
    [{}, 'A policy limits actions, dataset groups or both; a key with full access has no policy.'],
    [{ actions: [] }, 'Actions is empty: the key could do nothing (revoke it instead).'],
    [{ datasetGroups: [] }, 'DatasetGroups is empty: the key could reach no dataset group.'],
  ])('refuses %j', (policy, problem) => {
    expect(keyPolicyProblems(policy, OPERATIONS)).toEqual([problem]);
  });
});

describe('policy documents', () => {
  it('read back what show prints', () => {
    // Prepare
    const policy = { actions: ['personalize:PutEvents'], datasetGroups: [GROUP('a')] };

    // Act
    const document = documentOf(policy);

    // Assess
    expect(document).toEqual({ Actions: policy.actions, DatasetGroups: policy.datasetGroups });
    expect(policyFromDocument(JSON.parse(JSON.stringify(document)))).toEqual(policy);
  });

  it.each([
    [{ Action: ['personalize:PutEvents'] }, 'Unrecognized key: "Action"'],
    [{ Actions: 'personalize:PutEvents' }, 'Actions'],
    [['personalize:PutEvents'], 'expected object'],
  ])('refuses %j, so a misspelt limit cannot leave a key unlimited', (document, detail) => {
    expect(() => policyFromDocument(document)).toThrow(detail);
  });
});
