/**
 * The use cases of Personalize's domain dataset groups, declared as data: the recipes a
 * recommender is created with (CreateRecommender's recipeArn), which ListRecipes lists for a
 * domain and DescribeRecipe describes. Each names the catalogue recipe that trains it and the
 * interactions it trains on, following Personalize's documented requirements per use case.
 */
import type { Domain } from '../domain/dataset-group';
import { findRecipe, recipeArnOf, type RecipeSpec, type RecipeType } from './catalogue';

export interface UseCase {
  name: string;
  domain: Domain;
  recipeArn: string;
  description: string;
  /** The catalogue recipe whose training and serving the use case reuses. */
  trainedBy: RecipeSpec;
  /** Only interactions of this event type train it (and must be in the data); all types when absent. */
  eventType?: string;
  /** What GetRecommendations must name, as Personalize documents it per use case. */
  requires: readonly RequestMember[];
  /**
   * An event type whose items the user already has are left out of the list, as Personalize's
   * automatic filter of the use case does (a video the user watched, say).
   */
  excludesInteracted?: string;
}

export type RequestMember = 'userId' | 'itemId';

interface UseCaseRules {
  /** Only interactions of this type train it. */
  eventType?: string;
  /** The members GetRecommendations needs; by default the trained recipe's (an item to relate to, else a user). */
  requires?: readonly RequestMember[];
  excludesInteracted?: string;
}

const useCase = (
  domain: Domain,
  name: string,
  trainedBy: string,
  description: string,
  rules: UseCaseRules = {},
): UseCase => {
  const recipe = findRecipe(recipeArnOf(trainedBy))!;
  const { eventType, requires, excludesInteracted } = rules;
  return {
    name,
    domain,
    recipeArn: recipeArnOf(name),
    description,
    trainedBy: recipe,
    ...(eventType ? { eventType } : {}),
    requires:
      requires ??
      (recipe.recipeType === ('RELATED_ITEMS' satisfies RecipeType) ? ['itemId'] : ['userId']),
    ...(excludesInteracted ? { excludesInteracted } : {}),
  };
};

export const USE_CASES: readonly UseCase[] = [
  useCase(
    'VIDEO_ON_DEMAND',
    'aws-vod-because-you-watched-x',
    'aws-sims',
    'Recommends videos that other users also watched, based on a video you specify.',
    { eventType: 'Watch', requires: ['userId', 'itemId'], excludesInteracted: 'Watch' },
  ),
  useCase(
    'VIDEO_ON_DEMAND',
    'aws-vod-more-like-x',
    'aws-sims',
    'Recommends videos similar to a video you specify.',
    { requires: ['userId', 'itemId'], excludesInteracted: 'Watch' },
  ),
  useCase(
    'VIDEO_ON_DEMAND',
    'aws-vod-most-popular',
    'aws-popularity-count',
    'Recommends the videos watched by the most users.',
    { eventType: 'Watch' },
  ),
  useCase(
    'VIDEO_ON_DEMAND',
    'aws-vod-trending-now',
    'aws-trending-now',
    'Recommends the videos whose interactions are rising fastest.',
    // A user is needed only by a filter on them (CurrentUser, their interactions).
    { requires: [] },
  ),
  useCase(
    'VIDEO_ON_DEMAND',
    'aws-vod-top-picks',
    'aws-user-personalization',
    'Recommends videos personalized for a user.',
    { excludesInteracted: 'Watch' },
  ),
  useCase(
    'ECOMMERCE',
    'aws-ecomm-customers-who-viewed-x-also-viewed',
    'aws-sims',
    'Recommends items that customers also viewed, based on an item you specify.',
    { eventType: 'View', requires: ['userId', 'itemId'], excludesInteracted: 'Purchase' },
  ),
  useCase(
    'ECOMMERCE',
    'aws-ecomm-frequently-bought-together',
    'aws-sims',
    'Recommends items that customers frequently buy together with an item you specify.',
    { eventType: 'Purchase' },
  ),
  useCase(
    'ECOMMERCE',
    'aws-ecomm-popular-items-by-purchases',
    'aws-popularity-count',
    'Recommends the items bought by the most users.',
    { eventType: 'Purchase' },
  ),
  useCase(
    'ECOMMERCE',
    'aws-ecomm-popular-items-by-views',
    'aws-popularity-count',
    'Recommends the items viewed by the most users.',
    { eventType: 'View' },
  ),
  useCase(
    'ECOMMERCE',
    'aws-ecomm-recommended-for-you',
    'aws-user-personalization',
    'Recommends items personalized for a user.',
    { excludesInteracted: 'Purchase' },
  ),
];

const byRecipeArn = new Map(USE_CASES.map((u) => [u.recipeArn, u]));

export const findUseCase = (recipeArn: string): UseCase | undefined => byRecipeArn.get(recipeArn);

export const useCasesOf = (domain: Domain): readonly UseCase[] =>
  USE_CASES.filter((u) => u.domain === domain);
