import type { UpdateDatasetResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { InvalidInputException, ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { parseSchema, type DatasetSchema } from '../../data/avro-schema';
import { requireResource } from '../../resources/lifecycle';
import { schemaForDataset } from './schema-for-dataset';
import { DELETING } from '../../domain/dataset';

export default defineOperation({
  name: 'UpdateDataset',
  input: z.object({ datasetArn: shape.arn(), schemaArn: shape.arn() }),
  touches: (input) => [
    { kind: 'dataset', arn: input.datasetArn },
    { kind: 'schema', arn: input.schemaArn },
  ],
  async run(input, ctx) {
    const dataset = await requireResource(ctx, 'dataset', input.datasetArn);
    if (dataset.attributes.status === DELETING) {
      throw new ResourceInUseException(`Dataset ${dataset.arn} is being deleted.`);
    }
    const { datasetGroupArn, datasetType, schemaArn: currentArn } = dataset.attributes;
    const group = await requireResource(ctx, 'dataset-group', datasetGroupArn);
    const next = await schemaForDataset(ctx, input.schemaArn, datasetType, group);
    const current = await requireResource(ctx, 'schema', currentArn);
    keepsEveryField(parseSchema(current.attributes.schema), next, input.schemaArn);

    const now = ctx.now();
    await ctx.metadata.update(input.datasetArn, {
      attributes: {
        schemaArn: input.schemaArn,
        latestUpdate: {
          schemaArn: input.schemaArn,
          status: 'ACTIVE',
          createdAt: now,
          updatedAt: now,
        },
      },
      updatedAt: now,
    });
    return { datasetArn: input.datasetArn } satisfies Wire<UpdateDatasetResponse>;
  },
});

/** Data already imported must still fit: a new schema may add fields, not drop or retype them. */
function keepsEveryField(current: DatasetSchema, next: DatasetSchema, nextArn: string): void {
  const nextFields = new Map(next.fields.map((field) => [field.name, field]));
  for (const field of current.fields) {
    const replacement = nextFields.get(field.name);
    if (!replacement) {
      throw new InvalidInputException(
        `Schema ${nextArn} drops the field "${field.name}" of the dataset's current schema; a replacement schema may only add fields.`,
      );
    }
    if (replacement.type !== field.type) {
      throw new InvalidInputException(
        `Schema ${nextArn} changes the type of field "${field.name}" from ${field.type} to ${replacement.type}.`,
      );
    }
  }
}
