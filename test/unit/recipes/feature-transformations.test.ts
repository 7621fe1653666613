import { ResourceNotFoundException } from '../../../layers/core/api/errors';
import { RECIPES, recipeByName } from '../../../layers/core/recipes/catalogue';
import {
  FEATURE_TRANSFORMATIONS,
  featureTransformationOf,
  requireFeatureTransformation,
} from '../../../layers/core/recipes/feature-transformations';

describe('feature transformations', () => {
  it('are named only by catalogue recipes, each recipe naming at most one', () => {
    const named = FEATURE_TRANSFORMATIONS.flatMap((t) => t.recipes);
    expect(named.every((name) => recipeByName(name) !== undefined)).toBe(true);
    expect(new Set(named).size).toBe(named.length);
  });

  it('describe every ARN a recipe names', () => {
    for (const recipe of RECIPES) {
      const arn = featureTransformationOf(recipe)?.featureTransformationArn;
      if (arn) expect(requireFeatureTransformation(arn).featureTransformationArn).toBe(arn);
    }
  });

  it('refuse an ARN no recipe names', () => {
    expect(() =>
      requireFeatureTransformation('arn:aws:personalize:::feature-transformation/sims2'),
    ).toThrow(ResourceNotFoundException);
    expect(() =>
      requireFeatureTransformation('arn:aws:personalize:::feature-transformation/sims2'),
    ).toThrow(
      'Could not find feature transformation with ARN arn:aws:personalize:::feature-transformation/sims2.',
    );
  });
});
