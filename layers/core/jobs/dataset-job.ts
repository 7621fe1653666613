/** What a job on one dataset (an import, an export) starts from: its record, the dataset, the schema. */
import type { Context } from '../context/context';
import { parseSchema, type DatasetSchema } from '../data/avro-schema';
import type { DatasetRecord } from '../domain/dataset';
import type { RecordOf } from '../domain/records';
import { requireResource } from '../resources/lifecycle';

type DatasetJobKind = 'dataset-import-job' | 'dataset-export-job';

export interface DatasetJob<K extends DatasetJobKind> {
  job: RecordOf<K>;
  dataset: DatasetRecord;
  schema: DatasetSchema;
}

export async function loadDatasetJob<K extends DatasetJobKind>(
  ctx: Context,
  kind: K,
  arn: string,
): Promise<DatasetJob<K>> {
  const job = await requireResource(ctx, kind, arn);
  const dataset = await requireResource(ctx, 'dataset', job.attributes.datasetArn);
  const schema = await requireResource(ctx, 'schema', dataset.attributes.schemaArn);
  return { job, dataset, schema: parseSchema(schema.attributes.schema) };
}
