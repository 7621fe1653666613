import {
  CATALOGUE_DATE_MS,
  defaultHyperParameters,
  type CategoricalHyperParameter,
  type NumericHyperParameter,
  type RecipeSpec,
} from '../../recipes/catalogue';
import type { UseCase } from '../../recipes/use-cases';
import {
  featureTransformationOf,
  type FeatureTransformationSpec,
} from '../../recipes/feature-transformations';
import { seconds } from '../../resources/lifecycle';

const dates = {
  creationDateTime: seconds(CATALOGUE_DATE_MS),
  lastUpdatedDateTime: seconds(CATALOGUE_DATE_MS),
};

// Catalogue recipes belong to no domain: Personalize's domain recipes serve recommenders.
export const summarizeRecipe = (spec: RecipeSpec) => ({
  name: spec.name,
  recipeArn: spec.recipeArn,
  status: 'ACTIVE',
  ...dates,
});

export const describeRecipe = (spec: RecipeSpec) => ({
  name: spec.name,
  recipeArn: spec.recipeArn,
  algorithmArn: spec.algorithmArn,
  featureTransformationArn: featureTransformationOf(spec)?.featureTransformationArn,
  status: 'ACTIVE',
  description: spec.description,
  recipeType: spec.recipeType,
  ...dates,
});

/** A domain's use case, as ListRecipes with a domain lists it. */
export const summarizeUseCase = (useCase: UseCase) => ({
  name: useCase.name,
  recipeArn: useCase.recipeArn,
  status: 'ACTIVE',
  domain: useCase.domain,
  ...dates,
});

/** A use case trains with its catalogue recipe's algorithm, and serves as that recipe's type. */
export const describeUseCase = (useCase: UseCase) => ({
  name: useCase.name,
  recipeArn: useCase.recipeArn,
  algorithmArn: useCase.trainedBy.algorithmArn,
  status: 'ACTIVE',
  description: useCase.description,
  recipeType: useCase.trainedBy.recipeType,
  ...dates,
});

export const describeFeatureTransformation = (spec: FeatureTransformationSpec) => ({
  name: spec.name,
  featureTransformationArn: spec.featureTransformationArn,
  defaultParameters: { ...spec.defaultParameters },
  status: 'ACTIVE',
  ...dates,
});

const numericRange = (p: NumericHyperParameter) => ({
  name: p.name,
  minValue: p.min,
  maxValue: p.max,
  isTunable: p.isTunable,
});

const categoricalRange = (p: CategoricalHyperParameter) => ({
  name: p.name,
  values: [...p.values],
  isTunable: p.isTunable,
});

export const describeAlgorithm = (spec: RecipeSpec) => {
  const numeric = (kind: NumericHyperParameter['kind']) =>
    spec.hyperParameters
      .filter((p): p is NumericHyperParameter => p.kind === kind)
      .map(numericRange);
  return {
    name: spec.name,
    algorithmArn: spec.algorithmArn,
    algorithmImage: { name: 'tailor', dockerURI: 'tailor/training' },
    defaultHyperParameters: defaultHyperParameters(spec),
    defaultHyperParameterRanges: {
      integerHyperParameterRanges: numeric('integer'),
      continuousHyperParameterRanges: numeric('continuous'),
      categoricalHyperParameterRanges: spec.hyperParameters
        .filter((p): p is CategoricalHyperParameter => p.kind === 'categorical')
        .map(categoricalRange),
    },
    // Personalize lists its default HPO job limits here; Tailor declares none yet.
    defaultResourceConfig: {},
    trainingInputMode: 'File',
    ...dates,
  };
};
