import {
  RECIPES,
  defaultHyperParameters,
  findRecipe,
  recipeByName,
  requireAlgorithm,
  requireRecipe,
} from '../../../layers/core/recipes/catalogue';

// Every recipe type Personalize documents.
const PERSONALIZE_RECIPE_TYPES = [
  'USER_PERSONALIZATION',
  'PERSONALIZED_RANKING',
  'RELATED_ITEMS',
  'POPULAR_ITEMS',
  'USER_SEGMENTATION',
  'NEXT_BEST_ACTION',
];

const hyperParameters = RECIPES.flatMap((recipe) =>
  recipe.hyperParameters.map(
    (parameter) => [`${recipe.name} ${parameter.name}`, parameter] as const,
  ),
);

describe('recipe catalogue', () => {
  it('gives every recipe a unique name', () => {
    const names = RECIPES.map((recipe) => recipe.name);

    expect(new Set(names).size).toBe(names.length);
  });

  it.each(RECIPES.map((recipe) => [recipe.name, recipe] as const))(
    'declares %s with a Personalize recipe type, global ARNs and a one-sentence description',
    (name, recipe) => {
      expect(PERSONALIZE_RECIPE_TYPES).toContain(recipe.recipeType);
      expect(recipe.recipeArn).toBe(`arn:aws:personalize:::recipe/${name}`);
      expect(recipe.algorithmArn).toBe(`arn:aws:personalize:::algorithm/${name}`);
      expect(recipe.description).toMatch(/^[A-Z][^.]*\.$/);
    },
  );

  it.each(RECIPES.map((recipe) => [recipe.name, recipe] as const))(
    'gives the hyperparameters of %s unique names',
    (_name, recipe) => {
      const names = recipe.hyperParameters.map((parameter) => parameter.name);

      expect(new Set(names).size).toBe(names.length);
    },
  );

  it.each(hyperParameters)('declares %s with its default inside its range', (_label, parameter) => {
    if (parameter.kind === 'categorical') {
      expect(parameter.values).toContain(parameter.default);
      return;
    }
    const value = Number(parameter.default);
    expect(String(value)).toBe(parameter.default);
    expect(parameter.min).toBeLessThan(parameter.max);
    expect(value).toBeGreaterThanOrEqual(parameter.min);
    expect(value).toBeLessThanOrEqual(parameter.max);
    if (parameter.kind === 'integer') {
      expect(Number.isInteger(value)).toBe(true);
      expect(Number.isInteger(parameter.min) && Number.isInteger(parameter.max)).toBe(true);
    }
  });

  it('finds recipes by ARN and by name, and algorithms by ARN', () => {
    const sims = recipeByName('aws-sims');

    expect(sims?.recipeType).toBe('RELATED_ITEMS');
    expect(findRecipe('arn:aws:personalize:::recipe/aws-sims')).toBe(sims);
    expect(requireRecipe('arn:aws:personalize:::recipe/aws-sims')).toBe(sims);
    expect(requireAlgorithm('arn:aws:personalize:::algorithm/aws-sims')).toBe(sims);
    expect(findRecipe('arn:aws:personalize:::recipe/aws-similar-items')).toBeUndefined();
    expect(recipeByName('aws-similar-items')).toBeUndefined();
  });

  it('raises ResourceNotFoundException for an unknown recipe or algorithm', () => {
    expect(() => requireRecipe('arn:aws:personalize:::recipe/nope')).toThrow(
      expect.objectContaining({
        name: 'ResourceNotFoundException',
        message: 'Could not find recipe with ARN arn:aws:personalize:::recipe/nope.',
      }),
    );
    expect(() => requireAlgorithm('arn:aws:personalize:::recipe/aws-sims')).toThrow(
      expect.objectContaining({ name: 'ResourceNotFoundException' }),
    );
  });

  it('maps each hyperparameter to its default string', () => {
    expect(defaultHyperParameters(recipeByName('aws-trending-now')!)).toEqual({
      trend_discovery_frequency: '1 day',
    });
    expect(defaultHyperParameters(recipeByName('tailor-ease')!)).toEqual({
      l2_regularization: '500',
    });
  });
});
