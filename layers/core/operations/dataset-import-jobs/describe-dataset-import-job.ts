import type { DescribeDatasetImportJobResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { describeDatasetImportJob } from './view';

/**
 * Tailor's own members beside the SDK's, which raw JSON clients can read: the rows the job
 * imported and the files it read them from.
 */
export type TailorExtras = { datasetImportJob?: { recordCount?: number; fileCount?: number } };

export default defineOperation({
  name: 'DescribeDatasetImportJob',
  input: z.object({ datasetImportJobArn: shape.arn() }),
  touches: (input) => [{ kind: 'dataset-import-job', arn: input.datasetImportJobArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'dataset-import-job', input.datasetImportJobArn);
    return {
      datasetImportJob: describeDatasetImportJob(record),
    } satisfies Wire<DescribeDatasetImportJobResponse & TailorExtras>;
  },
});
