/**
 * Interactions imported into a dataset group of the in-memory service (helpers/memory-api.ts),
 * through CreateDatasetImportJob as a client imports them.
 */
import { createDataset, createSchema, type MemoryApi } from './memory-api';
import { INTERACTIONS_SCHEMA } from './schemas';

/** 30 users with 40 click interactions each over 50 items: enough for Personalize's minimum. */
export function clicksCsv(): string {
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
  let time = 1_700_000_000;
  for (let u = 0; u < 30; u++) {
    for (let k = 0; k < 40; k++) {
      lines.push(`u${u},i${((u + k * 7) % 50) ** 2 % 50},${time++},click,`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Imports the CSV into the group's Interactions dataset, creating the dataset on the first call,
 * and runs the job to its end (held jobs included); answers the job's ARN once it is ACTIVE.
 */
export async function importInteractions(
  api: MemoryApi,
  datasetGroupArn: string,
  csv: string,
): Promise<string> {
  const datasetArn = await interactionsDataset(api, datasetGroupArn);
  api.ctx.objects.createBucket('training');
  const key = `${datasetGroupArn.split('/').pop()}-${Date.now()}-${Math.random()}.csv`;
  await api.ctx.objects.write({ bucket: 'training', key }, csv);
  const { datasetImportJobArn } = await api.call('CreateDatasetImportJob', {
    jobName: key.replace(/\W/g, '-').slice(0, 63),
    datasetArn,
    dataSource: { dataLocation: `s3://training/${key}` },
    roleArn: 'arn:aws:iam::000000000000:role/PersonalizeS3',
    importMode: 'INCREMENTAL',
  });
  await api.ctx.jobs.startHeld();
  const { datasetImportJob } = await api.call('DescribeDatasetImportJob', {
    datasetImportJobArn,
  });
  if (datasetImportJob.status !== 'ACTIVE') throw new Error(datasetImportJob.failureReason);
  return datasetImportJobArn;
}

async function interactionsDataset(api: MemoryApi, datasetGroupArn: string): Promise<string> {
  const { datasets } = await api.call('ListDatasets', { datasetGroupArn });
  const existing = datasets.find(
    (d: { datasetType: string }) => d.datasetType.toUpperCase() === 'INTERACTIONS',
  );
  if (existing) return existing.datasetArn;
  const schemaArn = await createSchema(
    api,
    `interactions-${datasetGroupArn.split('/').pop()}`,
    INTERACTIONS_SCHEMA,
  );
  return createDataset(api, datasetGroupArn, 'Interactions', schemaArn);
}
