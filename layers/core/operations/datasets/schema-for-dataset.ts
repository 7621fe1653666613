import type { Context } from '../../context/context';
import { InvalidInputException } from '../../api/errors';
import {
  checkSchemaFitsDataset,
  checkSchemaFitsDomain,
  parseSchema,
  type DatasetSchema,
} from '../../data/avro-schema';
import { type DatasetType } from '../../domain/dataset';
import { requireResource } from '../../resources/lifecycle';
import type { DatasetGroupRecord } from '../../domain/dataset-group';

/**
 * The schema a dataset of this type in this group may use: it must exist,
 * fit the type, and belong to the group's domain (or to none, as the group), with the fields the
 * domain requires.
 */
export async function schemaForDataset(
  ctx: Context,
  schemaArn: string,
  datasetType: DatasetType,
  group: DatasetGroupRecord,
): Promise<DatasetSchema> {
  const schema = await requireResource(ctx, 'schema', schemaArn);
  const groupDomain = group.attributes.domain;
  const schemaDomain = schema.attributes.domain;
  if (groupDomain !== schemaDomain) {
    throw new InvalidInputException(
      `Schema ${schemaArn} is for ${schemaDomain ? `the ${schemaDomain} domain` : 'custom datasets'}, but dataset group ${group.arn} is ${groupDomain ? `a ${groupDomain} domain group` : 'a custom group'}.`,
    );
  }
  const parsed = parseSchema(schema.attributes.schema);
  checkSchemaFitsDataset(parsed, datasetType);
  if (groupDomain) checkSchemaFitsDomain(parsed, datasetType, groupDomain);
  return parsed;
}
