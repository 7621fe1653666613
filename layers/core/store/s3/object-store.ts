import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ObjectLocation, ObjectStore } from '../object-ports';

const MISSING = new Set(['NoSuchKey', 'NoSuchBucket', 'NotFound']);

/** S3 takes parts of 5 MiB and more (but the last); 8 MiB is the SDK's own upload default. */
const PART_BYTES = 8 * 1024 * 1024;

export interface S3ObjectStoreOptions {
  /**
   * Bytes per part of a streamed write; an object smaller than one part is written whole.
   * @default 8 MiB
   */
  partBytes?: number;
}

export class S3ObjectStore implements ObjectStore {
  private readonly partBytes: number;

  constructor(
    private readonly client: S3Client,
    options: S3ObjectStoreOptions = {},
  ) {
    this.partBytes = options.partBytes ?? PART_BYTES;
  }

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

  async version(location: ObjectLocation): Promise<string | undefined> {
    try {
      const { ETag } = await this.client.send(
        new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }),
      );
      return ETag;
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

  async writeStream(
    location: ObjectLocation,
    chunks: AsyncIterable<Uint8Array | string>,
  ): Promise<void> {
    const target = { Bucket: location.bucket, Key: location.key };
    let held: Buffer[] = [];
    let heldBytes = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    const sendPart = async () => {
      uploadId ??= (await this.client.send(new CreateMultipartUploadCommand(target))).UploadId!;
      const PartNumber = parts.length + 1;
      const { ETag } = await this.client.send(
        new UploadPartCommand({
          ...target,
          UploadId: uploadId,
          PartNumber,
          Body: Buffer.concat(held),
        }),
      );
      parts.push({ ETag, PartNumber });
      held = [];
      heldBytes = 0;
    };
    try {
      for await (const chunk of chunks) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
        held.push(bytes);
        heldBytes += bytes.length;
        if (heldBytes >= this.partBytes) await sendPart();
      }
      if (uploadId === undefined) return await this.write(location, Buffer.concat(held));
      if (heldBytes > 0) await sendPart();
      await this.client.send(
        new CompleteMultipartUploadCommand({
          ...target,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      // Parts of an upload never completed are billed until aborted.
      if (uploadId !== undefined) {
        await this.client
          .send(new AbortMultipartUploadCommand({ ...target, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw error;
    }
  }

  async delete(location: ObjectLocation): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: location.key }));
  }
}
