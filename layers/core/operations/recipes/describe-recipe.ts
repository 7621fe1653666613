import type { DescribeRecipeResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireRecipe } from '../../recipes/catalogue';
import { findUseCase } from '../../recipes/use-cases';
import { describeRecipe, describeUseCase } from './view';

export default defineOperation({
  name: 'DescribeRecipe',
  input: z.object({ recipeArn: shape.arn() }),
  touches: (input) => [{ kind: 'recipe', arn: input.recipeArn }],
  async run(input) {
    const useCase = findUseCase(input.recipeArn);
    return {
      recipe: useCase ? describeUseCase(useCase) : describeRecipe(requireRecipe(input.recipeArn)),
    } satisfies Wire<DescribeRecipeResponse>;
  },
});
