/** Putting CSV files in the local S3 and waiting for import jobs, as a user's script would. */
import {
  CreateDatasetImportJobCommand,
  DescribeDatasetImportJobCommand,
  type DatasetImportJob,
} from '@aws-sdk/client-personalize';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { CompactDataset } from '../../layers/core/data/compact/columns';
import { bulkDataLocation } from '../../layers/core/data/locations';
import { readCompact } from '../../layers/core/data/stored-data';
import type { TestService } from './local-service';

export const ROLE_ARN = 'arn:aws:iam::000000000000:role/PersonalizeS3';

export async function putObject(service: TestService, bucket: string, key: string, body: string) {
  await service.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: Error) => {
    if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') {
      throw error;
    }
  });
  await service.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

/** `rows` generated interactions: 1 in 10 users, 1 in 50 items, timestamps a second apart. */
export function interactionsCsv(rows: number, start = 0): string {
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
  for (let i = start; i < start + rows; i++) {
    lines.push(
      `u${i % Math.max(1, rows / 10)},i${(i * 7) % Math.max(1, rows / 50)},${1_700_000_000 + i},click,${i % 5}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function waitForJob(service: TestService, arn: string): Promise<DatasetImportJob> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { datasetImportJob } = await service.personalize.send(
      new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }),
    );
    if (datasetImportJob!.status === 'ACTIVE' || datasetImportJob!.status === 'CREATE FAILED') {
      return datasetImportJob!;
    }
    if (Date.now() > deadline) throw new Error(`${arn} is still ${datasetImportJob!.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function importCsv(
  service: TestService,
  datasetArn: string,
  jobName: string,
  dataLocation: string,
  importMode?: 'FULL' | 'INCREMENTAL',
): Promise<DatasetImportJob> {
  const { datasetImportJobArn } = await service.personalize.send(
    new CreateDatasetImportJobCommand({
      jobName,
      datasetArn,
      dataSource: { dataLocation },
      roleArn: ROLE_ARN,
      importMode,
    }),
  );
  return waitForJob(service, datasetImportJobArn!);
}

/** What an import stored for a dataset, read back through the store port. */
export async function storedData(
  service: TestService,
  datasetArn: string,
): Promise<CompactDataset | undefined> {
  const ctx = service.context;
  return readCompact(ctx.objects, bulkDataLocation(ctx.dataBucket, datasetArn));
}
