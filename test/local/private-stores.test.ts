/**
 * What other local users cannot reach (docs/auth.md): the embedded DynamoDB answers only the data
 * dir's internal credential, and the data dir is its owner's alone (0700 folders, 0600 files).
 */
import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { chmod, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_PREFIX, localAccessKeyStore, openLocalDynamoDb } from '../../bin/local-service';
import { issueAccessKey } from '../../layers/core/auth/access-keys';
import { ACCESS_KEYS_TABLE, tableName } from '../../layers/core/store/tables';
import { REGION, startTestService, type TestService } from '../helpers/local-service';

let service: TestService;
let endpoint: string;
let issued: { accessKeyId: string; secretAccessKey: string };

beforeAll(async () => {
  service = await startTestService(undefined, { auth: 'sigv4' });
  endpoint = (await readFile(join(service.dataDir, 'dynamodb-endpoint'), 'utf8')).trim();
  const local = await openLocalDynamoDb(service.dataDir, REGION);
  try {
    issued = await issueAccessKey(await localAccessKeyStore(service.dataDir, local.client));
  } finally {
    await local.close();
  }
}, 60_000);
afterAll(() => service.stop());

const dynamoDbWith = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new DynamoDBClient({ endpoint, region: REGION, credentials, maxAttempts: 1 });

describe('the embedded DynamoDB', () => {
  it('answers the internal credential, as the service, its jobs and npm run keys use it', async () => {
    // Prepare
    const credentials = JSON.parse(
      await readFile(join(service.dataDir, 'store-credentials.json'), 'utf8'),
    );
    const client = dynamoDbWith(credentials);

    // Act
    const { TableNames } = await client.send(new ListTablesCommand({}));

    // Assess
    expect(TableNames).toContain(tableName(LOCAL_PREFIX, ACCESS_KEYS_TABLE));
    client.destroy();
  });

  it.each([
    ['any other credentials', () => ({ accessKeyId: 'test', secretAccessKey: 'test' })],
    ['a key issued for the Personalize API', () => issued],
  ])('refuses %s, and never lists the access keys', async (_case, credentials) => {
    // Prepare
    const client = dynamoDbWith(credentials());

    // Act
    const listed = client.send(new ListTablesCommand({}));
    const scanned = client.send(
      new ScanCommand({ TableName: tableName(LOCAL_PREFIX, ACCESS_KEYS_TABLE) }),
    );

    // Assess
    for (const refused of [listed, scanned]) {
      await expect(refused).rejects.toMatchObject({
        name: 'UnrecognizedClientException',
        $metadata: { httpStatusCode: 403 },
      });
    }
    client.destroy();
  });

  it('refuses an unsigned request with MissingAuthenticationTokenException', async () => {
    // Act
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.Scan',
      },
      body: JSON.stringify({ TableName: tableName(LOCAL_PREFIX, ACCESS_KEYS_TABLE) }),
    });

    // Assess
    expect(response.status).toBe(403);
    await expect(response.json()).resolves.toMatchObject({
      __type: 'MissingAuthenticationTokenException',
    });
  });
});

/** Every folder and file under `dir`, with its permission bits. */
async function modesUnder(dir: string): Promise<Array<[string, string]>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries.map(async (entry): Promise<[string, string]> => {
      const path = join(entry.parentPath, entry.name);
      const { mode } = await stat(path);
      return [path.slice(dir.length + 1), (mode & 0o777).toString(8)];
    }),
  );
}

describe('the data dir', () => {
  it('is 0700, its folders 0700 and its files 0600, stores and key files included', async () => {
    // Prepare: something in every store.
    const s3 = new S3Client({
      endpoint: service.s3Endpoint,
      region: REGION,
      credentials: issued,
      forcePathStyle: true,
    });
    await s3.send(new PutObjectCommand({ Bucket: 'tailor-data', Key: 'probe.txt', Body: 'x' }));
    s3.destroy();

    // Act
    const own = ((await stat(service.dataDir)).mode & 0o777).toString(8);
    const modes = await modesUnder(service.dataDir);
    const names = modes.map(([path]) => path);

    // Assess
    expect(own).toBe('700');
    expect(names).toEqual(
      expect.arrayContaining([
        'dynamodb',
        'dynamodb/CURRENT',
        's3',
        'secrets.key',
        'store-credentials.json',
        'dynamodb-endpoint',
        'tailor.pid',
      ]),
    );
    expect(names.some((name) => name.startsWith('s3/tailor-data/'))).toBe(true);
    for (const [path, mode] of modes) {
      const isDir = (await stat(join(service.dataDir, path))).isDirectory();
      expect({ path, mode }).toEqual({ path, mode: isDir ? '700' : '600' });
    }
  });

  it('made by an older Tailor is tightened when the service starts', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'tailor-loose-'));
    await chmod(dataDir, 0o755);
    await mkdir(join(dataDir, 's3'), { mode: 0o755 });
    await writeFile(join(dataDir, 's3', 'old.txt'), 'x', { mode: 0o644 });

    // Act
    const started = await startTestService(dataDir);
    const modes = Object.fromEntries(await modesUnder(dataDir));
    const own = ((await stat(dataDir)).mode & 0o777).toString(8);
    await started.stop();

    // Assess
    expect(own).toBe('700');
    expect(modes).toMatchObject({ s3: '700', 's3/old.txt': '600' });
  }, 60_000);
});
