import type { Context } from '../../context/context';
import { InvalidInputException, ResourceNotFoundException } from '../../api/errors';
import { parseSchema, type DatasetSchema } from '../../data/avro-schema';
import { type DatasetType } from '../../domain/dataset';
import { requireResource, findResource } from '../../resources/lifecycle';
import { DELETING, type DatasetAttributes } from '../../domain/dataset';

/** A group's dataset of a type: `dataset/{groupName}/{TYPE}` beside `dataset-group/{groupName}`. */
const datasetArnOf = (datasetGroupArn: string, type: DatasetType): string =>
  `${datasetGroupArn.replace(':dataset-group/', ':dataset/')}/${type}`;

/** Data sent to a dataset being deleted would outlive it (delete-dataset.ts). */
async function schemaOf(
  ctx: Context,
  arn: string,
  dataset: DatasetAttributes,
): Promise<DatasetSchema> {
  if (dataset.status === DELETING) {
    throw new ResourceNotFoundException(`Dataset ${arn} is being deleted.`);
  }
  const schema = await requireResource(ctx, 'schema', dataset.schemaArn);
  return parseSchema(schema.attributes.schema);
}

/** The schema PutEvents checks against: that of the group's Interactions dataset. */
export async function interactionsSchema(
  ctx: Context,
  datasetGroupArn: string,
): Promise<DatasetSchema> {
  const dataset = await findResource(ctx, 'dataset', datasetArnOf(datasetGroupArn, 'INTERACTIONS'));
  if (!dataset) {
    throw new ResourceNotFoundException(
      `Dataset group ${datasetGroupArn} has no Interactions dataset to record events in: create one first.`,
    );
  }
  return schemaOf(ctx, dataset.arn, dataset.attributes);
}

/** The schema of the dataset PutUsers or PutItems names, which must be of the type it takes. */
export async function recordsSchema(
  ctx: Context,
  datasetArn: string,
  type: DatasetType,
  operation: string,
): Promise<DatasetSchema> {
  const dataset = await requireResource(ctx, 'dataset', datasetArn);
  if (dataset.attributes.datasetType !== type) {
    throw new InvalidInputException(
      `${operation} records into datasets of type ${type}; ${datasetArn} is of type ${dataset.attributes.datasetType}.`,
    );
  }
  return schemaOf(ctx, dataset.arn, dataset.attributes);
}
