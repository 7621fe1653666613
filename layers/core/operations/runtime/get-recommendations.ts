import type { GetRecommendationsResponse } from '@aws-sdk/client-personalize-runtime';
import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { getRecommendations } from '../../serving/runtime';
import { filterOf } from '../../serving/filtering';
import { checkShared, promotion, promotionOf, sharedMembers } from './request';

/** Personalize's default and largest list. */
const DEFAULT_RESULTS = 25;
const MAX_RESULTS = 500;

export default defineOperation({
  name: 'GetRecommendations',
  route: '/recommendations',
  input: z.object({
    campaignArn: shape.arn().optional(),
    recommenderArn: shape.arn().optional(),
    itemId: shape.id().optional(),
    userId: shape.id().optional(),
    numResults: shape.integer(0, MAX_RESULTS).optional(),
    promotions: shape.list(promotion(), 0, 1).optional(),
    ...sharedMembers,
  }),
  touches: (input) => [
    { kind: 'campaign', arn: input.campaignArn },
    { kind: 'recommender', arn: input.recommenderArn },
    { kind: 'filter', arn: input.filterArn },
    ...(input.promotions ?? []).map(({ filterArn }) => ({
      kind: 'filter' as const,
      arn: filterArn,
    })),
  ],
  async run(input, ctx) {
    if ((input.recommenderArn === undefined) === (input.campaignArn === undefined)) {
      throw new InvalidInputException(
        'GetRecommendations needs either a campaignArn or a recommenderArn, not both.',
      );
    }
    const metadataColumns = checkShared(input);
    const filter = filterOf(input);
    const promotion = promotionOf(input.promotions);
    return (await getRecommendations(ctx, {
      ...(input.campaignArn !== undefined ? { campaignArn: input.campaignArn } : {}),
      ...(input.recommenderArn !== undefined ? { recommenderArn: input.recommenderArn } : {}),
      ...(input.userId !== undefined ? { userId: input.userId } : {}),
      ...(input.itemId !== undefined ? { itemId: input.itemId } : {}),
      numResults: input.numResults ?? DEFAULT_RESULTS,
      ...(metadataColumns ? { metadataColumns } : {}),
      ...(filter ? { filter } : {}),
      ...(promotion ? { promotion } : {}),
    })) satisfies Wire<GetRecommendationsResponse>;
  },
});
