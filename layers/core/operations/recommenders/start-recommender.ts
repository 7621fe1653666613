import type { StartRecommenderResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { ACTIVE } from '../../domain/jobs';
import { INACTIVE } from '../../domain/recommender';
import { moveRecommender } from './start-stop';

export default defineOperation({
  name: 'StartRecommender',
  input: z.object({ recommenderArn: shape.arn() }),
  touches: (input) => [{ kind: 'recommender', arn: input.recommenderArn }],
  async run(input, ctx) {
    return (await moveRecommender(
      ctx,
      input.recommenderArn,
      INACTIVE,
      ACTIVE,
      'started',
    )) satisfies Wire<StartRecommenderResponse>;
  },
});
