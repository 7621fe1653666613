/**
 * The dataset import job: reads CSV from S3 (a file, or every .csv under a
 * folder), checks every row against the dataset's schema, and either stores
 * all of it in the compact form or fails naming the first problems. No
 * partial imports: the stored data changes in one write, at the end.
 */
import { findResource } from '../resources/lifecycle';
import type { Context } from '../context/context';
import type { DatasetSchema } from '../data/avro-schema';
import type { DatasetType } from '../domain/dataset';
import { CompactBuilder } from '../data/compact/builder';
import type { CompactDataset } from '../data/compact/columns';
import { appendDatasets, keepLastByKey, upsertDatasets } from '../data/compact/row-operations';
import { CsvSyntaxError, readCsv } from '../data/csv';
import { bulkDataLocation } from '../data/locations';
import { RowValidator } from '../data/row-validation';
import { readCompact, RECORD_ID_FIELD, writeCompact } from '../data/stored-data';
import { releaseDataset } from './dataset-claims';
import type { ImportMode } from '../domain/dataset-import-job';
import { s3Url, type ObjectLocation, type ObjectStore } from '../store/object-ports';
import type { DatasetRecord, DatasetUpdate } from '../domain/dataset';
import { loadDatasetJob } from './dataset-job';
import { JobFailure } from '../domain/jobs';
import { type JobDefinition } from '../context/job-definition';
import { sourceFiles } from './source-files';
import { dataOverview } from '../data/data-overview';
import type { DataOverview } from '../domain/data-overview';

/** How many problems a failureReason lists: enough to fix a file, short enough to read. */
const REPORTED_PROBLEMS = 5;

export const datasetImport: JobDefinition = {
  resourceKind: 'dataset-import-job',

  async run(ctx, arn) {
    const { job, dataset, schema } = await loadDatasetJob(ctx, 'dataset-import-job', arn);
    const source = ctx.userObjects(job.attributes.roleArn, job.attributes.requestedBy);
    const files = await sourceFiles(source, job.attributes.dataLocation, '.csv');
    const imported = await readFiles(source, files, schema, dataset.attributes.datasetType);

    const location = bulkDataLocation(ctx.dataBucket, dataset.arn);
    const stored = merge(
      job.attributes.importMode,
      dataset.attributes.datasetType,
      imported,
      job.attributes.importMode === 'INCREMENTAL'
        ? await readCompact(ctx.objects, location)
        : undefined,
    );
    await writeCompact(ctx.objects, location, stored);
    const overview =
      dataset.attributes.datasetType === 'INTERACTIONS' ? dataOverview(stored) : undefined;
    await recordUpdate(ctx, dataset, job.createdAt, stored.rowCount, overview);
    return { recordCount: imported.rowCount, fileCount: files.length };
  },

  async release(ctx, arn) {
    const job = await findResource(ctx, 'dataset-import-job', arn);
    if (job) await releaseDataset(ctx.metadata, job.attributes.datasetArn, arn);
  },
};

async function readFiles(
  objects: ObjectStore,
  files: ObjectLocation[],
  schema: DatasetSchema,
  datasetType: DatasetType,
): Promise<CompactDataset> {
  const builder = new CompactBuilder(schema.fields);
  const problems: string[] = [];
  let invalidRows = 0;
  for (const file of files) {
    const body = await objects.read(file);
    if (!body) throw new JobFailure(`${s3Url(file)} does not exist.`);
    const validator = new RowValidator(schema, datasetType, { maxErrors: REPORTED_PROBLEMS });
    let sawHeader = false;
    let readable = true;
    try {
      for await (const record of readCsv(body)) {
        if (!sawHeader) {
          sawHeader = true;
          readable = validator.header(record.fields, record.line);
          if (!readable) break;
          continue;
        }
        const values = validator.row(record.fields, record.line);
        // Once anything is wrong the import fails: keep checking, stop building.
        if (values && problems.length === 0 && validator.failedRows === 0) builder.append(values);
      }
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      problems.push(`${s3Url(file)} ${error.message}`);
      readable = false;
    }
    if (!sawHeader && readable) problems.push(`${s3Url(file)} is empty: it has no header row.`);
    problems.push(...validator.errors.map((error) => `${s3Url(file)} ${error.message}`));
    invalidRows += validator.failedRows;
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, REPORTED_PROBLEMS).join('; ');
    const rows =
      invalidRows > 0 ? ` ${invalidRows} invalid row${invalidRows === 1 ? '' : 's'}.` : '';
    throw new JobFailure(`The import found problems and imported nothing.${rows} ${shown}`);
  }
  return builder.build();
}

/** FULL replaces the bulk data; INCREMENTAL appends interactions and upserts records by ID. */
function merge(
  mode: ImportMode,
  datasetType: DatasetType,
  imported: CompactDataset,
  stored: CompactDataset | undefined,
): CompactDataset {
  const id = RECORD_ID_FIELD[datasetType];
  if (mode === 'FULL' || !stored) return id ? keepLastByKey(imported, id) : imported;
  return id ? upsertDatasets(stored, imported, id) : appendDatasets(stored, imported);
}

async function recordUpdate(
  ctx: Context,
  dataset: DatasetRecord,
  startedAt: number,
  recordCount: number,
  overview: DataOverview | undefined,
): Promise<void> {
  const now = ctx.now();
  const update: DatasetUpdate = {
    schemaArn: dataset.attributes.schemaArn,
    status: 'ACTIVE',
    createdAt: startedAt,
    updatedAt: now,
    recordCount,
    ...(overview ? { dataOverview: overview } : {}),
  };
  await ctx.metadata.update(dataset.arn, {
    attributes: { latestUpdate: update },
    updatedAt: now,
  });
}
