import type { CreateSolutionResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireRecipe } from '../../recipes/catalogue';
import { buildArn } from '../../domain/arn';
import { createResource, requireResource } from '../../resources/lifecycle';
import { countOf, requireRoomFor } from '../quotas';
import { checkSolutionConfig, solutionConfig } from './solution-config';
import type { SolutionAttributes } from '../../domain/solution';
import { firstAutoTraining, scheduleOf } from '../../domain/auto-training';

export default defineOperation({
  name: 'CreateSolution',
  input: z.object({
    name: shape.name(),
    datasetGroupArn: shape.arn(),
    recipeArn: shape.arn().optional(),
    performHPO: z.boolean().optional(),
    performAutoML: z.boolean().optional(),
    performAutoTraining: z.boolean().optional(),
    performIncrementalUpdate: z.boolean().optional(),
    eventType: shape.text(0, 256).optional(),
    solutionConfig: solutionConfig().optional(),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [
    { kind: 'dataset-group', arn: input.datasetGroupArn },
    { kind: 'recipe', arn: input.recipeArn },
  ],
  async run(input, ctx) {
    const performAutoML = input.performAutoML ?? false;
    const performHPO = input.performHPO ?? false;
    const performAutoTraining = input.performAutoTraining ?? true;
    const performIncrementalUpdate = input.performIncrementalUpdate ?? false;
    if (performAutoML === Boolean(input.recipeArn)) {
      throw new InvalidInputException(
        performAutoML
          ? 'Give either recipeArn or performAutoML, not both: AutoML chooses the recipe.'
          : 'A solution needs a recipeArn, or performAutoML set to true.',
      );
    }
    const recipe = input.recipeArn ? requireRecipe(input.recipeArn) : undefined;
    checkSolutionConfig(recipe, input.solutionConfig ?? {}, {
      performHPO,
      performAutoML,
      performIncrementalUpdate,
    });
    const group = await requireResource(ctx, 'dataset-group', input.datasetGroupArn);
    await requireRoomFor(ctx, {
      name: 'solutionsPerDatasetGroup',
      holder: `Dataset group ${group.arn}`,
      what: 'solutions',
      remedy: 'delete one first',
      count: countOf(ctx, { kind: 'solution', parentArn: group.arn }),
    });
    const record = await createResource<SolutionAttributes>(ctx, {
      kind: 'solution',
      arn: buildArn(ctx.place, 'solution', input.name),
      parentArn: group.arn,
      attributes: {
        name: input.name,
        datasetGroupArn: group.arn,
        recipeArn: recipe?.recipeArn,
        performHPO,
        performAutoML,
        performAutoTraining,
        performIncrementalUpdate,
        eventType: input.eventType,
        solutionConfig: performAutoTraining
          ? {
              ...input.solutionConfig,
              autoTrainingConfig: { schedulingExpression: scheduleOf(input.solutionConfig) },
            }
          : input.solutionConfig,
        status: 'ACTIVE',
        ...(performAutoTraining ? firstAutoTraining(ctx.now()) : {}),
      },
      tags: input.tags,
    });
    return { solutionArn: record.arn } satisfies Wire<CreateSolutionResponse>;
  },
});
