/**
 * Tags' and listings' rules through the wire's own dispatch on the in-memory stores: tags kept,
 * changed and bounded; pages newest first, sealed nextTokens, and maxResults' bounds.
 */
import {
  arnOf,
  createGroup,
  createSchema,
  failure,
  memoryApi,
  type MemoryApi,
} from '../../helpers/memory-api';
import { USERS_SCHEMA } from '../../helpers/schemas';

const tagsOf = async (api: MemoryApi, resourceArn: string) =>
  (await api.call('ListTagsForResource', { resourceArn })).tags;

const many = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ tagKey: `k${from + i}`, tagValue: 'v' }));

describe('tags', () => {
  it('keeps the tags given at creation and adds, overwrites and removes tags', async () => {
    // Prepare
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'tagged', {
      tags: [{ tagKey: 'team', tagValue: 'search' }],
    });
    const atCreation = await tagsOf(api, datasetGroupArn);

    // Act
    await api.call('TagResource', {
      resourceArn: datasetGroupArn,
      tags: [
        { tagKey: 'team', tagValue: 'discovery' },
        { tagKey: 'stage', tagValue: 'prod' },
      ],
    });
    const tagged = await tagsOf(api, datasetGroupArn);
    await api.call('UntagResource', { resourceArn: datasetGroupArn, tagKeys: ['team', 'absent'] });

    // Assess
    expect(atCreation).toEqual([{ tagKey: 'team', tagValue: 'search' }]);
    expect(tagged).toEqual(
      expect.arrayContaining([
        { tagKey: 'team', tagValue: 'discovery' },
        { tagKey: 'stage', tagValue: 'prod' },
      ]),
    );
    expect(await tagsOf(api, datasetGroupArn)).toEqual([{ tagKey: 'stage', tagValue: 'prod' }]);
  });

  it('does not count tagging as an update of the resource', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'untouched');

    await api.call('TagResource', {
      resourceArn: datasetGroupArn,
      tags: [{ tagKey: 'a', tagValue: 'b' }],
    });

    const { datasetGroup } = await api.call('DescribeDatasetGroup', { datasetGroupArn });
    expect(datasetGroup.lastUpdatedDateTime).toBe(datasetGroup.creationDateTime);
  });

  it('refuses more than 50 tags on a resource, at creation and when tagging', async () => {
    const api = memoryApi();

    const atCreation = await failure(createGroup(api, 'overtagged', { tags: many(0, 51) }));
    const datasetGroupArn = await createGroup(api, 'full', { tags: many(0, 50) });
    const tagging = await failure(
      api.call('TagResource', { resourceArn: datasetGroupArn, tags: many(50, 1) }),
    );

    expect(atCreation).toMatchObject({
      name: 'TooManyTagsException',
      message: 'A resource can have at most 50 tags; this request would give it 51.',
    });
    expect(tagging).toMatchObject({
      name: 'TooManyTagsException',
      message: 'A resource can have at most 50 tags; this request would give it 51.',
    });
    expect(
      await failure(
        api.call('DescribeDatasetGroup', { datasetGroupArn: arnOf('dataset-group', 'overtagged') }),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses to remove more than 50 keys at once', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'untag-many');

    const error = await failure(
      api.call('UntagResource', {
        resourceArn: datasetGroupArn,
        tagKeys: Array.from({ length: 51 }, (_, i) => `k${i}`),
      }),
    );

    expect(error.name).toBe('TooManyTagKeysException');
  });

  it('rejects reserved aws: keys and over-long keys', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'reserved');
    const tag = (tagKey: string) =>
      api.call('TagResource', { resourceArn: datasetGroupArn, tags: [{ tagKey, tagValue: 'v' }] });

    expect(await failure(tag('aws:owner'))).toMatchObject({
      name: 'InvalidInputException',
      message: 'Tag key aws:owner uses the reserved prefix aws:.',
    });
    expect((await failure(tag('k'.repeat(129)))).message).toMatch(
      /at 'tags\[0\]\.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128/,
    );
  });

  it('refuses to tag a kind of resource that takes no tags', async () => {
    const api = memoryApi();
    const schemaArn = await createSchema(api, 'untaggable', USERS_SCHEMA);

    const error = await failure(
      api.call('TagResource', { resourceArn: schemaArn, tags: [{ tagKey: 'a', tagValue: 'b' }] }),
    );

    expect(error).toMatchObject({
      name: 'InvalidInputException',
      message: `A schema cannot be tagged: ${schemaArn}.`,
    });
  });

  it('takes an empty list of tags or tag keys as a change of nothing (issue 12)', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'empty-tags', {
      tags: [{ tagKey: 'k', tagValue: 'v' }],
    });

    await api.call('TagResource', { resourceArn: datasetGroupArn, tags: [] });
    await api.call('UntagResource', { resourceArn: datasetGroupArn, tagKeys: [] });

    expect(await tagsOf(api, datasetGroupArn)).toEqual([{ tagKey: 'k', tagValue: 'v' }]);
    expect(
      (
        await failure(
          api.call('UntagResource', { resourceArn: arnOf('dataset-group', 'ghost'), tagKeys: [] }),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
  });

  it('reports an unknown resource as not found', async () => {
    const api = memoryApi();
    const resourceArn = arnOf('dataset-group', 'ghost');

    expect(await failure(api.call('ListTagsForResource', { resourceArn }))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Could not find resource with ARN ${resourceArn}.`,
    });
  });
});

describe('pagination', () => {
  /** A service with `count` dataset groups, created one after another. */
  async function withGroups(count: number) {
    const api = memoryApi({ quotas: { datasetGroups: count + 10 } });
    const created: string[] = [];
    for (let i = 0; i < count; i++) created.push(await createGroup(api, `group-${i}`));
    return { api, created };
  }

  async function pages(api: MemoryApi, maxResults?: number) {
    const sizes: number[] = [];
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await api.call('ListDatasetGroups', { maxResults, nextToken });
      sizes.push(page.datasetGroups.length);
      arns.push(
        ...page.datasetGroups.map((group: { datasetGroupArn: string }) => group.datasetGroupArn),
      );
      nextToken = page.nextToken;
    } while (nextToken);
    return { sizes, arns };
  }

  it('pages through 250 resources newest first, 100 at a time by default, with no token on the last page', async () => {
    const { api, created } = await withGroups(250);

    const { sizes, arns } = await pages(api);

    expect(sizes).toEqual([100, 100, 50]);
    expect(arns).toEqual([...created].reverse());
  });

  it('ends without a token when the last page is exactly full', async () => {
    const { api } = await withGroups(20);

    expect((await pages(api, 5)).sizes).toEqual([5, 5, 5, 5]);
  });

  it('stays stable when resources are added or deleted between pages', async () => {
    // Prepare
    const { api, created } = await withGroups(9);
    const first = await api.call('ListDatasetGroups', { maxResults: 4 });

    // Act
    await createGroup(api, 'late');
    await api.call('DeleteDatasetGroup', { datasetGroupArn: created[5] });
    const second = await api.call('ListDatasetGroups', {
      maxResults: 4,
      nextToken: first.nextToken,
    });

    // Assess
    const arnsOf = (page: { datasetGroups: { datasetGroupArn: string }[] }) =>
      page.datasetGroups.map((group) => group.datasetGroupArn);
    expect(arnsOf(first)).toEqual([created[8], created[7], created[6], created[5]]);
    expect(arnsOf(second)).toEqual([created[4], created[3], created[2], created[1]]);
  });

  it('rejects a forged or edited nextToken', async () => {
    const { api } = await withGroups(12);
    const { nextToken } = await api.call('ListDatasetGroups', { maxResults: 10 });
    const [payload, mac] = (nextToken as string).split('.');
    const forged = Buffer.from(
      JSON.stringify({ arn: 'x', kind: 'dataset-group', kindOrder: '0' }),
    ).toString('base64url');

    for (const token of ['garbage', `${forged}.${mac}`, `${payload}.${mac}x`, `${payload}`]) {
      expect(
        await failure(api.call('ListDatasetGroups', { maxResults: 10, nextToken: token })),
      ).toMatchObject({
        name: 'InvalidNextTokenException',
        message: 'The nextToken is not valid for this request.',
      });
    }
  });

  it('rejects a token from another listing', async () => {
    const api = memoryApi();
    for (const name of ['s1', 's2']) await createSchema(api, name, USERS_SCHEMA);
    const { nextToken } = await api.call('ListSchemas', { maxResults: 1 });

    expect(nextToken).toEqual(expect.any(String));
    expect((await failure(api.call('ListDatasetGroups', { nextToken }))).name).toBe(
      'InvalidNextTokenException',
    );
  });

  it('rejects maxResults outside 1 to 100', async () => {
    const api = memoryApi();

    expect((await failure(api.call('ListDatasetGroups', { maxResults: 0 }))).name).toBe(
      'InvalidInputException',
    );
    expect((await failure(api.call('ListDatasetGroups', { maxResults: 101 }))).message).toMatch(
      /Value 101 at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100/,
    );
  });
});
