import type { DescribeDataDeletionJobResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { describeDataDeletionJob } from './view';

export default defineOperation({
  name: 'DescribeDataDeletionJob',
  input: z.object({ dataDeletionJobArn: shape.arn() }),
  touches: (input) => [{ kind: 'data-deletion-job', arn: input.dataDeletionJobArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'data-deletion-job', input.dataDeletionJobArn);
    return {
      dataDeletionJob: describeDataDeletionJob(record),
    } satisfies Wire<DescribeDataDeletionJobResponse>;
  },
});
