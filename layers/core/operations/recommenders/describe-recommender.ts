import type { DescribeRecommenderResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { describeRecommender } from './view';

export default defineOperation({
  name: 'DescribeRecommender',
  input: z.object({ recommenderArn: shape.arn() }),
  touches: (input) => [{ kind: 'recommender', arn: input.recommenderArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'recommender', input.recommenderArn);
    return {
      recommender: describeRecommender(record),
    } satisfies Wire<DescribeRecommenderResponse>;
  },
});
