import type { DescribeDatasetGroupResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { describeDatasetGroup } from './view';

export default defineOperation({
  name: 'DescribeDatasetGroup',
  input: z.object({ datasetGroupArn: shape.arn() }),
  touches: (input) => [{ kind: 'dataset-group', arn: input.datasetGroupArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'dataset-group', input.datasetGroupArn);
    return {
      datasetGroup: describeDatasetGroup(record),
    } satisfies Wire<DescribeDatasetGroupResponse>;
  },
});
