import type { CreateDatasetResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { buildArn } from '../../domain/arn';
import { createResource, requireResource } from '../../resources/lifecycle';
import { datasetType } from './dataset-type';
import { schemaForDataset } from './schema-for-dataset';
import type { DatasetAttributes } from '../../domain/dataset';

export default defineOperation({
  name: 'CreateDataset',
  input: z.object({
    name: shape.name(),
    schemaArn: shape.arn(),
    datasetGroupArn: shape.arn(),
    datasetType: datasetType(),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [
    { kind: 'dataset-group', arn: input.datasetGroupArn },
    { kind: 'schema', arn: input.schemaArn },
  ],
  async run(input, ctx) {
    const group = await requireResource(ctx, 'dataset-group', input.datasetGroupArn);
    await schemaForDataset(ctx, input.schemaArn, input.datasetType, group);
    // The ARN names the group and the type, so a second dataset of a type is a taken ARN.
    const record = await createResource<DatasetAttributes>(ctx, {
      kind: 'dataset',
      arn: buildArn(ctx.place, 'dataset', group.attributes.name, input.datasetType),
      parentArn: group.arn,
      attributes: {
        name: input.name,
        datasetGroupArn: group.arn,
        datasetType: input.datasetType,
        schemaArn: input.schemaArn,
        status: 'ACTIVE',
      },
      tags: input.tags,
    });
    return { datasetArn: record.arn } satisfies Wire<CreateDatasetResponse>;
  },
});
