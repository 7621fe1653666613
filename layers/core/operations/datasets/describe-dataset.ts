import * as z from 'zod';
import { defineOperation } from '../../api/operation';
import * as shape from '../../api/shapes';
import { requireResource } from '../../resources/lifecycle';
import type { DatasetGroupAttributes } from '../../domain/dataset-group';
import { EVENT_DATASET_TYPES } from './dataset-type';
import { describeDataset } from './view';

export default defineOperation({
  name: 'DescribeDataset',
  input: z.object({ datasetArn: shape.arn() }),
  touches: (input) => [{ kind: 'dataset', arn: input.datasetArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'dataset', input.datasetArn);
    let trackingId: string | undefined;
    if (EVENT_DATASET_TYPES.includes(record.attributes.datasetType)) {
      const group = await ctx.metadata.get<DatasetGroupAttributes>(
        record.attributes.datasetGroupArn,
      );
      trackingId = group?.attributes.trackingId;
    }
    return { dataset: describeDataset(record, trackingId) };
  },
});
