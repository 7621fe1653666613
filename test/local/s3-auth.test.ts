/**
 * The local S3 endpoint with `--auth sigv4` (docs/auth.md): the same Tailor-issued keys as the
 * Personalize port, checked with S3's rules, from the SDK v3 S3Client and the AWS CLI; refusals
 * as S3's XML errors; uploads stored intact or not at all; jobs reading the data in sigv4 mode.
 */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  DescribeDatasetImportJobCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { localAccessKeyStore, openLocalDynamoDb } from '../../bin/local-service';
import { issueAccessKey } from '../../layers/core/auth/access-keys';
import { interactionsCsv, ROLE_ARN } from '../helpers/import';
import { REGION, startTestService, type TestService } from '../helpers/local-service';
import { INTERACTIONS_SCHEMA } from '../helpers/schemas';

const AWS_CLI = '/usr/bin/aws';
const describeWithCli = existsSync(AWS_CLI) ? describe : describe.skip;
const run = promisify(execFile);
const BUCKET = 'signed-data';

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

let service: TestService;
let key: Credentials;
let s3: S3Client;

const s3With = (credentials: Credentials) =>
  new S3Client({
    endpoint: service.s3Endpoint,
    region: REGION,
    credentials,
    forcePathStyle: true,
    maxAttempts: 1,
  });

beforeAll(async () => {
  service = await startTestService(undefined, { auth: 'sigv4' });
  const local = await openLocalDynamoDb(service.dataDir, REGION);
  try {
    const keys = await localAccessKeyStore(service.dataDir, local.client);
    key = await issueAccessKey(keys, { roleArns: [ROLE_ARN] });
  } finally {
    await local.close();
  }
  s3 = s3With(key);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
}, 60_000);
afterAll(async () => {
  s3.destroy();
  await service.stop();
});

const read = async (objectKey: string): Promise<Buffer> => {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: objectKey }));
  return Buffer.from(await Body!.transformToByteArray());
};

/** A request signed for S3 by the SDK's signer, sent with fetch, so a test can change it after. */
async function signed(
  method: string,
  path: string,
  options: { body?: Buffer; headers?: Record<string, string>; credentials?: Credentials } = {},
) {
  const url = new URL(path, service.s3Endpoint);
  const body = options.body ?? Buffer.alloc(0);
  const request = await new SignatureV4({
    credentials: options.credentials ?? key,
    region: REGION,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
  }).sign(
    new HttpRequest({
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: {
        host: url.host,
        'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
        ...options.headers,
      },
      body,
    }),
  );
  return { url: url.href, headers: request.headers as Record<string, string>, body };
}

const send = (
  request: { url: string; headers: Record<string, string>; body: Buffer },
  method = 'PUT',
) =>
  fetch(request.url, {
    method,
    headers: request.headers,
    ...(request.body.length ? { body: request.body } : {}),
  });

const xmlCode = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];

describe('the SDK v3 S3Client with an issued key', () => {
  it('puts, gets, lists and deletes objects', async () => {
    // Act
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'a/plain.csv', Body: 'x,y\n1,2\n' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'a/' }));
    const got = await read('a/plain.csv');
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'a/plain.csv' }));
    const after = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'a/' }));

    // Assess
    expect(listed.Contents?.map((object) => object.Key)).toEqual(['a/plain.csv']);
    expect(got.toString()).toBe('x,y\n1,2\n');
    expect(after.Contents ?? []).toEqual([]);
  });

  it('stores a stream body (aws-chunked with a CRC32 trailer) intact, without its framing', async () => {
    // Prepare
    const bytes = randomBytes(300_000);

    // Act
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'streamed.bin',
        Body: Readable.from([bytes.subarray(0, 100_000), bytes.subarray(100_000)]),
        ContentLength: bytes.length,
      }),
    );

    // Assess
    expect((await read('streamed.bin')).equals(bytes)).toBe(true);
  });

  it('uploads in parts', async () => {
    // Prepare
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1000)];
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'multi.bin' }),
    );

    // Act
    const etags = [];
    for (const [index, body] of parts.entries()) {
      const { ETag } = await s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: 'multi.bin',
          UploadId,
          PartNumber: index + 1,
          Body: body,
        }),
      );
      etags.push({ ETag, PartNumber: index + 1 });
    }
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'multi.bin',
        UploadId,
        MultipartUpload: { Parts: etags },
      }),
    );

    // Assess
    expect((await read('multi.bin')).equals(Buffer.concat(parts))).toBe(true);
  }, 30_000);

  it('reads through a presigned URL', async () => {
    // Prepare
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'shared.txt', Body: 'shared' }));
    const url = new URL(`/${BUCKET}/shared.txt`, service.s3Endpoint);
    const presigned = await new SignatureV4({
      credentials: key,
      region: REGION,
      service: 's3',
      sha256: Sha256,
      uriEscapePath: false,
    }).presign(
      new HttpRequest({
        method: 'GET',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        // As @aws-sdk/s3-request-presigner presigns: the payload unsigned, declared in the query.
        headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      }),
      { expiresIn: 60 },
    );
    const query = new URLSearchParams(presigned.query as Record<string, string>);

    // Act
    const response = await fetch(`${url.href}?${query}`);

    // Assess
    expect(response.status).toBe(200);
    await expect(response.text()).resolves.toBe('shared');
  });
});

describe('a refused S3 request', () => {
  it('is unsigned: 403 AccessDenied', async () => {
    // Act
    const response = await fetch(`${service.s3Endpoint}/${BUCKET}`);

    // Assess
    expect(response.status).toBe(403);
    expect(xmlCode(await response.text())).toBe('AccessDenied');
  });

  it('lists the buckets unsigned: 403, even Tailor’s own', async () => {
    const response = await fetch(`${service.s3Endpoint}/tailor-data?list-type=2`);
    expect(response.status).toBe(403);
  });

  it.each([
    ['a wrong secret', { secretAccessKey: 'x'.repeat(40) }, 'SignatureDoesNotMatch'],
    ['a key Tailor never issued', { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, 'InvalidAccessKeyId'],
  ])('is signed with %s, as the S3Client reports it', async (_case, change, code) => {
    // Prepare
    const client = s3With({ ...key, ...change });

    // Act
    const put = client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'refused', Body: 'x' }));

    // Assess
    await expect(put).rejects.toMatchObject({ name: code, $metadata: { httpStatusCode: 403 } });
    client.destroy();
  });

  it('expects 100-continue: refused before its body is sent', async () => {
    // Prepare: an upload of 50 MB with the wrong secret, announcing its body as the CLI does.
    const request = await signed('PUT', `/${BUCKET}/announced.bin`, {
      credentials: { ...key, secretAccessKey: 'x'.repeat(40) },
      headers: { expect: '100-continue', 'content-length': String(50 * 1024 * 1024) },
    });
    const url = new URL(request.url);

    // Act: headers only; the body would follow a 100 Continue.
    const outcome = await new Promise<string>((resolve, reject) => {
      const upload = httpRequest({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'PUT',
        headers: request.headers,
      });
      upload.on('continue', () => {
        resolve('continue');
        upload.destroy();
      });
      upload.on('response', (response) => {
        resolve(String(response.statusCode));
        upload.destroy();
      });
      upload.on('error', reject);
      upload.flushHeaders();
    });

    // Assess
    expect(outcome).toBe('403');
  });

  it('carries an x-amz-* header it did not sign: AccessDenied naming it', async () => {
    // Prepare
    const request = await signed('GET', `/${BUCKET}?list-type=2`);

    // Act
    const response = await send(
      { ...request, headers: { ...request.headers, 'x-amz-meta-added': 'later' } },
      'GET',
    );
    const xml = await response.text();

    // Assess
    expect(response.status).toBe(403);
    expect(xmlCode(xml)).toBe('AccessDenied');
    expect(xml).toContain('<HeadersNotSigned>x-amz-meta-added</HeadersNotSigned>');
  });

  it('has a body other than its signed hash: 400, and the stored object is kept', async () => {
    // Prepare
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'kept.txt', Body: 'original' }));
    const request = await signed('PUT', `/${BUCKET}/kept.txt`, { body: Buffer.from('replaced') });

    // Act
    const response = await send({ ...request, body: Buffer.from('tampered') });

    // Assess
    expect(response.status).toBe(400);
    expect(xmlCode(await response.text())).toBe('XAmzContentSHA256Mismatch');
    expect((await read('kept.txt')).toString()).toBe('original');
  });

  it('has a body whose x-amz-checksum-crc32 does not match: 400 BadDigest', async () => {
    // Prepare
    const request = await signed('PUT', `/${BUCKET}/crc.txt`, {
      body: Buffer.from('hello stream'),
      headers: { 'x-amz-checksum-crc32': 'AAAAAA==' },
    });

    // Act
    const response = await send(request);

    // Assess
    expect(response.status).toBe(400);
    expect(xmlCode(await response.text())).toBe('BadDigest');
  });

  it('lacks X-Amz-Content-Sha256: 400 InvalidRequest', async () => {
    // Prepare
    const request = await signed('GET', `/${BUCKET}?list-type=2`);
    const headers = { ...request.headers };
    delete headers['x-amz-content-sha256'];
    headers['x-amz-date'] = request.headers['x-amz-date']!;
    const resigned = await new SignatureV4({
      credentials: key,
      region: REGION,
      service: 's3',
      sha256: Sha256,
      applyChecksum: false,
    }).sign(
      new HttpRequest({
        method: 'GET',
        protocol: 'http:',
        hostname: new URL(request.url).hostname,
        path: `/${BUCKET}`,
        query: { 'list-type': '2' },
        headers: { host: new URL(request.url).host },
      }),
    );

    // Act
    const response = await send(
      { ...request, headers: resigned.headers as Record<string, string> },
      'GET',
    );

    // Assess
    expect(response.status).toBe(400);
    expect(xmlCode(await response.text())).toBe('InvalidRequest');
  });
});

/**
 * A body sent as SigV4 streaming clients send it: the seed signature from the SDK's signer, each
 * chunk (and the trailer) signed in turn, chaining from the previous signature.
 */
async function streamingPut(
  objectKey: string,
  bytes: Buffer,
  options: { trailer?: boolean; tamper?: boolean } = {},
) {
  const url = new URL(`/${BUCKET}/${objectKey}`, service.s3Endpoint);
  const signer = new SignatureV4({
    credentials: key,
    region: REGION,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
  });
  const signingDate = new Date();
  const seeded = await signer.sign(
    new HttpRequest({
      method: 'PUT',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: {
        host: url.host,
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': String(bytes.length),
        'x-amz-content-sha256': options.trailer
          ? 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER'
          : 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        ...(options.trailer ? { 'x-amz-trailer': 'x-amz-checksum-crc32' } : {}),
      },
    }),
    { signingDate },
  );
  const headers = seeded.headers as Record<string, string>;
  const amzDate = headers['x-amz-date']!;
  const scope = `${amzDate.slice(0, 8)}/${REGION}/s3/aws4_request`;
  let previous = /Signature=([0-9a-f]{64})/.exec(headers.authorization!)![1]!;
  const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
  const parts: Buffer[] = [];
  for (const chunk of [bytes.subarray(0, 65536), bytes.subarray(65536), Buffer.alloc(0)]) {
    previous = await signer.sign(
      ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, sha256(''), sha256(chunk)].join('\n'),
      { signingDate },
    );
    const sent = options.tamper && chunk.length > 0 ? Buffer.from(chunk).fill(1, 0, 1) : chunk;
    parts.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), sent);
    if (chunk.length > 0) parts.push(Buffer.from('\r\n'));
  }
  if (options.trailer) {
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(bytes));
    const trailer = `x-amz-checksum-crc32:${crc.toString('base64')}\n`;
    const signature = await signer.sign(
      ['AWS4-HMAC-SHA256-TRAILER', amzDate, scope, previous, sha256(trailer)].join('\n'),
      { signingDate },
    );
    parts.push(Buffer.from(`${trailer.trim()}\r\nx-amz-trailer-signature:${signature}\r\n`));
  }
  parts.push(Buffer.from('\r\n'));
  return send({ url: url.href, headers, body: Buffer.concat(parts) });
}

describe('a SigV4 streaming upload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)', () => {
  it.each([
    ['each chunk signed', false],
    ['each chunk and the CRC32 trailer signed', true],
  ])('is stored intact: %s', async (_case, trailer) => {
    // Prepare
    const bytes = randomBytes(100_000);

    // Act
    const response = await streamingPut(`chunked-${trailer}.bin`, bytes, { trailer });

    // Assess
    expect(response.status).toBe(200);
    expect((await read(`chunked-${trailer}.bin`)).equals(bytes)).toBe(true);
  });

  it('is refused with SignatureDoesNotMatch when a chunk was altered, and nothing is stored', async () => {
    // Act
    const response = await streamingPut('chunked-tampered.bin', randomBytes(100_000), {
      tamper: true,
    });

    // Assess
    expect(response.status).toBe(403);
    expect(xmlCode(await response.text())).toBe('SignatureDoesNotMatch');
    await expect(read('chunked-tampered.bin')).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});

describeWithCli('the AWS CLI (aws s3 cp) with an issued key', () => {
  const aws = (credentials: Credentials, ...args: string[]) =>
    run(AWS_CLI, [...args, '--endpoint-url', service.s3Endpoint], {
      env: {
        PATH: process.env.PATH,
        HOME: service.dataDir,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_DEFAULT_REGION: REGION,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_MAX_ATTEMPTS: '1',
      },
    });

  it.each([
    ['in one request', 4 * 1024 * 1024],
    ['in parts', 9 * 1024 * 1024],
  ])(
    'copies a file up and down %s, intact',
    async (_case, size) => {
      // Prepare
      const bytes = randomBytes(size);
      const up = join(service.dataDir, `up-${size}`);
      const down = join(service.dataDir, `down-${size}`);
      await writeFile(up, bytes);

      // Act
      await aws(key, 's3', 'cp', up, `s3://${BUCKET}/cli-${size}.bin`);
      await aws(key, 's3', 'cp', `s3://${BUCKET}/cli-${size}.bin`, down);

      // Assess
      expect((await readFile(down)).equals(bytes)).toBe(true);
    },
    60_000,
  );

  it('presigns a URL that reads the object, and expires', async () => {
    // Prepare
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'presigned.txt', Body: 'shared' }));

    // Act
    const { stdout } = await aws(key, 's3', 'presign', `s3://${BUCKET}/presigned.txt`);
    const { stdout: brief } = await aws(
      key,
      's3',
      'presign',
      `s3://${BUCKET}/presigned.txt`,
      '--expires-in',
      '1',
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const [valid, expired] = await Promise.all([fetch(stdout.trim()), fetch(brief.trim())]);

    // Assess
    await expect(valid.text()).resolves.toBe('shared');
    expect(expired.status).toBe(403);
    await expect(expired.text()).resolves.toContain('<Message>Request has expired</Message>');
  }, 60_000);

  it('fails with a wrong secret', async () => {
    // Prepare
    const file = join(service.dataDir, 'refused.txt');
    await writeFile(file, 'refused');

    // Act
    const failure = await aws(
      { ...key, secretAccessKey: 'x'.repeat(40) },
      's3',
      'cp',
      file,
      `s3://${BUCKET}/refused.txt`,
    ).catch((error: { stderr: string }) => error);

    // Assess
    expect(failure).toMatchObject({ stderr: expect.stringContaining('SignatureDoesNotMatch') });
  }, 60_000);
});

describe('a job in sigv4 mode', () => {
  it('reads its data from the local S3 with the internal credential', async () => {
    // Prepare
    const personalize = new PersonalizeClient({
      endpoint: service.endpoint,
      region: REGION,
      credentials: key,
      maxAttempts: 1,
    });
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'interactions.csv', Body: interactionsCsv(50) }),
    );
    const { datasetGroupArn } = await personalize.send(
      new CreateDatasetGroupCommand({ name: 'signed-import' }),
    );
    const { schemaArn } = await personalize.send(
      new CreateSchemaCommand({ name: 'signed-import', schema: INTERACTIONS_SCHEMA }),
    );
    const { datasetArn } = await personalize.send(
      new CreateDatasetCommand({
        name: 'signed-import',
        datasetGroupArn,
        datasetType: 'Interactions',
        schemaArn,
      }),
    );

    // Act
    const { datasetImportJobArn } = await personalize.send(
      new CreateDatasetImportJobCommand({
        jobName: 'signed-import',
        datasetArn,
        dataSource: { dataLocation: `s3://${BUCKET}/interactions.csv` },
        roleArn: ROLE_ARN,
      }),
    );
    let status: string | undefined;
    let failureReason: string | undefined;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      ({ status, failureReason } =
        (await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn })))
          .datasetImportJob ?? {});
      if (status === 'ACTIVE' || status === 'CREATE FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // Assess
    expect({ status, failureReason }).toEqual({ status: 'ACTIVE', failureReason: undefined });
    personalize.destroy();
  }, 90_000);
});
