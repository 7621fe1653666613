/**
 * The local service with `--auth sigv4`: keys issued with `npm run keys`, then unmodified official
 * clients (the three SDK v3 clients and the AWS CLI) calling with them.
 */
import { CreateDatasetGroupCommand, ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { PutUsersCommand } from '@aws-sdk/client-personalize-events';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { arnOf, REGION, startTestService, type TestService } from '../helpers/local-service';
import { issueKey, keys as keysIn, signedWith, type IssuedKey } from '../helpers/keys';
import { makeDataDir, spawnLocal, startLocal } from '../helpers/process';
import { signWithSmithy } from '../helpers/signers';

// Debian's awscli package (v2), never whatever `aws` comes first on PATH; cli-smoke.test.ts skips alike.
const AWS_CLI = '/usr/bin/aws';
const describeWithCli = existsSync(AWS_CLI) ? describe : describe.skip;
const run = promisify(execFile);

let service: TestService;
let key: IssuedKey;

/** `npm run keys -- ...` against the test service's data dir. */
const keys = (...args: string[]) => keysIn(service.dataDir, ...args);

const roleArgs = (roles: string[]) => roles.flatMap((role) => ['--role', role]);

/** Clients signed with `credentials`, reaching the test service or another at `endpoint`. */
const clientsWith = (credentials: IssuedKey, endpoint = service.endpoint) =>
  signedWith({ ...service, endpoint }, credentials);

/** One call per API, each reaching its operation only if the signature is accepted. */
const callEach = (clients: ReturnType<typeof clientsWith>) => [
  clients.personalize.send(new ListDatasetGroupsCommand({})),
  clients.events.send(
    new PutUsersCommand({
      datasetArn: arnOf('dataset', 'no-such-group', 'USERS'),
      users: [{ userId: 'u1', properties: '{}' }],
    }),
  ),
  clients.runtime.send(
    new GetRecommendationsCommand({
      campaignArn: arnOf('campaign', 'no-such-campaign'),
      userId: 'u1',
    }),
  ),
];

function aws(credentials: IssuedKey, ...args: string[]) {
  return run(AWS_CLI, [...args, '--endpoint-url', service.endpoint, '--output', 'json'], {
    env: {
      PATH: process.env.PATH,
      HOME: service.dataDir,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_DEFAULT_REGION: REGION,
      // Nothing from the machine's own AWS configuration.
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_MAX_ATTEMPTS: '1',
    },
  });
}

beforeAll(async () => {
  service = await startTestService(undefined, { auth: 'sigv4' });
  key = await issueKey(service.dataDir, '--description', 'auth test');
}, 60_000);
afterAll(() => service.stop());

describe('npm run keys', () => {
  it('issues keys shaped like AWS keys', () => {
    expect(key.accessKeyId).toMatch(/^TKIA[A-Z2-7]{16}$/);
    expect(key.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
  });

  it('lists keys with their description and status, never their secrets', async () => {
    // Act
    const { stdout } = await keys('list');

    // Assess
    expect(JSON.parse(stdout).AccessKeyMetadata).toContainEqual({
      AccessKeyId: key.accessKeyId,
      Status: 'Active',
      CreateDate: expect.any(String),
      Description: 'auth test',
    });
    expect(stdout).not.toContain(key.secretAccessKey);
  });
});

describe('a key’s roles', () => {
  const ALLOWED = 'arn:aws:iam::000000000000:role/personalize-imports';
  const OTHER = 'arn:aws:iam::000000000000:role/admin';

  it('are listed with the key', async () => {
    // Prepare
    const withRoles = await issueKey(
      service.dataDir,
      '--description',
      'roles',
      ...roleArgs(['arn:aws:iam::*:role/personalize-*']),
    );

    // Act
    const { stdout } = await keys('list');

    // Assess
    expect(JSON.parse(stdout).AccessKeyMetadata).toContainEqual(
      expect.objectContaining({
        AccessKeyId: withRoles.accessKeyId,
        RoleArns: ['arn:aws:iam::*:role/personalize-*'],
      }),
    );
  });

  it.each([
    ['a key with no roles', [], ALLOWED],
    ['a key whose patterns do not match', ['arn:aws:iam::*:role/personalize-*'], OTHER],
  ])('refuse a roleArn to %s with AccessDeniedException', async (_case, roles, roleArn) => {
    // Prepare
    const holder = await issueKey(service.dataDir, ...roleArgs(roles));
    const clients = clientsWith(holder);

    // Act
    const created = clients.personalize.send(
      new CreateDatasetGroupCommand({ name: `denied-${Date.now()}`, roleArn }),
    );

    // Assess
    await expect(created).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: ${holder.accessKeyId} is not authorized to perform: iam:PassRole on resource: ${roleArn}`,
      $metadata: { httpStatusCode: 400 },
    });
    clients.destroy();
  });

  it('let a key pass a role its patterns match', async () => {
    // Prepare
    const holder = await issueKey(
      service.dataDir,
      ...roleArgs(['arn:aws:iam::*:role/personalize-*']),
    );
    const clients = clientsWith(holder);

    // Act
    const created = await clients.personalize.send(
      new CreateDatasetGroupCommand({ name: `passed-${Date.now()}`, roleArn: ALLOWED }),
    );

    // Assess
    expect(created.datasetGroupArn).toContain(':dataset-group/passed-');
    clients.destroy();
  });

  it('must be role ARNs', async () => {
    await expect(keys('issue', '--role', 'admin')).rejects.toMatchObject({
      stderr: expect.stringContaining('--role must be a role ARN'),
    });
  });
});

describe('secrets at rest', () => {
  it('are sealed with a key file only the owner may read, and never stored in clear', async () => {
    // Prepare
    const files = await readdir(service.dataDir, { recursive: true });
    const keyFile = join(service.dataDir, 'secrets.key');

    // Act
    const mode = (await stat(keyFile)).mode & 0o777;
    const stored = await Promise.all(
      files
        .map((file) => join(service.dataDir, file))
        .filter((path) => statSync(path).isFile())
        .map((path) => readFile(path)),
    );

    // Assess
    expect(mode).toBe(0o600);
    expect(stored.some((bytes) => bytes.includes(key.secretAccessKey))).toBe(false);
  });
});

describe('the official SDK clients', () => {
  it('call all three APIs with an issued key', async () => {
    // Prepare
    const clients = clientsWith(key);

    try {
      // Act
      const [list, putUsers, recommend] = await Promise.allSettled(callEach(clients));

      // Assess: past the signature check, each reaches its operation.
      expect(list.status).toBe('fulfilled');
      expect(putUsers).toMatchObject({ reason: { name: 'ResourceNotFoundException' } });
      expect(recommend).toMatchObject({ reason: { name: 'ResourceNotFoundException' } });
    } finally {
      clients.destroy();
    }
  });

  it('fail with InvalidSignatureException on every API when the secret is wrong', async () => {
    // Prepare
    const clients = clientsWith({ ...key, secretAccessKey: 'x'.repeat(40) });

    try {
      // Act
      const results = await Promise.allSettled(callEach(clients));

      // Assess
      for (const result of results) {
        expect(result).toMatchObject({
          status: 'rejected',
          reason: {
            name: 'InvalidSignatureException',
            message: expect.stringMatching(/^The request signature we calculated does not match/),
            $metadata: { httpStatusCode: 403 },
          },
        });
      }
    } finally {
      clients.destroy();
    }
  });

  it('fail with UnrecognizedClientException for a key Tailor never issued', async () => {
    // Prepare
    const clients = clientsWith({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: key.secretAccessKey,
    });

    try {
      // Act
      const results = await Promise.allSettled(callEach(clients));

      // Assess
      for (const result of results) {
        expect(result).toMatchObject({ reason: { name: 'UnrecognizedClientException' } });
      }
    } finally {
      clients.destroy();
    }
  });

  it('fail with UnrecognizedClientException once the key is revoked', async () => {
    // Prepare
    const revoked = await issueKey(service.dataDir);
    const clients = clientsWith(revoked);

    try {
      // Act
      await keys('revoke', revoked.accessKeyId);
      const listing = await clients.personalize
        .send(new ListDatasetGroupsCommand({}))
        .catch((e: unknown) => e);
      const { stdout } = await keys('list');

      // Assess
      expect(listing).toMatchObject({ name: 'UnrecognizedClientException' });
      expect(JSON.parse(stdout).AccessKeyMetadata).toContainEqual(
        expect.objectContaining({ AccessKeyId: revoked.accessKeyId, Status: 'Inactive' }),
      );
    } finally {
      clients.destroy();
    }
  });
});

describe('an unsigned request', () => {
  it('fails with MissingAuthenticationTokenException', async () => {
    // Act
    const response = await fetch(service.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonPersonalize.ListDatasetGroups',
      },
      body: '{}',
    });

    // Assess
    expect(response.status).toBe(403);
    await expect(response.json()).resolves.toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });
});

describe('a captured request replayed with another X-Amz-Target (issue 12)', () => {
  it('fails with IncompleteSignatureException: the target must be signed', async () => {
    // Prepare: signed as a read, without its target, then sent as a delete.
    const url = new URL(service.endpoint);
    const request = await signWithSmithy(
      {
        method: 'POST',
        host: url.host,
        path: '/',
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: '{"datasetGroupArn":"arn:aws:personalize:us-east-1:000000000000:dataset-group/x"}',
      },
      { credentials: key, region: REGION, service: 'personalize', signingDate: new Date() },
    );

    // Act
    const response = await fetch(service.endpoint, {
      method: 'POST',
      headers: { ...request.headers, 'x-amz-target': 'AmazonPersonalize.DeleteDatasetGroup' },
      body: request.body,
    } as RequestInit);

    // Assess
    expect(response.status).toBe(400);
    await expect(response.json()).resolves.toEqual({
      __type: 'IncompleteSignatureException',
      message: "'x-amz-target' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });
});

describeWithCli('the AWS CLI', () => {
  it('calls Tailor with an issued key', async () => {
    // Prepare
    const clients = clientsWith(key);
    await clients.personalize.send(new CreateDatasetGroupCommand({ name: 'signed-by-cli-test' }));
    clients.destroy();

    // Act
    const { stdout } = await aws(key, 'personalize', 'list-dataset-groups');

    // Assess
    expect(JSON.parse(stdout).datasetGroups).toContainEqual(
      expect.objectContaining({ name: 'signed-by-cli-test' }),
    );
  }, 60_000);

  it('reports InvalidSignatureException when the secret is wrong', async () => {
    // Act
    const failure = await aws(
      { ...key, secretAccessKey: 'x'.repeat(40) },
      'personalize',
      'list-dataset-groups',
    ).catch((error: { code: number; stderr: string }) => error);

    // Assess
    expect(failure).toMatchObject({
      code: expect.any(Number),
      stderr: expect.stringContaining('(InvalidSignatureException)'),
    });
  }, 60_000);
});

describe('npm start with TAILOR_AUTH=sigv4', () => {
  it('accepts a key issued while it was stopped, and refuses others', async () => {
    // Prepare: the command opens the stopped service's stores itself.
    const dataDir = await makeDataDir();
    const issued = await issueKey(dataDir, '--description', 'before start');
    const local = await startLocal({ dataDir, env: { TAILOR_AUTH: 'sigv4' } });
    const good = clientsWith(issued, local.endpoint);
    const bad = clientsWith({ ...issued, secretAccessKey: 'x'.repeat(40) }, local.endpoint);

    try {
      // Act
      const listed = await good.personalize.send(new ListDatasetGroupsCommand({}));
      const refused = await bad.personalize
        .send(new ListDatasetGroupsCommand({}))
        .catch((e: unknown) => e);

      // Assess
      expect(listed.datasetGroups).toEqual([]);
      expect(refused).toMatchObject({ name: 'InvalidSignatureException' });
      expect(local.stdout()).toContain('requests must be signed with a key from npm run keys');
    } finally {
      good.destroy();
      bad.destroy();
      await local.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits with code 1 and one stderr line for an unknown --auth mode', async () => {
    // Prepare
    const dataDir = await makeDataDir();

    // Act
    const local = spawnLocal({ args: ['--auth', 'iam', '--data-dir', dataDir] });
    const code = await local.exited.finally(() => rm(dataDir, { recursive: true, force: true }));

    // Assess
    expect(code).toBe(1);
    expect(local.stderr().trim().split('\n')).toEqual([
      '--auth must be none or sigv4, got "iam". (npm start -- --help lists the options)',
    ]);
  });
});
