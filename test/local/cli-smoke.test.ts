/**
 * The AWS CLI v2 against `npm start`: the client with the strictest idea of the wire protocol
 * (it paginates, parses timestamps and maps errors to exit codes on its own).
 */
import { AWS_CLI, awsCli, haveAwsCli, succeeded } from '../helpers/aws-cli';
import { startLocal, type RunningService } from '../helpers/process';

if (!haveAwsCli) {
  console.warn(
    `Skipping the AWS CLI smoke test: ${AWS_CLI} is missing (install Debian's awscli package; .ci/run does).`,
  );
}
const describeWithCli = haveAwsCli ? describe : describe.skip;

describeWithCli('the AWS CLI v2 against the local service', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startLocal();
  });
  afterAll(() => service.stop());

  const aws = (...args: string[]) => awsCli(service, ...args);

  it('creates, describes, lists and deletes a dataset group', async () => {
    // Prepare
    const created = succeeded(await aws('personalize', 'create-dataset-group', '--name', 'cli'));
    const { datasetGroupArn } = created as { datasetGroupArn: string };
    expect(datasetGroupArn).toBe('arn:aws:personalize:us-east-1:000000000000:dataset-group/cli');

    // Act
    const described = succeeded(
      await aws('personalize', 'describe-dataset-group', '--dataset-group-arn', datasetGroupArn),
    );
    const listed = succeeded(await aws('personalize', 'list-dataset-groups'));
    const deleted = await aws(
      'personalize',
      'delete-dataset-group',
      '--dataset-group-arn',
      datasetGroupArn,
    );
    const afterDelete = succeeded(await aws('personalize', 'list-dataset-groups'));

    // Assess
    expect(described).toEqual({
      datasetGroup: expect.objectContaining({ name: 'cli', datasetGroupArn, status: 'ACTIVE' }),
    });
    expect(listed).toEqual({
      datasetGroups: [expect.objectContaining({ name: 'cli', datasetGroupArn })],
    });
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(afterDelete).toEqual({ datasetGroups: [] });
  });

  it('exits with code 254 and names ResourceNotFoundException for an unknown dataset group', async () => {
    // Act
    const result = await aws(
      'personalize',
      'describe-dataset-group',
      '--dataset-group-arn',
      'arn:aws:personalize:us-east-1:000000000000:dataset-group/missing',
    );

    // Assess
    expect(result.code).toBe(254);
    expect(result.stderr).toContain('ResourceNotFoundException');
    expect(result.stdout).toBe('');
  });
});
