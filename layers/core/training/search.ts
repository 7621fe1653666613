/**
 * HPO and AutoML as seeded searches scored on a validation split carved from
 * the training users (never the test users): HPO draws hyperparameters from
 * the config's ranges, AutoML tries each candidate recipe, and the best by
 * the objective metric wins. Trial 0 is always the given parameters, so a
 * search never does worse on validation than not searching.
 */
import type { Random } from '../recipes/evaluation/random';
import type { SolutionConfig } from '../domain/solution';
import type { RecipeSpec } from '../recipes/catalogue';
import type { HyperParameters } from '../recipes/recipe';

/** Trials when hpoResourceConfig names no number; Personalize allows up to 40. */
export const DEFAULT_TRAINING_JOBS = 8;

/** The HPO and AutoML objective when the config names none. */
export const DEFAULT_OBJECTIVE = 'normalized_discounted_cumulative_gain_at_10';

type Ranges = NonNullable<
  NonNullable<SolutionConfig['hpoConfig']>['algorithmHyperParameterRanges']
>;

/** The hyperparameter sets to try: the given ones first, then seeded draws from the ranges. */
export function hpoCandidates(
  recipe: RecipeSpec,
  base: HyperParameters,
  config: SolutionConfig,
  random: Random,
): HyperParameters[] {
  const hpo = config.hpoConfig ?? {};
  const trials = Number(hpo.hpoResourceConfig?.maxNumberOfTrainingJobs ?? DEFAULT_TRAINING_JOBS);
  const ranges = searchRanges(recipe, hpo.algorithmHyperParameterRanges);
  const candidates: HyperParameters[] = [base];
  for (let t = 1; t < trials && ranges.length > 0; t++) {
    const drawn: Record<string, number | string> = { ...base };
    // A drawn candidate trains the values drawn: aws-user-personalization's own choice of model
    // ('auto', user-personalization.ts) would otherwise look past them.
    if (base['algorithm'] === 'auto') drawn['algorithm'] = 'ials';
    for (const range of ranges) drawn[range.name] = range.draw(random);
    candidates.push(drawn);
  }
  return candidates;
}

interface SearchRange {
  name: string;
  draw(random: Random): number | string;
}

/** The config's ranges, or every tunable parameter's declared range when it gives none. */
function searchRanges(recipe: RecipeSpec, given: Ranges | undefined): SearchRange[] {
  const numeric = (name: string, min: number, max: number, integer: boolean): SearchRange => ({
    name,
    draw(random) {
      // Wide positive ranges (regularisation, alpha) are searched on a log scale.
      const logScale = min > 0 && max / min >= 100;
      const x = logScale
        ? Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min)))
        : min + random.next() * (max - min);
      return integer ? Math.round(x) : Number(x.toPrecision(4));
    },
  });
  const categorical = (name: string, values: readonly string[]): SearchRange => ({
    name,
    draw: (random) => values[random.int(values.length)]!,
  });
  if (given) {
    return [
      ...(given.integerHyperParameterRanges ?? []).map((r) =>
        numeric(r.name, r.minValue, r.maxValue, true),
      ),
      ...(given.continuousHyperParameterRanges ?? []).map((r) =>
        numeric(r.name, r.minValue, r.maxValue, false),
      ),
      ...(given.categoricalHyperParameterRanges ?? []).map((r) => categorical(r.name, r.values)),
    ];
  }
  return recipe.hyperParameters
    .filter((spec) => spec.isTunable)
    .map((spec) =>
      spec.kind === 'categorical'
        ? categorical(spec.name, spec.values)
        : numeric(spec.name, spec.min, spec.max, spec.kind === 'integer'),
    );
}
