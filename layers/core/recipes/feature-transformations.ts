/**
 * The feature transformations the catalogue's recipes name, declared as data: DescribeRecipe
 * gives a recipe's featureTransformationArn and DescribeFeatureTransformation describes it.
 * Their ARNs are Personalize's, so code written against Personalize finds them; their default
 * parameters are the featurization Tailor applies.
 */
import { ResourceNotFoundException } from '../api/errors';
import { defaultHyperParameters, recipeByName, type RecipeSpec } from './catalogue';

export interface FeatureTransformationSpec {
  name: string;
  featureTransformationArn: string;
  defaultParameters: Readonly<Record<string, string>>;
  /** The catalogue recipes that name it. */
  recipes: readonly string[];
}

// Global, as the recipes' ARNs are: no region or account.
const featureTransformationArnOf = (name: string): string =>
  `arn:aws:personalize:::feature-transformation/${name}`;

/** SIMS trims users and items by these percentiles, its hyperparameters (recipes/sims.ts). */
const simsPercentiles = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(defaultHyperParameters(recipeByName('aws-sims')!)).filter(([name]) =>
      name.endsWith('_percentile'),
    ),
  );

const transformation = (
  name: string,
  defaultParameters: Record<string, string>,
  recipes: readonly string[],
): FeatureTransformationSpec => ({
  name,
  featureTransformationArn: featureTransformationArnOf(name),
  defaultParameters,
  recipes,
});

export const FEATURE_TRANSFORMATIONS: readonly FeatureTransformationSpec[] = [
  // Tailor's factor models train on every user's history: no percentile is cut off.
  transformation(
    'JSON-percentile-filtering',
    { min_user_history_length_percentile: '0', max_user_history_length_percentile: '1' },
    ['aws-user-personalization', 'aws-personalized-ranking'],
  ),
  transformation('sims', simsPercentiles(), ['aws-sims', 'aws-popularity-count']),
];

const byArn = new Map(FEATURE_TRANSFORMATIONS.map((t) => [t.featureTransformationArn, t]));
const byRecipe = new Map(
  FEATURE_TRANSFORMATIONS.flatMap((t) => t.recipes.map((recipe) => [recipe, t] as const)),
);

/** The transformation the recipe names; undefined for those that name none, as Trending-Now. */
export const featureTransformationOf = (
  recipe: RecipeSpec,
): FeatureTransformationSpec | undefined => byRecipe.get(recipe.name);

export function requireFeatureTransformation(arn: string): FeatureTransformationSpec {
  const found = byArn.get(arn);
  if (!found) {
    throw new ResourceNotFoundException(`Could not find feature transformation with ARN ${arn}.`);
  }
  return found;
}
