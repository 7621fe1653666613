/** Streamed writes to the local S3: whole objects below a part, multipart uploads above. */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../../layers/core/store/s3/object-store';
import { putObject } from '../helpers/import';
import { startTestService, type TestService } from '../helpers/local-service';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
  await putObject(service, 'streams', 'placeholder', 'x');
});
afterAll(() => service.stop());

async function* lines(count: number) {
  for (let i = 0; i < count; i++) yield `line ${i}\n`;
}

const expected = (count: number) => Array.from({ length: count }, (_, i) => `line ${i}\n`).join('');

async function read(key: string): Promise<string> {
  const object = await service.s3.send(new GetObjectCommand({ Bucket: 'streams', Key: key }));
  return object.Body!.transformToString();
}

describe('S3ObjectStore.writeStream', () => {
  it('writes an object smaller than a part in one request', async () => {
    const store = new S3ObjectStore(service.s3, { partBytes: 1024 });
    await store.writeStream({ bucket: 'streams', key: 'small.txt' }, lines(10));
    expect(await read('small.txt')).toBe(expected(10));
  });

  it('writes a larger object in parts, in order', async () => {
    const store = new S3ObjectStore(service.s3, { partBytes: 100 });
    await store.writeStream({ bucket: 'streams', key: 'large.txt' }, lines(500));
    expect(await read('large.txt')).toBe(expected(500));
  });

  it('writes nothing when the chunks fail', async () => {
    const store = new S3ObjectStore(service.s3, { partBytes: 100 });
    async function* failing() {
      yield* lines(100);
      throw new Error('producer failed');
    }
    await expect(
      store.writeStream({ bucket: 'streams', key: 'failed.txt' }, failing()),
    ).rejects.toThrow('producer failed');
    expect(await store.read({ bucket: 'streams', key: 'failed.txt' })).toBeUndefined();
  });
});
