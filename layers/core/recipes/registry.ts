/** Each recipe's implementation by name: the catalogue declares, this trains and loads. */
import { ease } from './ease';
import { personalizedRanking } from './personalized-ranking';
import { popularityCount } from './popularity-count';
import type { Recipe } from './recipe';
import { sims } from './sims';
import { trendingNow } from './trending-now';
import { userPersonalization } from './user-personalization';

const IMPLEMENTATIONS: ReadonlyMap<string, Recipe> = new Map(
  [userPersonalization, personalizedRanking, sims, popularityCount, trendingNow, ease].map(
    (recipe) => [recipe.name, recipe],
  ),
);

export function recipeImplementation(name: string): Recipe {
  const recipe = IMPLEMENTATIONS.get(name);
  if (!recipe) throw new Error(`No implementation of recipe ${name}.`);
  return recipe;
}
