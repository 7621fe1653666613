/**
 * Every operation names, for key policies, each resource its request names (Operation.touches,
 * docs/auth.md#key-policies): a member forgotten there would let a key limited to dataset groups
 * reach another group's resource through it.
 */
import type * as z from 'zod';
import { CONTROL_OPERATIONS } from '../../../layers/core/operations';
import { EVENTS_OPERATIONS } from '../../../layers/core/operations/events';
import { RUNTIME_OPERATIONS } from '../../../layers/core/operations/runtime';

const OPERATIONS = [...CONTROL_OPERATIONS, ...EVENTS_OPERATIONS, ...RUNTIME_OPERATIONS];
const PLACE = { region: 'us-east-1', account: '000000000000' };

/**
 * Members no dataset group judges: roles (iam:PassRole judges those), KMS keys, and
 * recommenderArn, which Tailor refuses.
 */
const NOT_RESOURCES = new Set(['roleArn', 'kmsKeyArn', 'recommenderArn']);

/**
 * A listing's parent other than a group is not judged: the listing shows only what the key may
 * see, so under another group's solution or dataset it is empty, as under a missing one.
 */
const isListing = (name: string) => name.startsWith('List') && name !== 'ListTagsForResource';

const judgedMembers = (operation: (typeof OPERATIONS)[number]): string[] =>
  Object.keys((operation.input as z.ZodObject).shape).filter(
    (member) =>
      (member.endsWith('Arn') || member === 'trackingId') &&
      !NOT_RESOURCES.has(member) &&
      !(isListing(operation.name) && member !== 'datasetGroupArn'),
  );

it.each(OPERATIONS.map((operation) => [operation.name, operation] as const))(
  '%s names every resource its request names',
  (_name, operation) => {
    // Prepare
    const members = judgedMembers(operation);
    const input = Object.fromEntries(
      members.map((member) => [member, `arn:aws:personalize:us-east-1:000000000000:x/${member}`]),
    );

    // Act
    const refs = operation.touches({ name: 'n', ...input }, PLACE);

    // Assess
    const named = refs.map((ref) => ('arn' in ref ? ref.arn : ref.trackingId));
    expect(named).toEqual(expect.arrayContaining(Object.values(input)));
  },
);

it('judges CreateDatasetGroup by the ARN the new group would have', () => {
  const create = CONTROL_OPERATIONS.find((operation) => operation.name === 'CreateDatasetGroup')!;
  expect(create.touches({ name: 'tenant-a-shop' }, PLACE)).toEqual([
    {
      kind: 'dataset-group',
      arn: 'arn:aws:personalize:us-east-1:000000000000:dataset-group/tenant-a-shop',
    },
  ]);
});

it('judges GetRecommendations by its promotions’ filters too', () => {
  const get = RUNTIME_OPERATIONS.find((operation) => operation.name === 'GetRecommendations')!;
  const filterArn = 'arn:aws:personalize:us-east-1:000000000000:filter/promoted';
  expect(get.touches({ promotions: [{ filterArn }] }, PLACE)).toContainEqual({
    kind: 'filter',
    arn: filterArn,
  });
});
