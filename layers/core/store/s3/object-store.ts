import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ObjectLocation, ObjectStore } from '../object-ports';

const MISSING = new Set(['NoSuchKey', 'NoSuchBucket', 'NotFound']);

export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3Client) {}

  async list(bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  async read(location: ObjectLocation): Promise<AsyncIterable<Uint8Array> | undefined> {
    try {
      const { Body } = await this.client.send(
        new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
      );
      return Body as AsyncIterable<Uint8Array> | undefined;
    } catch (error) {
      if (MISSING.has((error as { name?: string }).name ?? '')) return undefined;
      throw error;
    }
  }

  async write(location: ObjectLocation, body: Uint8Array | string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: location.bucket, Key: location.key, Body: body }),
    );
  }

  async delete(location: ObjectLocation): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: location.key }));
  }
}
