import {
  CATALOGUE_DATE_MS,
  defaultHyperParameters,
  type CategoricalHyperParameter,
  type NumericHyperParameter,
  type RecipeSpec,
} from '../../recipes/catalogue';
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
