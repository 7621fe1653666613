/** What a job on one dataset (an import, an export) starts from: its record, the dataset, the schema. */
import type { Context } from '../api/context';
import { parseSchema, type DatasetSchema } from '../data/avro-schema';
import type { DatasetAttributes, DatasetRecord } from '../operations/datasets/view';
import type { SchemaAttributes } from '../operations/schemas/view';
import type { ResourceKind } from '../resources/kinds';
import { requireResource } from '../resources/lifecycle';
import type { Attributes, ResourceRecord } from '../store/ports';

export interface DatasetJob<A> {
  job: ResourceRecord<A & Attributes>;
  dataset: DatasetRecord;
  schema: DatasetSchema;
}

export async function loadDatasetJob<A extends { datasetArn: string }>(
  ctx: Context,
  kind: ResourceKind,
  arn: string,
): Promise<DatasetJob<A>> {
  const job = await requireResource<A & Attributes>(ctx, kind, arn);
  const dataset = await requireResource<DatasetAttributes>(
    ctx,
    'dataset',
    job.attributes.datasetArn,
  );
  const schema = await requireResource<SchemaAttributes>(
    ctx,
    'schema',
    dataset.attributes.schemaArn,
  );
  return { job, dataset, schema: parseSchema(schema.attributes.schema) };
}
