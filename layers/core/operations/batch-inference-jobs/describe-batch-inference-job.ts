import type { DescribeBatchInferenceJobResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { describeBatchInferenceJob } from './view';

/**
 * Tailor's own members beside the SDK's, which raw JSON clients can read: the input lines the job
 * answered, and how many of them with an error.
 */
export type TailorExtras = { batchInferenceJob?: { recordCount?: number; errorCount?: number } };

export default defineOperation({
  name: 'DescribeBatchInferenceJob',
  input: z.object({ batchInferenceJobArn: shape.arn() }),
  touches: (input) => [{ kind: 'batch-inference-job', arn: input.batchInferenceJobArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'batch-inference-job', input.batchInferenceJobArn);
    return {
      batchInferenceJob: describeBatchInferenceJob(record),
    } satisfies Wire<DescribeBatchInferenceJobResponse & TailorExtras>;
  },
});
