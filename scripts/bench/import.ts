/**
 * Dataset import end to end through the local service, as a user runs one: a
 * generated interactions CSV in the local S3, CreateDatasetImportJob through
 * the official client, polled until ACTIVE. The job's process reports its own
 * peak RSS, which is the memory target.
 *
 *   npm run bench -- import [--rows 1000000]
 *
 * Target (issue 3): at least 200,000 rows/s with peak RSS under 500 MB.
 */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  DescribeDatasetImportJobCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalService } from '../../bin/local-service';

const TARGET_ROWS_PER_SECOND = 200_000;
const TARGET_PEAK_RSS_MB = 500;
const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

function interactionsCsv(rows: number): Buffer {
  const users = Math.max(1, Math.floor(rows / 20));
  const items = Math.max(1, Math.floor(rows / 300));
  const lines: string[] = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `user-${(i * 7919) % users},item-${(i * 104729) % items},${1_600_000_000 + i},watch`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
  const rows = Number(values.rows);
  const dataDir = await mkdtemp(join(tmpdir(), 'tailor-bench-import-'));
  const jobLog: string[] = [];
  const service = await startLocalService({
    host: '127.0.0.1',
    port: 0,
    s3Port: 0,
    dataDir,
    region: REGION,
    account: '000000000000',
    log: (line) => jobLog.push(line),
  });
  const personalize = new PersonalizeClient({
    endpoint: service.endpoint,
    region: REGION,
    credentials: CREDENTIALS,
  });
  const s3 = new S3Client({
    endpoint: service.s3Endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    forcePathStyle: true,
  });
  try {
    const csv = interactionsCsv(rows);
    await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
    await s3.send(new PutObjectCommand({ Bucket: 'bench', Key: 'interactions.csv', Body: csv }));
    const { datasetGroupArn } = await personalize.send(
      new CreateDatasetGroupCommand({ name: 'bench' }),
    );
    const { schemaArn } = await personalize.send(
      new CreateSchemaCommand({
        name: 'bench',
        schema: JSON.stringify({
          type: 'record',
          name: 'Interactions',
          namespace: 'com.amazonaws.personalize.schema',
          fields: [
            { name: 'USER_ID', type: 'string' },
            { name: 'ITEM_ID', type: 'string' },
            { name: 'TIMESTAMP', type: 'long' },
            { name: 'EVENT_TYPE', type: 'string' },
          ],
        }),
      }),
    );
    const { datasetArn } = await personalize.send(
      new CreateDatasetCommand({
        name: 'bench',
        datasetGroupArn,
        schemaArn,
        datasetType: 'Interactions',
      }),
    );

    const started = performance.now();
    const { datasetImportJobArn } = await personalize.send(
      new CreateDatasetImportJobCommand({
        jobName: 'bench',
        datasetArn,
        dataSource: { dataLocation: 's3://bench/interactions.csv' },
        roleArn: 'arn:aws:iam::000000000000:role/bench',
      }),
    );
    let status: string | undefined;
    let failureReason: string | undefined;
    do {
      await new Promise((resolve) => setTimeout(resolve, 25));
      ({ status, failureReason } = (
        await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn }))
      ).datasetImportJob!);
    } while (status !== 'ACTIVE' && status !== 'CREATE FAILED');
    const seconds = (performance.now() - started) / 1000;
    if (status !== 'ACTIVE') throw new Error(`The import failed: ${failureReason}`);

    const peak = /peak RSS (\d+) MB/.exec(jobLog.join('\n'));
    const peakMb = peak ? Number(peak[1]) : NaN;
    const rowsPerSecond = rows / seconds;
    console.table([
      {
        rows,
        'CSV MB': +(csv.length / 1e6).toFixed(1),
        'seconds (create → ACTIVE)': +seconds.toFixed(2),
        'rows/s': Math.round(rowsPerSecond),
        'target rows/s': TARGET_ROWS_PER_SECOND,
        'job peak RSS MB': peakMb,
        'target RSS MB': TARGET_PEAK_RSS_MB,
      },
    ]);
    console.log(
      rowsPerSecond >= TARGET_ROWS_PER_SECOND && peakMb < TARGET_PEAK_RSS_MB
        ? 'Both targets met.'
        : 'A target was missed.',
    );
  } finally {
    personalize.destroy();
    s3.destroy();
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
