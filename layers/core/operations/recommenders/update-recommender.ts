import type { UpdateRecommenderResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { ACTIVE } from '../../domain/jobs';
import { INACTIVE, type RecommenderUpdate } from '../../domain/recommender';
import { findUseCase } from '../../recipes/use-cases';
import { requireResource } from '../../resources/lifecycle';
import { forgetDeployment } from '../../serving/deployments';
import { checkRecommenderConfig, recommenderConfig } from './recommender-config';

export default defineOperation({
  name: 'UpdateRecommender',
  input: z.object({ recommenderArn: shape.arn(), recommenderConfig: recommenderConfig() }),
  touches: (input) => [{ kind: 'recommender', arn: input.recommenderArn }],
  async run(input, ctx) {
    const recommender = await requireResource(ctx, 'recommender', input.recommenderArn);
    const a = recommender.attributes;
    if (a.status !== ACTIVE && a.status !== INACTIVE) {
      throw new ResourceInUseException(
        `Recommender ${recommender.arn} is ${a.status}: it can be updated when ACTIVE or INACTIVE.`,
      );
    }
    // The config given changes the fields it names; the others stay as they were.
    const config = { ...a.recommenderConfig, ...input.recommenderConfig };
    checkRecommenderConfig(findUseCase(a.recipeArn)!, config);
    const now = ctx.now();
    // The config serves from the next request on: the model does not change, so nothing trains.
    const update: RecommenderUpdate = {
      recommenderConfig: config,
      status: ACTIVE,
      createdAt: now,
      updatedAt: now,
    };
    await ctx.metadata.update(
      recommender.arn,
      { attributes: { recommenderConfig: config, latestUpdate: update }, updatedAt: now },
      { oneOf: { name: 'status', values: [ACTIVE, INACTIVE] } },
    );
    forgetDeployment(ctx, recommender.arn);
    return { recommenderArn: recommender.arn } satisfies Wire<UpdateRecommenderResponse>;
  },
});
