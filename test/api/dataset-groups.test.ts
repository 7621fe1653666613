import {
  CreateDatasetGroupCommand,
  DeleteDatasetGroupCommand,
  DescribeDatasetGroupCommand,
  InvalidInputException,
  ListDatasetGroupsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-personalize';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

describe('dataset groups', () => {
  it('creates, describes, lists and deletes a dataset group', async () => {
    const before = Date.now();
    const created = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'movies', domain: 'VIDEO_ON_DEMAND' }),
    );
    expect(created).toMatchObject({
      datasetGroupArn: arnOf('dataset-group', 'movies'),
      domain: 'VIDEO_ON_DEMAND',
    });

    const { datasetGroup } = await service.personalize.send(
      new DescribeDatasetGroupCommand({ datasetGroupArn: created.datasetGroupArn }),
    );
    expect(datasetGroup).toMatchObject({
      name: 'movies',
      datasetGroupArn: created.datasetGroupArn,
      status: 'ACTIVE',
      domain: 'VIDEO_ON_DEMAND',
    });
    expect(datasetGroup!.creationDateTime!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(datasetGroup!.lastUpdatedDateTime).toEqual(datasetGroup!.creationDateTime);

    const { datasetGroups } = await service.personalize.send(new ListDatasetGroupsCommand({}));
    expect(datasetGroups!.map((group) => group.name)).toContain('movies');

    await service.personalize.send(
      new DeleteDatasetGroupCommand({ datasetGroupArn: created.datasetGroupArn }),
    );
    await expect(
      service.personalize.send(
        new DescribeDatasetGroupCommand({ datasetGroupArn: created.datasetGroupArn }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('rejects a duplicate name', async () => {
    await service.personalize.send(new CreateDatasetGroupCommand({ name: 'twice' }));
    await expect(
      service.personalize.send(new CreateDatasetGroupCommand({ name: 'twice' })),
    ).rejects.toThrow(ResourceAlreadyExistsException);
  });

  it('lets exactly one of many concurrent creates of one name succeed', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        service.personalize.send(new CreateDatasetGroupCommand({ name: 'race' })),
      ),
    );
    const succeeded = results.filter((result) => result.status === 'fulfilled');
    const failed = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason] : [],
    );
    expect(succeeded).toHaveLength(1);
    expect(failed).toHaveLength(11);
    failed.forEach((error) => expect(error).toBeInstanceOf(ResourceAlreadyExistsException));
  });

  it('rejects an invalid name with the constraint it breaks', async () => {
    await expect(
      service.personalize.send(new CreateDatasetGroupCommand({ name: 'bad name' })),
    ).rejects.toThrow(
      new InvalidInputException({
        $metadata: {},
        message:
          "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*",
      }),
    );
    await expect(
      service.personalize.send(new CreateDatasetGroupCommand({ name: 'x'.repeat(64) })),
    ).rejects.toThrow(/Member must have length less than or equal to 63/);
  });

  it('rejects a domain outside the enumeration', async () => {
    await expect(
      service.personalize.send(
        new CreateDatasetGroupCommand({ name: 'dom', domain: 'GROCERY' as 'ECOMMERCE' }),
      ),
    ).rejects.toThrow(
      /at 'domain' failed to satisfy constraint: Member must satisfy enum value set: \[ECOMMERCE, VIDEO_ON_DEMAND\]/,
    );
  });

  it('requires a role with a KMS key', async () => {
    await expect(
      service.personalize.send(
        new CreateDatasetGroupCommand({
          name: 'kms',
          kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc',
        }),
      ),
    ).rejects.toThrow(/needs a roleArn/);
  });

  it('reports an unknown dataset group as not found', async () => {
    await expect(
      service.personalize.send(
        new DescribeDatasetGroupCommand({ datasetGroupArn: arnOf('dataset-group', 'nope') }),
      ),
    ).rejects.toThrow(`Could not find dataset group with ARN ${arnOf('dataset-group', 'nope')}.`);
    await expect(
      service.personalize.send(
        new DeleteDatasetGroupCommand({ datasetGroupArn: arnOf('dataset-group', 'nope') }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('rejects a malformed ARN', async () => {
    await expect(
      service.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: 'movies' })),
    ).rejects.toThrow(
      /Value 'movies' at 'datasetGroupArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
  });
});
