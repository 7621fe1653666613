import * as z from 'zod';
import { defineOperation } from '../../api/operation';
import * as shape from '../../api/shapes';
import { requireResource } from '../../resources/lifecycle';
import { describeBatchInferenceJob } from './view';

export default defineOperation({
  name: 'DescribeBatchInferenceJob',
  input: z.object({ batchInferenceJobArn: shape.arn() }),
  touches: (input) => [{ kind: 'batch-inference-job', arn: input.batchInferenceJobArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'batch-inference-job', input.batchInferenceJobArn);
    return { batchInferenceJob: describeBatchInferenceJob(record) };
  },
});
