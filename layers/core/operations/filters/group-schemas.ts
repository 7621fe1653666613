import type { Context } from '../../context/context';
import { parseSchema, type DatasetSchema } from '../../data/avro-schema';
import type { FilterSchemas } from '../../filters/parser';
import { buildArn } from '../../domain/arn';
import type { DatasetGroupRecord } from '../../domain/dataset-group';
import type { DatasetAttributes } from '../../domain/dataset';
import type { SchemaAttributes } from '../../domain/schema';

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
  const dataset = await ctx.metadata.get<DatasetAttributes>(
    buildArn(ctx.place, 'dataset', group.attributes.name, type),
  );
  if (!dataset) return undefined;
  const schema = await ctx.metadata.get<SchemaAttributes>(dataset.attributes.schemaArn);
  return schema && parseSchema(schema.attributes.schema);
}
