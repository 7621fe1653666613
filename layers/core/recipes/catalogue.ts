/**
 * The recipes Tailor implements, declared as data: ListRecipes, DescribeRecipe
 * and DescribeAlgorithm serve this list, and training reads the hyperparameter
 * declarations to fill in defaults and check the values a solution gives.
 */
import { ResourceNotFoundException } from '../api/errors';

/** The recipe types Tailor serves; Personalize also has USER_SEGMENTATION and NEXT_BEST_ACTION. */
export type RecipeType =
  'USER_PERSONALIZATION' | 'PERSONALIZED_RANKING' | 'RELATED_ITEMS' | 'POPULAR_ITEMS';

interface HyperParameterBase {
  name: string;
  /** As Personalize writes it in `defaultHyperParameters` and takes it in `algorithmHyperParameters`. */
  default: string;
  /** Whether HPO may search it: Personalize only tunes parameters it marks so. */
  isTunable: boolean;
}

export interface NumericHyperParameter extends HyperParameterBase {
  kind: 'integer' | 'continuous';
  min: number;
  max: number;
}

export interface CategoricalHyperParameter extends HyperParameterBase {
  kind: 'categorical';
  values: readonly string[];
}

export type HyperParameterSpec = NumericHyperParameter | CategoricalHyperParameter;

export interface RecipeSpec {
  name: string;
  recipeType: RecipeType;
  description: string;
  recipeArn: string;
  /** Each recipe trains with its own algorithm of the same name. */
  algorithmArn: string;
  hyperParameters: readonly HyperParameterSpec[];
}

/** Catalogue entries have no creation event, so they carry one fixed date instead of Date.now(). */
export const CATALOGUE_DATE_MS = Date.UTC(2026, 10, 1);

// Personalize's recipes are global: no region or account in their ARNs.
export const recipeArnOf = (name: string): string => `arn:aws:personalize:::recipe/${name}`;
const algorithmArnOf = (name: string): string => `arn:aws:personalize:::algorithm/${name}`;

interface NumericOptions {
  default: number;
  min: number;
  max: number;
  tunable?: boolean;
}

const numeric =
  (kind: NumericHyperParameter['kind']) =>
  (name: string, o: NumericOptions): NumericHyperParameter => ({
    name,
    kind,
    default: String(o.default),
    min: o.min,
    max: o.max,
    isTunable: o.tunable ?? false,
  });

const integer = numeric('integer');
const continuous = numeric('continuous');

const categorical = (
  name: string,
  o: { default: string; values: readonly string[]; tunable?: boolean },
): CategoricalHyperParameter => ({
  name,
  kind: 'categorical',
  default: o.default,
  values: o.values,
  isTunable: o.tunable ?? false,
});

/**
 * iALS (Hu, Koren & Volinsky 2008) with the unobserved weight and frequency-based regularisation
 * of Rendle, Krichene, Zhang & Koren (2022, "Revisiting the Performance of iALS on Item
 * Recommendation Benchmarks"): confidence
 * c = 1 + alpha·w for observed pairs, weight unobserved_weight (α₀) for the rest, and each factor
 * row's L2 weight regularization·(n + α₀·m)^regularization_exponent for its n observed entries
 * against m rows of the other side (ials/matrix.ts). Fold-in weighs a user's k-th newest event by
 * history_decay^k (ials/model.ts).
 *
 * Defaults chosen on validation users carved from the training users of ml-100k (5 seeds) and
 * the ML-1M list (3 seeds), NDCG@10 with history excluded, never on test users:
 *   - regularization_exponent 1 with regularization 0.01: λ then scales with the catalogue, the
 *     "not scaled by the data's size" that kept the former constant λ = 10 too weak on ML-1M;
 *     0.322 on ML-1M against 0.312 for λ = 10, ν = 0 (ml-100k 0.144 against 0.142). Scores
 *     fall fast past 0.01 (ML-1M 0.245 at 0.03) and slowly below it (0.314 at 0.003).
 *   - alpha 3 with unobserved_weight 1, a confidence ratio of 4, right for dense MovieLens but
 *     not for a sparse long tail (citeulike-a: 0.018 at 1, 0.120 at 0.01), so aws-user-
 *     personalization's 'auto' tries a tenth and a hundredth too (user-personalization.ts).
 *   - history_decay 1: fold-in weighs a history as training weighs it, every event alike; a
 *     session-ordered catalogue gains from a decay (ml-100k 0.182 at 0.95 against 0.144) and a
 *     randomly ordered one loses (the ML-1M list 0.289 against 0.322), so 'auto' chooses it on
 *     the validation users.
 *   - hidden_dimension 128 scored 2% higher on ML-1M (0.328) at twice the training time; 30
 *     iterations or 6 CG steps changed nothing.
 */
const IMPLICIT_FACTORISATION = [
  integer('hidden_dimension', { default: 64, min: 8, max: 512, tunable: true }),
  integer('num_iterations', { default: 15, min: 1, max: 100 }),
  continuous('regularization', { default: 0.01, min: 0.0001, max: 100, tunable: true }),
  // Not in Personalize: ν and α₀ above; ν = 0 and α₀ = 1 give Hu et al.'s objective.
  continuous('regularization_exponent', { default: 1, min: 0, max: 1 }),
  continuous('unobserved_weight', { default: 1, min: 0.001, max: 1, tunable: true }),
  continuous('alpha', { default: 3, min: 0.01, max: 1000, tunable: true }),
  // Not in Personalize: ρ above; 1 weighs a user's whole history alike.
  continuous('history_decay', { default: 1, min: 0.5, max: 1, tunable: true }),
  categorical('recency_mask', { default: 'true', values: ['true', 'false'] }),
  // Not in Personalize: conjugate-gradient steps per row and half-iteration (3 as in
  // benfred/implicit); about `hidden_dimension` steps give the exact least-squares solution.
  integer('cg_steps', { default: 3, min: 1, max: 64 }),
];

/** EASE's λ (recipes/ease.ts), of tailor-ease and of aws-user-personalization's EASE. */
const EASE_REGULARIZATION = continuous('l2_regularization', {
  default: 500,
  min: 1,
  max: 100000,
  tunable: true,
});

const recipe = (
  name: string,
  recipeType: RecipeType,
  description: string,
  hyperParameters: readonly HyperParameterSpec[] = [],
): RecipeSpec => ({
  name,
  recipeType,
  description,
  recipeArn: recipeArnOf(name),
  algorithmArn: algorithmArnOf(name),
  hyperParameters,
});

export const RECIPES: readonly RecipeSpec[] = [
  recipe(
    'aws-user-personalization',
    'USER_PERSONALIZATION',
    "Recommends items for a user with implicit-feedback matrix factorisation (iALS), folding in the user's recorded events in real time and exploring new items.",
    [
      // Not in Personalize: 'auto' chooses the model on a validation split of the training
      // users (user-personalization.ts); 'ials' and 'ease' train that model with the given
      // values only.
      categorical('algorithm', { default: 'auto', values: ['auto', 'ials', 'ease'] }),
      ...IMPLICIT_FACTORISATION,
      // With algorithm 'ease' (which 'auto' may choose, setting it from the data).
      EASE_REGULARIZATION,
      // A campaign's itemExplorationConfig overrides these two, as in Personalize.
      continuous('exploration_weight', { default: 0.3, min: 0, max: 1 }),
      continuous('exploration_item_age_cut_off', { default: 30, min: 1, max: 30 }),
    ],
  ),
  recipe(
    'aws-personalized-ranking',
    'PERSONALIZED_RANKING',
    "Ranks a given list of items for a user with implicit-feedback matrix factorisation (iALS), folding in the user's recorded events in real time.",
    IMPLICIT_FACTORISATION,
  ),
  recipe(
    'aws-sims',
    'RELATED_ITEMS',
    'Recommends the items most often interacted with by the same users as a given item, discounting popular items.',
    [
      continuous('popularity_discount_factor', { default: 0.5, min: 0, max: 1, tunable: true }),
      integer('min_cointeraction_count', { default: 3, min: 0, max: 10, tunable: true }),
      continuous('min_user_history_length_percentile', { default: 0.005, min: 0, max: 1 }),
      continuous('max_user_history_length_percentile', { default: 0.995, min: 0, max: 1 }),
      continuous('min_item_interaction_count_percentile', { default: 0.01, min: 0, max: 1 }),
      // Personalize's default is 0.9, but dropping the most popular 10% of items from
      // co-occurrence halves NDCG@10 here (ml-100k 0.11 vs 0.17, ML-1M 0.07 vs 0.19, history
      // excluded): keep them by default.
      continuous('max_item_interaction_count_percentile', { default: 1, min: 0, max: 1 }),
    ],
  ),
  recipe(
    'aws-popularity-count',
    'POPULAR_ITEMS',
    'Recommends the items that the most distinct users interacted with.',
  ),
  recipe(
    'aws-trending-now',
    'POPULAR_ITEMS',
    'Recommends the items whose interactions are rising fastest.',
    [
      categorical('trend_discovery_frequency', {
        default: '1 day',
        values: ['30 minutes', '1 hour', '3 hours', '1 day'],
      }),
    ],
  ),
  // Not in Personalize: exact and quick where the item-item Gram matrix fits in memory.
  recipe(
    'tailor-ease',
    'USER_PERSONALIZATION',
    'Recommends items for a user with EASE (Steck 2019), a closed-form item-to-item model, where users or items number at most 20,000.',
    [EASE_REGULARIZATION],
  ),
];

/** The recipes AutoML chooses among when the config names none: Tailor's user recipes. */
export const DEFAULT_AUTOML_RECIPES = RECIPES.filter(
  (recipe) => recipe.recipeType === 'USER_PERSONALIZATION',
).map((recipe) => recipe.recipeArn);

const byRecipeArn = new Map(RECIPES.map((r) => [r.recipeArn, r]));
const byAlgorithmArn = new Map(RECIPES.map((r) => [r.algorithmArn, r]));
const byName = new Map(RECIPES.map((r) => [r.name, r]));

export const findRecipe = (recipeArn: string): RecipeSpec | undefined => byRecipeArn.get(recipeArn);

export const recipeByName = (name: string): RecipeSpec | undefined => byName.get(name);

export function requireRecipe(recipeArn: string): RecipeSpec {
  const found = findRecipe(recipeArn);
  if (!found) throw new ResourceNotFoundException(`Could not find recipe with ARN ${recipeArn}.`);
  return found;
}

/** The recipe whose algorithm has this ARN. */
export function requireAlgorithm(algorithmArn: string): RecipeSpec {
  const found = byAlgorithmArn.get(algorithmArn);
  if (!found) {
    throw new ResourceNotFoundException(`Could not find algorithm with ARN ${algorithmArn}.`);
  }
  return found;
}

/** Every hyperparameter's default, the values training uses for those a solution leaves out. */
export const defaultHyperParameters = (spec: RecipeSpec): Record<string, string> =>
  Object.fromEntries(spec.hyperParameters.map((p) => [p.name, p.default]));
