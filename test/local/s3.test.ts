/** The local S3 endpoint, for the behaviours imports and users rely on. */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
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
  });
});
