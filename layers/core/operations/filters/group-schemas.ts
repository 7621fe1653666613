import { findResource } from '../../resources/lifecycle';
import type { Context } from '../../context/context';
import { parseSchema, type DatasetSchema } from '../../data/avro-schema';
import type { FilterSchemas } from '../../filters/parser';
import { buildArn } from '../../domain/arn';
import type { DatasetGroupRecord } from '../../domain/dataset-group';

/** The schemas a filter's fields are checked against: the group's Items and Users, if any. */
export async function filterSchemas(
  ctx: Context,
  group: DatasetGroupRecord,
): Promise<FilterSchemas> {
  const [items, users] = await Promise.all([
    datasetSchema(ctx, group, 'ITEMS'),
    datasetSchema(ctx, group, 'USERS'),
  ]);
  return { items, users };
}

async function datasetSchema(
  ctx: Context,
  group: DatasetGroupRecord,
  type: 'ITEMS' | 'USERS',
): Promise<DatasetSchema | undefined> {
  const dataset = await findResource(
    ctx,
    'dataset',
    buildArn(ctx.place, 'dataset', group.attributes.name, type),
  );
  if (!dataset) return undefined;
  const schema = await findResource(ctx, 'schema', dataset.attributes.schemaArn);
  return schema && parseSchema(schema.attributes.schema);
}
