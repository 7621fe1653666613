/** Object storage as the jobs use it: S3 in AWS, s3rver locally, one adapter for both. */
export interface ObjectLocation {
  bucket: string;
  key: string;
}

export interface ObjectStore {
  /** The keys under a prefix, in key order, across every page. */
  list(bucket: string, prefix: string): Promise<string[]>;
  /** The object's bytes as a stream, or undefined when the object or its bucket is missing. */
  read(location: ObjectLocation): Promise<AsyncIterable<Uint8Array> | undefined>;
  /**
   * A tag that changes whenever the object does (S3's ETag), read without the object's bytes;
   * undefined when the object is missing.
   */
  version(location: ObjectLocation): Promise<string | undefined>;
  write(location: ObjectLocation, body: Uint8Array | string): Promise<void>;
  /**
   * Writes one object from chunks as they are produced, holding at most one upload part in
   * memory, so a job's output may outgrow the process. The object appears once the chunks end;
   * when producing them throws, nothing is written.
   */
  writeStream(location: ObjectLocation, chunks: AsyncIterable<Uint8Array | string>): Promise<void>;
  delete(location: ObjectLocation): Promise<void>;
}

/** Deletes every object whose key starts with the folder's: what its resource's deletion leaves. */
export async function deleteFolder(objects: ObjectStore, folder: ObjectLocation): Promise<void> {
  for (const key of await objects.list(folder.bucket, folder.key)) {
    await objects.delete({ bucket: folder.bucket, key });
  }
}

/** `s3://bucket/key` as its parts; undefined when the text is no S3 URL. */
export function parseS3Url(url: string): ObjectLocation | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  return match ? { bucket: match[1]!, key: match[2] ?? '' } : undefined;
}

export const s3Url = ({ bucket, key }: ObjectLocation): string => `s3://${bucket}/${key}`;

/** A location's key as a folder to write under: `out` and `out/` both give `out/`, the root ``. */
export const folderKey = ({ key }: ObjectLocation): string =>
  key === '' || key.endsWith('/') ? key : `${key}/`;
