/**
 * The dataset export job: writes a dataset's data as CSV files under an S3
 * path, in the form an import reads back. BULK is what import jobs stored,
 * PUT what PutEvents, PutUsers and PutItems recorded, ALL both, bulk first.
 */
import type { Context } from '../context/context';
import type { DatasetSchema } from '../data/avro-schema';
import { CompactBuilder } from '../data/compact/builder';
import type { CompactDataset } from '../data/compact/columns';
import { toCsv } from '../data/compact/csv-export';
import { appendDatasets } from '../data/compact/row-operations';
import { bulkDataLocation } from '../data/locations';
import type { FieldValue } from '../domain/field-value';
import { readCompact, RECORD_ID_FIELD } from '../data/stored-data';
import type { DatasetRecord } from '../domain/dataset';
import type { RecordedEvent } from '../store/event-ports';
import { folderKey, parseS3Url, type ObjectStore } from '../store/object-ports';
import { loadDatasetJob } from './dataset-job';
import type { JobDefinition } from '../context/job-definition';

/** Rows per CSV file: each file is built in memory before it is written. */
const ROWS_PER_FILE = 500_000;

export const datasetExport: JobDefinition = {
  resourceKind: 'dataset-export-job',

  async run(ctx, arn) {
    const { job, dataset, schema } = await loadDatasetJob(ctx, 'dataset-export-job', arn);
    const mode = job.attributes.ingestionMode;
    const parts: CompactDataset[] = [];
    if (mode !== 'PUT') {
      const bulk = await readCompact(ctx.objects, bulkDataLocation(ctx.dataBucket, dataset.arn));
      if (bulk) parts.push(bulk);
    }
    if (mode !== 'BULK') parts.push(await recordedData(ctx, dataset, schema, job.createdAt));
    const data = parts.reduce(appendDatasets);
    const fileCount = await writeCsvFiles(
      ctx.userObjects(job.attributes.roleArn, job.attributes.requestedBy),
      job.attributes.path,
      job.attributes.jobName,
      data,
    );
    return { recordCount: data.rowCount, fileCount };
  },

  // An export holds nothing: it only reads.
  release: async () => undefined,
};

/** What the data plane recorded for the dataset up to the moment the export was asked for. */
async function recordedData(
  ctx: Context,
  dataset: DatasetRecord,
  schema: DatasetSchema,
  until: number,
): Promise<CompactDataset> {
  const builder = new CompactBuilder(schema.fields);
  const idField = RECORD_ID_FIELD[dataset.attributes.datasetType];
  if (idField) {
    for await (const record of ctx.datasetRecords.list(dataset.arn)) {
      builder.append(
        schema.fields.map((field) =>
          field.name === idField ? record.id : (record.fields[field.name] ?? null),
        ),
      );
    }
  } else {
    for await (const event of ctx.events.recordedUntil(dataset.attributes.datasetGroupArn, until)) {
      builder.append(schema.fields.map((field) => eventValue(event, field.name)));
    }
  }
  return builder.build();
}

/** An event as a row of the Interactions schema. */
function eventValue(event: RecordedEvent, field: string): FieldValue {
  switch (field) {
    case 'USER_ID':
      return event.userId ?? null;
    case 'ITEM_ID':
      return event.itemId ?? null;
    case 'TIMESTAMP':
      return Math.floor(event.timestamp / 1000);
    case 'EVENT_TYPE':
      return event.eventType;
    case 'EVENT_VALUE':
      return event.eventValue ?? null;
    case 'IMPRESSION':
      return event.impression?.join('|') ?? null;
    case 'RECOMMENDATION_ID':
      return event.recommendationId ?? null;
    default:
      return event.properties[field] ?? null;
  }
}

/** `{path}{jobName}/part-00000.csv`, ...: each file with the header, so each imports alone. */
async function writeCsvFiles(
  destinationStore: ObjectStore,
  path: string,
  jobName: string,
  data: CompactDataset,
): Promise<number> {
  const destination = parseS3Url(path)!;
  const folder = `${folderKey(destination)}${jobName}/`;
  const chunks = toCsv(data, ROWS_PER_FILE);
  const header = chunks.next().value as string;
  let files = 0;
  const write = (body: string) =>
    destinationStore.write(
      { bucket: destination.bucket, key: `${folder}part-${String(files++).padStart(5, '0')}.csv` },
      body,
    );
  for (const rows of chunks) await write(header + rows);
  if (files === 0) await write(header);
  return files;
}
