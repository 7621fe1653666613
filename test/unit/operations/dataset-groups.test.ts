/**
 * Dataset groups' rules through the wire's own dispatch on the in-memory stores: what a client
 * would see, in milliseconds. The official clients' suite (test/api) stays the contract.
 */
import { arnOf, createGroup, failure, memoryApi } from '../../helpers/memory-api';

describe('dataset groups', () => {
  it('creates, describes, lists and deletes a dataset group', async () => {
    // Prepare
    const api = memoryApi();

    // Act
    const created = await api.call('CreateDatasetGroup', {
      name: 'movies',
      domain: 'VIDEO_ON_DEMAND',
    });
    const { datasetGroup } = await api.call('DescribeDatasetGroup', {
      datasetGroupArn: created.datasetGroupArn,
    });
    const { datasetGroups } = await api.call('ListDatasetGroups');
    await api.call('DeleteDatasetGroup', { datasetGroupArn: created.datasetGroupArn });

    // Assess
    expect(created).toEqual({
      datasetGroupArn: arnOf('dataset-group', 'movies'),
      domain: 'VIDEO_ON_DEMAND',
    });
    expect(datasetGroup).toEqual({
      name: 'movies',
      datasetGroupArn: created.datasetGroupArn,
      status: 'ACTIVE',
      domain: 'VIDEO_ON_DEMAND',
      creationDateTime: expect.any(Number),
      lastUpdatedDateTime: datasetGroup.creationDateTime,
    });
    expect(datasetGroups).toEqual([
      {
        name: 'movies',
        datasetGroupArn: created.datasetGroupArn,
        status: 'ACTIVE',
        domain: 'VIDEO_ON_DEMAND',
        creationDateTime: datasetGroup.creationDateTime,
        lastUpdatedDateTime: datasetGroup.creationDateTime,
      },
    ]);
    expect(
      await failure(api.call('DescribeDatasetGroup', { datasetGroupArn: created.datasetGroupArn })),
    ).toMatchObject({ name: 'ResourceNotFoundException', statusCode: 400 });
  });

  it('rejects a duplicate name', async () => {
    const api = memoryApi();
    await createGroup(api, 'twice');

    expect(await failure(createGroup(api, 'twice'))).toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: `A dataset group with ARN ${arnOf('dataset-group', 'twice')} already exists.`,
    });
  });

  it('lets exactly one of many concurrent creates of one name succeed', async () => {
    const api = memoryApi();

    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => createGroup(api, 'race')),
    );

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason.name).toBe('ResourceAlreadyExistsException');
      }
    }
  });

  it('rejects an invalid name with the constraint it breaks', async () => {
    const api = memoryApi();

    expect(await failure(createGroup(api, 'bad name'))).toMatchObject({
      name: 'InvalidInputException',
      message:
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*",
    });
    expect((await failure(createGroup(api, 'x'.repeat(64)))).message).toMatch(
      /Member must have length less than or equal to 63/,
    );
  });

  it('lists every violation of a request in one message', async () => {
    const api = memoryApi();

    const error = await failure(createGroup(api, '-', { domain: 'GROCERY' }));

    expect(error.message).toBe(
      "2 validation errors detected: Value '-' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*; Value 'GROCERY' at 'domain' failed to satisfy constraint: Member must satisfy enum value set: [ECOMMERCE, VIDEO_ON_DEMAND]",
    );
  });

  it('rejects a member of the wrong JSON type as a SerializationException', async () => {
    const api = memoryApi();

    expect(await failure(api.call('CreateDatasetGroup', { name: 7 }))).toMatchObject({
      name: 'SerializationException',
      message: "Expected string at 'name' but found number",
    });
    expect(await failure(api.callRaw('CreateDatasetGroup', '{"name":'))).toMatchObject({
      name: 'SerializationException',
    });
  });

  it('requires a role with a KMS key', async () => {
    const api = memoryApi();

    const error = await failure(
      createGroup(api, 'kms', { kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' }),
    );

    expect(error).toMatchObject({
      name: 'InvalidInputException',
      message: 'A dataset group with a kmsKeyArn needs a roleArn that grants access to the key.',
    });
  });

  it('reports an unknown dataset group as not found, naming its ARN', async () => {
    const api = memoryApi();
    const datasetGroupArn = arnOf('dataset-group', 'nope');

    expect(await failure(api.call('DescribeDatasetGroup', { datasetGroupArn }))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Could not find dataset group with ARN ${datasetGroupArn}.`,
    });
    expect(await failure(api.call('DeleteDatasetGroup', { datasetGroupArn }))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('rejects a malformed ARN', async () => {
    const api = memoryApi();

    expect(
      (await failure(api.call('DescribeDatasetGroup', { datasetGroupArn: 'movies' }))).message,
    ).toMatch(
      /^1 validation error detected: Value 'movies' at 'datasetGroupArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
  });
});
