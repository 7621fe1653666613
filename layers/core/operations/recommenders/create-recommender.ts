import type { CreateRecommenderResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import {
  InvalidInputException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { buildArn } from '../../domain/arn';
import { PENDING } from '../../domain/jobs';
import type { RecommenderAttributes } from '../../domain/recommender';
import { launchJob } from '../../jobs/launch';
import { findRecipe } from '../../recipes/catalogue';
import { findUseCase, useCasesOf } from '../../recipes/use-cases';
import { createResource, requireResource } from '../../resources/lifecycle';
import { checkRecommenderConfig, recommenderConfig } from './recommender-config';

export default defineOperation({
  name: 'CreateRecommender',
  input: z.object({
    name: shape.name(),
    datasetGroupArn: shape.arn(),
    recipeArn: shape.arn(),
    recommenderConfig: recommenderConfig().optional(),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [
    { kind: 'dataset-group', arn: input.datasetGroupArn },
    { kind: 'recipe', arn: input.recipeArn },
  ],
  async run(input, ctx) {
    const config = input.recommenderConfig ?? {};
    const arn = buildArn(ctx.place, 'recommender', input.name);
    if (await ctx.metadata.get(arn)) {
      throw new ResourceAlreadyExistsException(`A recommender named ${input.name} already exists.`);
    }
    const group = await requireResource(ctx, 'dataset-group', input.datasetGroupArn);
    const domain = group.attributes.domain;
    if (!domain) {
      throw new InvalidInputException(
        `Dataset group ${group.arn} is a custom dataset group: recommenders belong to domain dataset groups (CreateDatasetGroup with a domain); a custom group trains solutions and deploys campaigns.`,
      );
    }
    const useCase = findUseCase(input.recipeArn);
    if (!useCase) {
      if (!findRecipe(input.recipeArn)) {
        throw new ResourceNotFoundException(`Could not find recipe with ARN ${input.recipeArn}.`);
      }
      throw new InvalidInputException(
        `Recipe ${input.recipeArn} is a custom recipe: a recommender takes a use case of the ${domain} domain (${useCasesOf(
          domain,
        )
          .map((u) => u.name)
          .join(', ')}).`,
      );
    }
    if (useCase.domain !== domain) {
      throw new InvalidInputException(
        `Use case ${useCase.name} belongs to the ${useCase.domain} domain, but dataset group ${group.arn} is a ${domain} group: choose one of ${useCasesOf(
          domain,
        )
          .map((u) => u.name)
          .join(', ')}.`,
      );
    }
    const interactionsArn = buildArn(ctx.place, 'dataset', group.attributes.name, 'INTERACTIONS');
    if (!(await ctx.metadata.get(interactionsArn))) {
      throw new InvalidInputException(
        `Dataset group ${group.arn} has no Interactions dataset: a recommender trains on one; create it and import interactions first.`,
      );
    }
    checkRecommenderConfig(useCase, config);
    const record = await createResource<RecommenderAttributes>(ctx, {
      kind: 'recommender',
      arn,
      parentArn: group.arn,
      attributes: {
        name: input.name,
        datasetGroupArn: group.arn,
        recipeArn: useCase.recipeArn,
        recommenderConfig: config,
        status: PENDING,
      },
      tags: input.tags,
    });
    await launchJob(ctx, 'recommender-training', record.arn);
    return { recommenderArn: record.arn } satisfies Wire<CreateRecommenderResponse>;
  },
});
