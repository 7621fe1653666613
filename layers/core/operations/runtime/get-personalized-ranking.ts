import type { GetPersonalizedRankingResponse } from '@aws-sdk/client-personalize-runtime';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { getPersonalizedRanking } from '../../serving/runtime';
import { filterOf } from '../../serving/filtering';
import { checkShared, sharedMembers } from './request';

export default defineOperation({
  name: 'GetPersonalizedRanking',
  route: '/personalize-ranking',
  input: z.object({
    campaignArn: shape.arn(),
    inputList: shape.list(shape.id(), 1, 500),
    userId: shape.id(),
    ...sharedMembers,
  }),
  touches: (input) => [
    { kind: 'campaign', arn: input.campaignArn },
    { kind: 'filter', arn: input.filterArn },
  ],
  async run(input, ctx) {
    const metadataColumns = checkShared(input);
    const filter = filterOf(input);
    return (await getPersonalizedRanking(ctx, {
      campaignArn: input.campaignArn,
      userId: input.userId,
      inputList: input.inputList,
      ...(metadataColumns ? { metadataColumns } : {}),
      ...(filter ? { filter } : {}),
    })) satisfies Wire<GetPersonalizedRankingResponse>;
  },
});
