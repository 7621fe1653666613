import type { DescribeFilterResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { describeFilter } from './view';

export default defineOperation({
  name: 'DescribeFilter',
  input: z.object({ filterArn: shape.arn() }),
  touches: (input) => [{ kind: 'filter', arn: input.filterArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'filter', input.filterArn);
    return { filter: describeFilter(record) } satisfies Wire<DescribeFilterResponse>;
  },
});
