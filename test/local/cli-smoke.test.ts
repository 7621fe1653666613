/**
 * The AWS CLI v2 against `npm start`: the client with the strictest idea of the wire protocol
 * (it paginates, parses timestamps and maps errors to exit codes on its own).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLocal, type RunningService } from '../helpers/process';

// Debian's awscli package is v2; a v1 `aws` may come first on PATH, so never rely on PATH.
const AWS_CLI = '/usr/bin/aws';
const haveCli = existsSync(AWS_CLI);
if (!haveCli) {
  console.warn(
    `Skipping the AWS CLI smoke test: ${AWS_CLI} is missing (install Debian's awscli package; .ci/run does).`,
  );
}
const describeWithCli = haveCli ? describe : describe.skip;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

describeWithCli('the AWS CLI v2 against the local service', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startLocal();
  });
  afterAll(() => service.stop());

  function aws(...args: string[]): Promise<CliResult> {
    return new Promise((resolveResult, reject) => {
      const child = spawn(AWS_CLI, [...args, '--endpoint-url', service.endpoint], {
        env: {
          PATH: process.env.PATH,
          HOME: service.dataDir,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_REGION: 'us-east-1',
          AWS_PAGER: '',
          // A developer's own profiles must not leak into the test.
          AWS_CONFIG_FILE: join(service.dataDir, 'no-aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(service.dataDir, 'no-aws-credentials'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('error', reject);
      child.once('close', (code) => resolveResult({ code, stdout, stderr }));
    });
  }

  function succeeded(result: CliResult): unknown {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    return result.stdout.trim() === '' ? {} : JSON.parse(result.stdout);
  }

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
