import type { ListRecommendersResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { listResources } from '../../resources/lifecycle';
import { summarizeRecommender } from './view';

export default defineOperation({
  name: 'ListRecommenders',
  input: z.object({ datasetGroupArn: shape.arn().optional(), ...shape.pageRequest }),
  touches: (input) => [{ kind: 'dataset-group', arn: input.datasetGroupArn }],
  async run(input, ctx) {
    const page = await listResources(
      ctx,
      'recommender',
      input.datasetGroupArn,
      input,
      summarizeRecommender,
    );
    return {
      recommenders: page.items,
      nextToken: page.nextToken,
    } satisfies Wire<ListRecommendersResponse>;
  },
});
