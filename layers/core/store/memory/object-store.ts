/**
 * Objects in memory, with S3's promises as the S3 adapter keeps them: keys list in byte order, a
 * missing object reads as undefined, a write to a bucket that does not exist fails, and a
 * streamed write appears whole once its chunks end, or not at all.
 */
import { createHash } from 'node:crypto';
import type { ObjectLocation, ObjectStore } from '../object-ports';
import { readWhole } from '../read-whole';
import { compareKeys } from './stored';

/** How much of an object one chunk of a read holds: readers must take any chunking. */
const READ_CHUNK_BYTES = 64 * 1024;

interface StoredObject {
  bytes: Uint8Array;
  /** S3's ETag of a single-part upload: the quoted MD5 of the bytes. */
  etag: string;
}

/** S3's error for a bucket that does not exist, by its name and in its words. */
export class NoSuchBucket extends Error {
  override readonly name = 'NoSuchBucket';

  constructor(readonly bucket: string) {
    super('The specified bucket does not exist');
  }
}

const bytesOf = (body: Uint8Array | string): Uint8Array =>
  typeof body === 'string' ? Buffer.from(body, 'utf8') : Uint8Array.from(body);

export class MemoryObjectStore implements ObjectStore {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();

  /** @param buckets - made at once, as `createBucket` makes each */
  constructor(buckets: readonly string[] = []) {
    for (const bucket of buckets) this.createBucket(bucket);
  }

  /** Makes a bucket; one that exists is kept as it is, as S3 keeps a bucket its owner remakes. */
  createBucket(bucket: string): void {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map());
  }

  async list(bucket: string, prefix: string): Promise<string[]> {
    return [...this.bucket(bucket).keys()]
      .filter((key) => key.startsWith(prefix))
      .sort(compareKeys);
  }

  async read(location: ObjectLocation): Promise<AsyncIterable<Uint8Array> | undefined> {
    const object = this.buckets.get(location.bucket)?.get(location.key);
    if (!object) return undefined;
    const { bytes } = object;
    return (async function* () {
      for (let start = 0; start < bytes.length; start += READ_CHUNK_BYTES) {
        yield bytes.slice(start, start + READ_CHUNK_BYTES);
      }
    })();
  }

  async version(location: ObjectLocation): Promise<string | undefined> {
    return this.buckets.get(location.bucket)?.get(location.key)?.etag;
  }

  async write(location: ObjectLocation, body: Uint8Array | string): Promise<void> {
    const bucket = this.bucket(location.bucket);
    const bytes = bytesOf(body);
    bucket.set(location.key, {
      bytes,
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
    });
  }

  async writeStream(
    location: ObjectLocation,
    chunks: AsyncIterable<Uint8Array | string>,
  ): Promise<void> {
    await this.write(location, await readWhole(chunks));
  }

  async delete(location: ObjectLocation): Promise<void> {
    this.bucket(location.bucket).delete(location.key);
  }

  private bucket(name: string): Map<string, StoredObject> {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new NoSuchBucket(name);
    return bucket;
  }
}
