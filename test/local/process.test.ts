/** `npm start` as a user meets it: a process with a banner, flags, env vars, signals and a data dir. */
import {
  CreateDatasetGroupCommand,
  DescribeDatasetGroupCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import {
  freePort,
  makeDataDir,
  spawnLocal,
  startLocal,
  type RunningService,
} from '../helpers/process';

const REGION = 'us-east-1';

function personalizeFor(service: RunningService): PersonalizeClient {
  return new PersonalizeClient({
    endpoint: service.endpoint,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

describe('a running local service', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startLocal();
  });
  afterAll(() => service.stop());

  it('prints a banner with both endpoints, an example AWS CLI command and the demo', () => {
    // Act
    const banner = service.stdout();

    // Assess
    expect(banner).toContain(service.endpoint);
    expect(banner).toContain(service.s3Endpoint);
    expect(banner).toMatch(
      new RegExp(`aws personalize create-dataset-group .*--endpoint-url ${service.endpoint}`),
    );
    expect(banner).toContain(
      `npm run demo -- --endpoint ${service.endpoint} --s3-endpoint ${service.s3Endpoint}`,
    );
  });

  it('answers GET /health with 200 and JSON', async () => {
    // Act
    const response = await fetch(`${service.endpoint}/health`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    await expect(response.json()).resolves.toEqual(expect.any(Object));
  });

  it('accepts arbitrary credentials on the S3 endpoint', async () => {
    // Prepare
    const s3 = new S3Client({
      endpoint: service.s3Endpoint,
      region: REGION,
      credentials: { accessKeyId: 'anything', secretAccessKey: 'whatever' },
      forcePathStyle: true,
      maxAttempts: 1,
    });

    try {
      // Act
      await s3.send(new CreateBucketCommand({ Bucket: 'my-data' }));
      await s3.send(
        new PutObjectCommand({
          Bucket: 'my-data',
          Key: 'interactions.csv',
          Body: 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n',
        }),
      );
      const fetched = await s3.send(
        new GetObjectCommand({ Bucket: 'my-data', Key: 'interactions.csv' }),
      );

      // Assess
      await expect(fetched.Body!.transformToString()).resolves.toBe(
        'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n',
      );
    } finally {
      s3.destroy();
    }
  });
});

describe('stopping', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('exits with code 0 on %s', async (signal) => {
    // Prepare
    const service = await startLocal();

    // Act
    const code = await service.stop(signal);

    // Assess
    expect(code).toBe(0);
    expect(service.stdout()).toContain(`${signal}: stopping Tailor`);
  });
});

describe('a busy port', () => {
  let blocker: Server;
  let busy: number;
  let dataDir: string;
  beforeAll(async () => {
    busy = await freePort();
    blocker = createServer();
    await new Promise<void>((listening) => blocker.listen(busy, '127.0.0.1', listening));
    dataDir = await makeDataDir();
  });
  afterAll(async () => {
    await new Promise((closed) => blocker.close(closed));
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['--port', '--s3-port'],
    ['--s3-port', '--port'],
  ])(
    'exits with code 1 and one stderr line naming %s when that port is taken',
    async (taken, other) => {
      // Prepare
      const args = [taken, String(busy), other, String(await freePort()), '--data-dir', dataDir];

      // Act
      const local = spawnLocal({ args });
      const code = await local.exited;

      // Assess
      expect(code).toBe(1);
      const lines = local.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(String(busy));
      expect(lines[0]).toMatch(new RegExp(`choose another with ${taken}\\b`));
    },
  );
});

describe('configuration by environment', () => {
  it('honours TAILOR_PORT, TAILOR_S3_PORT and TAILOR_DATA_DIR', async () => {
    // Act
    const service = await startLocal({ configureBy: 'env' });

    try {
      // Assess: startLocal waited for /health on TAILOR_PORT; the rest shows in the banner.
      const health = await fetch(`${service.endpoint}/health`);
      expect(health.status).toBe(200);
      expect(service.stdout()).toContain(service.s3Endpoint);
      expect(service.stdout()).toContain(service.dataDir);
    } finally {
      await service.stop();
    }
  });
});

describe('persistence', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await makeDataDir();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps a dataset group across a restart on the same data dir', async () => {
    // Prepare
    const first = await startLocal({ dataDir });
    const before = personalizeFor(first);
    const { datasetGroupArn } = await before
      .send(new CreateDatasetGroupCommand({ name: 'survivor' }))
      .finally(() => before.destroy());
    expect(await first.stop('SIGTERM')).toBe(0);

    // Act
    const second = await startLocal({ dataDir });
    const after = personalizeFor(second);
    try {
      const { datasetGroup } = await after.send(
        new DescribeDatasetGroupCommand({ datasetGroupArn }),
      );

      // Assess
      expect(datasetGroup).toMatchObject({ name: 'survivor', datasetGroupArn, status: 'ACTIVE' });
    } finally {
      after.destroy();
      await second.stop();
    }
  });
});
