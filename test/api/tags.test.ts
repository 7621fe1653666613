import {
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  DescribeDatasetGroupCommand,
  InvalidInputException,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyTagKeysException,
  TooManyTagsException,
  UntagResourceCommand,
} from '@aws-sdk/client-personalize';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import { USERS_SCHEMA } from '../helpers/schemas';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

const tagsOf = async (resourceArn: string) =>
  (await service.personalize.send(new ListTagsForResourceCommand({ resourceArn }))).tags;

describe('tags', () => {
  it('keeps the tags given at creation and adds, overwrites and removes tags', async () => {
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({
        name: 'tagged',
        tags: [{ tagKey: 'team', tagValue: 'search' }],
      }),
    );
    expect(await tagsOf(datasetGroupArn!)).toEqual([{ tagKey: 'team', tagValue: 'search' }]);

    await service.personalize.send(
      new TagResourceCommand({
        resourceArn: datasetGroupArn,
        tags: [
          { tagKey: 'team', tagValue: 'discovery' },
          { tagKey: 'stage', tagValue: 'prod' },
        ],
      }),
    );
    expect(await tagsOf(datasetGroupArn!)).toEqual(
      expect.arrayContaining([
        { tagKey: 'team', tagValue: 'discovery' },
        { tagKey: 'stage', tagValue: 'prod' },
      ]),
    );

    await service.personalize.send(
      new UntagResourceCommand({ resourceArn: datasetGroupArn, tagKeys: ['team', 'absent'] }),
    );
    expect(await tagsOf(datasetGroupArn!)).toEqual([{ tagKey: 'stage', tagValue: 'prod' }]);
  });

  it('tags event trackers too', async () => {
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'tracker-tags' }),
    );
    const { eventTrackerArn } = await service.personalize.send(
      new CreateEventTrackerCommand({
        name: 'tagged-tracker',
        datasetGroupArn,
        tags: [{ tagKey: 'source', tagValue: 'web' }],
      }),
    );
    expect(await tagsOf(eventTrackerArn!)).toEqual([{ tagKey: 'source', tagValue: 'web' }]);
  });

  it('refuses more than 50 tags on a resource, at creation and when tagging', async () => {
    const many = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ tagKey: `k${from + i}`, tagValue: 'v' }));
    const overtagged = service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'overtagged', tags: many(0, 51) }),
    );
    await expect(overtagged).rejects.toThrow(TooManyTagsException);
    await expect(overtagged).rejects.toThrow(
      'A resource can have at most 50 tags; this request would give it 51.',
    );
    await expect(
      service.personalize.send(
        new DescribeDatasetGroupCommand({ datasetGroupArn: arnOf('dataset-group', 'overtagged') }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);

    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'full', tags: many(0, 50) }),
    );
    // Every Create* counts its tags alike.
    await expect(
      service.personalize.send(
        new CreateEventTrackerCommand({ name: 'overtagged', datasetGroupArn, tags: many(0, 51) }),
      ),
    ).rejects.toThrow('A resource can have at most 50 tags; this request would give it 51.');

    const tagging = service.personalize.send(
      new TagResourceCommand({ resourceArn: datasetGroupArn, tags: many(49, 2) }),
    );
    await expect(tagging).rejects.toThrow(TooManyTagsException);
    await expect(tagging).rejects.toThrow(
      'A resource can have at most 50 tags; this request would give it 51.',
    );
    expect(await tagsOf(datasetGroupArn!)).toHaveLength(50);
    // Overwriting a tag it has leaves a full resource at 50.
    await service.personalize.send(
      new TagResourceCommand({
        resourceArn: datasetGroupArn,
        tags: [{ tagKey: 'k0', tagValue: 'new' }],
      }),
    );
    expect(await tagsOf(datasetGroupArn!)).toContainEqual({ tagKey: 'k0', tagValue: 'new' });
  });

  it('refuses a request listing more than the model’s 200 tags before counting them', async () => {
    const attempt = service.personalize.send(
      new CreateDatasetGroupCommand({
        name: 'listed',
        tags: Array.from({ length: 201 }, (_, i) => ({ tagKey: `k${i}`, tagValue: 'v' })),
      }),
    );
    await expect(attempt).rejects.toThrow(InvalidInputException);
    await expect(attempt).rejects.toThrow(
      "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200",
    );
  });

  it('refuses to remove more than 50 keys at once', async () => {
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'untag-many' }),
    );
    await expect(
      service.personalize.send(
        new UntagResourceCommand({
          resourceArn: datasetGroupArn,
          tagKeys: Array.from({ length: 51 }, (_, i) => `k${i}`),
        }),
      ),
    ).rejects.toThrow(TooManyTagKeysException);
  });

  it('rejects reserved aws: keys and over-long keys', async () => {
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'reserved' }),
    );
    await expect(
      service.personalize.send(
        new TagResourceCommand({
          resourceArn: datasetGroupArn,
          tags: [{ tagKey: 'aws:owner', tagValue: 'me' }],
        }),
      ),
    ).rejects.toThrow(/reserved prefix aws:/);
    await expect(
      service.personalize.send(
        new TagResourceCommand({
          resourceArn: datasetGroupArn,
          tags: [{ tagKey: 'k'.repeat(129), tagValue: 'v' }],
        }),
      ),
    ).rejects.toThrow(
      /at 'tags\[0\]\.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128/,
    );
  });

  it('refuses to tag a kind of resource that takes no tags', async () => {
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: 'untaggable', schema: USERS_SCHEMA }),
    );
    await expect(
      service.personalize.send(
        new TagResourceCommand({ resourceArn: schemaArn, tags: [{ tagKey: 'a', tagValue: 'b' }] }),
      ),
    ).rejects.toThrow(InvalidInputException);
  });

  // Issue 12: the fuzzer found that empty lists answered 500.
  it('takes an empty list of tags or tag keys as a change of nothing', async () => {
    // Prepare
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'empty-tags', tags: [{ tagKey: 'k', tagValue: 'v' }] }),
    );

    // Act
    await service.personalize.send(
      new TagResourceCommand({ resourceArn: datasetGroupArn, tags: [] }),
    );
    await service.personalize.send(
      new UntagResourceCommand({ resourceArn: datasetGroupArn, tagKeys: [] }),
    );

    // Assess
    expect(await tagsOf(datasetGroupArn!)).toEqual([{ tagKey: 'k', tagValue: 'v' }]);
    await expect(
      service.personalize.send(
        new UntagResourceCommand({ resourceArn: arnOf('dataset-group', 'ghost'), tagKeys: [] }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('reports an unknown resource as not found', async () => {
    const resourceArn = arnOf('dataset-group', 'ghost');
    await expect(
      service.personalize.send(new ListTagsForResourceCommand({ resourceArn })),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      service.personalize.send(
        new TagResourceCommand({ resourceArn, tags: [{ tagKey: 'a', tagValue: 'b' }] }),
      ),
    ).rejects.toThrow(`Could not find resource with ARN ${resourceArn}.`);
  });
});
