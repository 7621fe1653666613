/**
 * solutionConfig as CreateSolution takes it: the shape is declared here, and
 * the checks that need the recipe (hyperparameter names and ranges, HPO
 * ranges, AutoML candidates) run in `checkSolutionConfig`.
 */
import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import * as shape from '../../api/shapes';
import { DEFAULT_AUTOML_RECIPES, findRecipe, type RecipeSpec } from '../../recipes/catalogue';
import { resolveHyperParameters } from '../../recipes/hyperparameters';
import { METRIC_NAMES } from '../../domain/metrics';
import type { SolutionConfig } from '../../domain/solution';
import { schedulePeriodMs, SCHEDULE_FORM } from '../../domain/auto-training';

/** The model's HyperParameters and FeatureTransformationParameters. */
const stringMap = () => shape.map(shape.text(0, 256), shape.text(0, 1000), 100);
/** HPO's bounds, as the model's IntegerMinValue, ContinuousMaxValue and so on declare them. */
const HPO_BOUND = 1_000_000;
const range = <T extends z.ZodType>(minValue: T, maxValue: T) =>
  z.object({ name: z.string().max(256), minValue, maxValue });

const metricName = () =>
  z.enum(METRIC_NAMES, {
    message: `Member must be one of ${METRIC_NAMES.join(', ')}`,
  });

/** The model's Excluded/IncludedDatasetColumns: column names by dataset type. */
export const datasetColumns = () =>
  shape.map(shape.datasetTypeName(), shape.list(shape.columnName(), 0, 50), 3);

export const eventsConfig = () =>
  z.object({
    eventParametersList: z
      .array(
        z.object({
          eventType: shape.text(1, 256),
          eventValueThreshold: shape.double().optional(),
          weight: shape.double(0, 1).optional(),
        }),
      )
      .max(10, { message: 'Member must have length less than or equal to 10' })
      .optional(),
  });

export const autoTrainingConfig = () =>
  z.object({
    schedulingExpression: shape
      .text(1, 16)
      .regex(/^rate\(\d+ days?\)$/, {
        message: 'Member must satisfy regular expression pattern: rate\\(\\d+ days?\\)',
      })
      .optional(),
  });

export const solutionConfig = () =>
  z.object({
    eventValueThreshold: shape.text(0, 256).optional(),
    hpoConfig: z
      .object({
        hpoObjective: z
          .object({
            type: z.enum(['Maximize', 'Minimize']).optional(),
            metricName: metricName().optional(),
            metricRegex: z.string().max(256).optional(),
          })
          .optional(),
        hpoResourceConfig: z
          .object({
            maxNumberOfTrainingJobs: z.string().max(256).optional(),
            maxParallelTrainingJobs: z.string().max(256).optional(),
          })
          .optional(),
        algorithmHyperParameterRanges: z
          .object({
            integerHyperParameterRanges: z
              .array(range(shape.integer(-HPO_BOUND), shape.integer(undefined, HPO_BOUND)))
              .max(100)
              .optional(),
            continuousHyperParameterRanges: z
              .array(range(shape.double(-HPO_BOUND), shape.double(-HPO_BOUND)))
              .max(100)
              .optional(),
            categoricalHyperParameterRanges: z
              .array(
                z.object({
                  name: z.string().max(256),
                  values: z.array(shape.text(0, 1000)).max(100),
                }),
              )
              .max(100)
              .optional(),
          })
          .optional(),
      })
      .optional(),
    algorithmHyperParameters: stringMap().optional(),
    featureTransformationParameters: stringMap().optional(),
    autoMLConfig: z
      .object({
        metricName: metricName().optional(),
        recipeList: z.array(shape.arn()).max(100).optional(),
      })
      .optional(),
    eventsConfig: eventsConfig().optional(),
    optimizationObjective: z
      .object({
        itemAttribute: shape.text(1, 150).optional(),
        objectiveSensitivity: z.enum(['LOW', 'MEDIUM', 'HIGH', 'OFF']).optional(),
      })
      .optional(),
    trainingDataConfig: z
      .object({
        excludedDatasetColumns: datasetColumns().optional(),
        includedDatasetColumns: datasetColumns().optional(),
      })
      .optional(),
    autoTrainingConfig: autoTrainingConfig().optional(),
  }) satisfies z.ZodType<SolutionConfig>;

/** Why a schedule the model's pattern lets through is refused: its days out of range. */
export function scheduleProblem(
  member: string,
  config?: { schedulingExpression?: string },
): string | undefined {
  const expression = config?.schedulingExpression;
  if (expression === undefined || schedulePeriodMs(expression) !== undefined) return undefined;
  return `${member}.schedulingExpression must be ${SCHEDULE_FORM}, got "${expression}"`;
}

/** Tailor serves no aws-semantic-similarity, the one recipe incremental updates are for. */
export const INCREMENTAL_UPDATE_PROBLEM =
  'performIncrementalUpdate may be true only for a solution with aws-semantic-similarity, a recipe Tailor does not serve';

/** The most HPO trials Personalize allows. */
const MAX_TRAINING_JOBS = 40;

/** The checks that need the recipe; every problem is named in one InvalidInputException. */
export function checkSolutionConfig(
  recipe: RecipeSpec | undefined,
  config: SolutionConfig,
  flags: { performHPO: boolean; performAutoML: boolean; performIncrementalUpdate?: boolean },
): void {
  const problems: string[] = [];
  const note = (check: () => void) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof InvalidInputException)) throw error;
      problems.push(error.message.replace(/\.$/, ''));
    }
  };
  if (
    config.eventValueThreshold !== undefined &&
    !Number.isFinite(Number(config.eventValueThreshold))
  ) {
    problems.push(
      `solutionConfig.eventValueThreshold must be a number, got "${config.eventValueThreshold}"`,
    );
  }
  if (recipe) note(() => resolveHyperParameters(recipe, config.algorithmHyperParameters));
  if (config.hpoConfig && !flags.performHPO) {
    problems.push('solutionConfig.hpoConfig needs performHPO set to true');
  }
  if (flags.performHPO && recipe) checkHpo(recipe, config, problems);
  if (config.autoMLConfig && !flags.performAutoML) {
    problems.push('solutionConfig.autoMLConfig needs performAutoML set to true');
  }
  for (const arn of config.autoMLConfig?.recipeList ?? []) {
    const candidate = findRecipe(arn);
    if (candidate?.recipeType !== 'USER_PERSONALIZATION') {
      problems.push(
        `autoMLConfig.recipeList may name only USER_PERSONALIZATION recipes (${DEFAULT_AUTOML_RECIPES.join(', ')}), got ${arn}`,
      );
    }
  }
  const schedule = scheduleProblem('solutionConfig.autoTrainingConfig', config.autoTrainingConfig);
  if (schedule) problems.push(schedule);
  if (flags.performIncrementalUpdate) problems.push(INCREMENTAL_UPDATE_PROBLEM);
  if (problems.length > 0) throw new InvalidInputException(`${problems.join('; ')}.`);
}

function checkHpo(recipe: RecipeSpec, config: SolutionConfig, problems: string[]): void {
  const hpo = config.hpoConfig ?? {};
  const jobs = hpo.hpoResourceConfig?.maxNumberOfTrainingJobs;
  if (jobs !== undefined && !(/^\d+$/.test(jobs) && +jobs >= 1 && +jobs <= MAX_TRAINING_JOBS)) {
    problems.push(
      `hpoResourceConfig.maxNumberOfTrainingJobs must be from 1 to ${MAX_TRAINING_JOBS}, got "${jobs}"`,
    );
  }
  const specs = new Map(recipe.hyperParameters.map((spec) => [spec.name, spec]));
  const ranges = hpo.algorithmHyperParameterRanges ?? {};
  const numeric = [
    ...(ranges.integerHyperParameterRanges ?? []).map((r) => ({ ...r, kind: 'integer' })),
    ...(ranges.continuousHyperParameterRanges ?? []).map((r) => ({ ...r, kind: 'continuous' })),
  ];
  for (const r of numeric) {
    const spec = specs.get(r.name);
    if (!spec || !spec.isTunable || spec.kind !== r.kind) {
      problems.push(`${recipe.name} has no tunable ${r.kind} hyperparameter "${r.name}"`);
    } else if (
      spec.kind !== 'categorical' &&
      (r.minValue < spec.min || r.maxValue > spec.max || r.minValue > r.maxValue)
    ) {
      problems.push(
        `the range of ${r.name} must lie within ${spec.min} to ${spec.max}, got ${r.minValue} to ${r.maxValue}`,
      );
    }
  }
  for (const r of ranges.categoricalHyperParameterRanges ?? []) {
    const spec = specs.get(r.name);
    if (!spec || !spec.isTunable || spec.kind !== 'categorical') {
      problems.push(`${recipe.name} has no tunable categorical hyperparameter "${r.name}"`);
    } else if (r.values.some((value) => !spec.values.includes(value))) {
      problems.push(`the values of ${r.name} must be among ${spec.values.join(', ')}`);
    }
  }
}
