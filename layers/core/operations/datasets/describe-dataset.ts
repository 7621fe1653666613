import type { DescribeDatasetResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import type { DataOverview } from '../../domain/data-overview';
import { requireResource, findResource } from '../../resources/lifecycle';

import { EVENT_DATASET_TYPES } from './dataset-type';
import { describeDataset } from './view';

/**
 * Tailor's own members beside the SDK's, which raw JSON clients (and the console) can read: the
 * bulk rows stored after the latest import, and an Interactions dataset's data overview.
 */
export type TailorExtras = {
  dataset?: { latestDatasetUpdate?: { recordCount?: number; dataOverview?: DataOverview } };
};

export default defineOperation({
  name: 'DescribeDataset',
  input: z.object({ datasetArn: shape.arn() }),
  touches: (input) => [{ kind: 'dataset', arn: input.datasetArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'dataset', input.datasetArn);
    let trackingId: string | undefined;
    if (EVENT_DATASET_TYPES.includes(record.attributes.datasetType)) {
      const group = await findResource(ctx, 'dataset-group', record.attributes.datasetGroupArn);
      trackingId = group?.attributes.trackingId;
    }
    return { dataset: describeDataset(record, trackingId) } satisfies Wire<
      DescribeDatasetResponse & TailorExtras
    >;
  },
});
