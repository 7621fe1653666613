/** The S3 buckets Tailor owns, as plain data shared by the CDK stack and the local service. */
export interface BucketDefinition {
  /** Suffix of the physical bucket name and the CDK construct id: never rename. */
  id: string;
}

/** Imported datasets, model artifacts and training reports. */
export const DATA_BUCKET: BucketDefinition = { id: 'data' };

export const BUCKETS: readonly BucketDefinition[] = [DATA_BUCKET];

export const bucketName = (prefix: string, bucket: BucketDefinition): string =>
  `${prefix}-${bucket.id}`.toLowerCase();
