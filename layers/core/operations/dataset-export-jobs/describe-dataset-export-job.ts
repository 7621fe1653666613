import type { DescribeDatasetExportJobResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { describeDatasetExportJob } from './view';

/**
 * Tailor's own members beside the SDK's, which raw JSON clients can read: the rows the job wrote
 * and the CSV files it wrote them to.
 */
export type TailorExtras = { datasetExportJob?: { recordCount?: number; fileCount?: number } };

export default defineOperation({
  name: 'DescribeDatasetExportJob',
  input: z.object({ datasetExportJobArn: shape.arn() }),
  touches: (input) => [{ kind: 'dataset-export-job', arn: input.datasetExportJobArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'dataset-export-job', input.datasetExportJobArn);
    return {
      datasetExportJob: describeDatasetExportJob(record),
    } satisfies Wire<DescribeDatasetExportJobResponse & TailorExtras>;
  },
});
