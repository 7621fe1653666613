/** The local S3 endpoint, for the behaviours imports and users rely on. */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { putObject } from '../helpers/import';
import { startTestService, type TestService } from '../helpers/local-service';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

describe('local S3', () => {
  it('pages through a listing longer than one page (patches/s3rver: no legacy OpenSSL needed)', async () => {
    const keys = Array.from({ length: 1005 }, (_, i) => `many/${String(i).padStart(4, '0')}.csv`);
    for (let start = 0; start < keys.length; start += 100) {
      await Promise.all(
        keys.slice(start, start + 100).map((key) => putObject(service, 'paged', key, 'x')),
      );
    }

    expect(await service.context.objects.list('paged', 'many/')).toEqual(keys);

    const firstPage = await service.s3.send(
      new ListObjectsV2Command({ Bucket: 'paged', Prefix: 'many/', MaxKeys: 10 }),
    );
    expect(firstPage.IsTruncated).toBe(true);
    const secondPage = await service.s3.send(
      new ListObjectsV2Command({
        Bucket: 'paged',
        Prefix: 'many/',
        MaxKeys: 10,
        ContinuationToken: firstPage.NextContinuationToken,
      }),
    );
    expect(secondPage.Contents![0]!.Key).toBe(keys[10]);
    // 1,005 uploads through the signed S3 front: more than jest's 30 s on a loaded 2-core runner.
  }, 120_000);

  it('stores a stream body intact: its aws-chunked framing and CRC32 trailer decoded (s3rver stored them as sent)', async () => {
    // Prepare: the SDK sends a stream as aws-chunked, STREAMING-UNSIGNED-PAYLOAD-TRAILER.
    await putObject(service, 'streams', 'seed', 'x');
    const bytes = randomBytes(200_000);

    // Act
    await service.s3.send(
      new PutObjectCommand({
        Bucket: 'streams',
        Key: 'streamed.bin',
        Body: Readable.from([bytes.subarray(0, 70_000), bytes.subarray(70_000)]),
        ContentLength: bytes.length,
      }),
    );
    const { Body } = await service.s3.send(
      new GetObjectCommand({ Bucket: 'streams', Key: 'streamed.bin' }),
    );

    // Assess
    expect(Buffer.from(await Body!.transformToByteArray()).equals(bytes)).toBe(true);
  });

  it('refuses a body whose x-amz-checksum-crc32 does not match, keeping the stored object', async () => {
    // Prepare
    await putObject(service, 'streams', 'checked.txt', 'original');

    // Act
    const put = service.s3.send(
      new PutObjectCommand({
        Bucket: 'streams',
        Key: 'checked.txt',
        Body: 'replaced',
        ChecksumCRC32: 'AAAAAA==',
      }),
    );

    // Assess
    await expect(put).rejects.toMatchObject({
      name: 'BadDigest',
      $metadata: { httpStatusCode: 400 },
    });
    expect(await service.context.objects.list('streams', 'checked')).toEqual(['checked.txt']);
    const { Body } = await service.s3.send(
      new GetObjectCommand({ Bucket: 'streams', Key: 'checked.txt' }),
    );
    await expect(Body!.transformToString()).resolves.toBe('original');
  });
});
