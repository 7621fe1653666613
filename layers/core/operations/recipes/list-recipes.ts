import type { ListRecipesResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import { DEFAULT_PAGE_SIZE, openToken, sealToken } from '../../api/pagination';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { RECIPES } from '../../recipes/catalogue';
import { useCasesOf } from '../../recipes/use-cases';
import { summarizeRecipe, summarizeUseCase } from './view';

export default defineOperation({
  name: 'ListRecipes',
  input: z.object({
    recipeProvider: z.enum(['SERVICE']).optional(),
    domain: shape.domain().optional(),
    ...shape.pageRequest,
  }),
  touches: () => [],
  async run(input, ctx) {
    // Every catalogue recipe is domain-less; a domain lists its use cases alone.
    const matching = input.domain
      ? useCasesOf(input.domain).map(summarizeUseCase)
      : RECIPES.map(summarizeRecipe);
    const scope = `recipes|${input.recipeProvider ?? 'SERVICE'}|${input.domain ?? ''}`;
    const offset = input.nextToken
      ? Number(openToken(ctx.tokenKey, scope, input.nextToken).offset)
      : 0;
    const end = offset + (input.maxResults ?? DEFAULT_PAGE_SIZE);
    return {
      recipes: matching.slice(offset, end),
      nextToken:
        end < matching.length ? sealToken(ctx.tokenKey, scope, { offset: end }) : undefined,
    } satisfies Wire<ListRecipesResponse>;
  },
});
