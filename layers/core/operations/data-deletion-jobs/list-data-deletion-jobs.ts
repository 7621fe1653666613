import type { ListDataDeletionJobsResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { listResources } from '../../resources/lifecycle';
import { summarizeDataDeletionJob } from './view';

export default defineOperation({
  name: 'ListDataDeletionJobs',
  input: z.object({ datasetGroupArn: shape.arn().optional(), ...shape.pageRequest }),
  touches: (input) => [{ kind: 'dataset-group', arn: input.datasetGroupArn }],
  async run(input, ctx) {
    const page = await listResources(
      ctx,
      'data-deletion-job',
      input.datasetGroupArn,
      input,
      summarizeDataDeletionJob,
    );
    return {
      dataDeletionJobs: page.items,
      nextToken: page.nextToken,
    } satisfies Wire<ListDataDeletionJobsResponse>;
  },
});
