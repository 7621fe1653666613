import type { ListBatchInferenceJobsResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { listResources } from '../../resources/lifecycle';
import { summarizeBatchInferenceJob } from './view';

export default defineOperation({
  name: 'ListBatchInferenceJobs',
  input: z.object({ solutionVersionArn: shape.arn().optional(), ...shape.pageRequest }),
  touches: () => [],
  async run(input, ctx) {
    const page = await listResources(
      ctx,
      'batch-inference-job',
      input.solutionVersionArn,
      input,
      summarizeBatchInferenceJob,
    );
    return {
      batchInferenceJobs: page.items,
      nextToken: page.nextToken,
    } satisfies Wire<ListBatchInferenceJobsResponse>;
  },
});
