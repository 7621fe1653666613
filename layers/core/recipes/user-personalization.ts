/**
 * aws-user-personalization (USER_PERSONALIZATION): recommends items for a user, known from
 * training or folded in from their recorded events in real time.
 *
 * With `algorithm` 'ials' it is implicit-feedback matrix factorisation (ials/), with 'ease' the
 * item-to-item EASE (ease.ts), each with the given hyperparameters. With 'auto', the default,
 * the recipe chooses on the data, since no one setting holds across domains
 * (docs/recommendation-quality.md has the measurements): a dense catalogue such as MovieLens
 * wants iALS with a heavy unobserved weight, a sparse long tail such as citation libraries an
 * item-to-item model, and whether a user's latest events say more than their older ones
 * depends on how the data was collected. So, as HPO does but within one training, every
 * candidate below is trained on validation splits carved from the training users
 * (evaluation/split.ts) and scored by NDCG@10 on the validation users; the best one's explicit
 * hyperparameters are what the model is trained with (Recipe.choose):
 *
 *   - iALS with the given hyperparameters, and with the unobserved weight α₀ a tenth and a
 *     hundredth of the given one: the weight of the unobserved mass against the observed is
 *     what collapses a factor model onto the popular head of a long tail (Rendle et al. 2022,
 *     "Revisiting the Performance of iALS on Item Recommendation Benchmarks", §4).
 *   - EASE (Steck 2019) with λ from the data's scale, when it can be trained within the
 *     search's budget (Recipe.estimateSeconds): the strongest model on sparse long tails.
 *   - For each, the history decay ρ (history_decay) among the given value and DECAYS.
 *
 * Candidates run in that order and the search stops starting new ones once SEARCH_BUDGET_S
 * would be passed, so a catalogue where one fit is slow trains the given iALS alone.
 */
import { InvalidInputException } from '../api/errors';
import { evaluate } from './evaluation/evaluate';
import { validationSplit, type ValidationSplit } from './evaluation/split';
import { readArtifact } from './artifact';
import { decodeEase, ease as easeRecipe, EaseModel, trainEase } from './ease';
import { IalsModel } from './ials/model';
import { ialsRecipe } from './ials/recipe';
import { numberParameter, stringParameter } from './model-io';
import type { HyperParameters, Interactions, Model, Recipe, TrainOptions } from './recipe';

const NAME = 'aws-user-personalization';
const ials = ialsRecipe(NAME);

const OBJECTIVE = 'normalized_discounted_cumulative_gain_at_10';

/** Fold-in decays tried besides the given one: about 100, 20 and 10 events of memory. */
const DECAYS = [1, 0.99, 0.95, 0.9];

/** Multiples of the given unobserved weight tried for iALS. */
const UNOBSERVED_WEIGHT_STEPS = [1, 0.1, 0.01];

/**
 * EASE's λ as multiples of the mean number of users per item: the diagonal of XᵀX that λ is
 * added to, so λ keeps its relative strength from a sparse long tail to a dense catalogue.
 */
const EASE_L2_STEPS = [1, 4];

/** Validation users the choice is made on, over at most MAX_FOLDS splits. */
const VALIDATION_USERS = 400;
const MAX_FOLDS = 4;

/**
 * Seconds the search may spend before it stops starting candidates: with the trainings of the
 * measured and the served model after it, a solution version of a 20,000-item catalogue with
 * 500,000 interactions ends within 5 minutes (npm run bench -- search).
 */
const SEARCH_BUDGET_S = 120;

/** A model whose fold-in decay can be changed after training. */
type Decayable = Model & { withHistoryDecay(historyDecay: number): Model };

/** One candidate: explicit hyperparameters (algorithm 'ials' or 'ease'), and its cost if known. */
interface Candidate {
  parameters: HyperParameters;
  cost?: number;
}

const label = (p: HyperParameters): string =>
  p['algorithm'] === 'ease'
    ? `EASE l2_regularization=${p['l2_regularization']}`
    : `iALS unobserved_weight=${p['unobserved_weight']}`;

function candidates(data: Interactions, parameters: HyperParameters): Candidate[] {
  const unobserved = numberParameter(parameters, 'unobserved_weight');
  const weights = [
    ...new Set(UNOBSERVED_WEIGHT_STEPS.map((step) => Number((unobserved * step).toPrecision(4)))),
  ];
  const usersPerItem = data.item.length / Math.max(1, data.itemIds.length);
  const cost = easeRecipe.estimateSeconds!(data);
  return [
    ...weights.map((weight) => ({
      parameters: { ...parameters, algorithm: 'ials', unobserved_weight: weight },
    })),
    ...EASE_L2_STEPS.map((step) => ({
      parameters: {
        ...parameters,
        algorithm: 'ease',
        l2_regularization: Number((usersPerItem * step).toPrecision(3)),
      },
      cost,
    })),
  ];
}

/** The model of explicit hyperparameters, algorithm 'ials' or 'ease'. */
async function trainExplicit(
  data: Interactions,
  parameters: HyperParameters,
  options: TrainOptions,
): Promise<Decayable> {
  if (stringParameter(parameters, 'algorithm') === 'ials') {
    return (await ials.train(data, parameters, options)) as IalsModel;
  }
  // EASE keeps nothing per user, so an update (options.previous) is a full training.
  const lambda = numberParameter(parameters, 'l2_regularization');
  const model = await trainEase(NAME, data, lambda, options);
  return model.withHistoryDecay(numberParameter(parameters, 'history_decay'));
}

/**
 * 'auto' resolved to explicit hyperparameters: every candidate trained on each fold's training
 * users and scored by NDCG@10 on its validation users twice, as users the model was trained on
 * (their history in training, scored as known users are) and as users folded in from their
 * history (left out of training), the mean of the two deciding: a campaign serves both. The
 * decay ρ changes only how a history is scored, so each ρ costs an evaluation, not a training.
 */
async function choose(
  data: Interactions,
  parameters: HyperParameters,
  options: TrainOptions,
): Promise<HyperParameters> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const folds = validationFolds(data, options.seed);
  const decays = [...new Set([numberParameter(parameters, 'history_decay'), ...DECAYS])];
  const quiet = { ...options, log: () => undefined };
  let best: { parameters: HyperParameters; score: number } | undefined;
  for (const candidate of candidates(data, parameters)) {
    if (best && elapsed() + (candidate.cost ?? 0) * folds.length > SEARCH_BUDGET_S) {
      options.log(
        `${NAME}: skipped ${label(candidate.parameters)}: the search's ${SEARCH_BUDGET_S} s would be spent`,
      );
      continue;
    }
    const t = performance.now();
    const scores = new Float64Array(decays.length);
    // iALS trains twice a fold, on the known users' split and on the folded-in users'. EASE
    // keeps nothing per user and scores a known user from their history as it scores a
    // folded-in one, so the second training would differ only by the validation users' rows
    // in B: one serves both settings, at half the cost.
    const perUser = candidate.parameters['algorithm'] === 'ials';
    for (const fold of folds) {
      const settings = perUser ? ([fold.warm, fold.cold] as const) : ([fold.cold] as const);
      for (const split of settings) {
        const model = await trainExplicit(split.training, candidate.parameters, quiet);
        decays.forEach((historyDecay, d) => {
          const metrics = evaluate(model.withHistoryDecay(historyDecay), split.validation, {
            excludeHistory: true,
            knownUsers: split === fold.warm,
          });
          scores[d] += metrics[OBJECTIVE] / folds.length / settings.length;
        });
      }
    }
    const d = scores.indexOf(Math.max(...scores));
    options.log(
      `${NAME}: ${label(candidate.parameters)}: validation NDCG@10 ${scores[d]!.toFixed(4)} with history_decay ${decays[d]} (${folds.length} folds, ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    if (!best || scores[d]! > best.score) {
      best = {
        parameters: { ...candidate.parameters, history_decay: decays[d]! },
        score: scores[d]!,
      };
    }
  }
  options.log(
    `${NAME}: chose ${label(best!.parameters)} with history_decay ${best!.parameters['history_decay']}`,
  );
  return best!.parameters;
}

/**
 * Validation splits of the training users (seeds seed, seed + 1, ...), each as known users
 * (warm) and as folded-in users (cold): as many as it takes to score candidates on
 * VALIDATION_USERS users, at most MAX_FOLDS. A small catalogue's 10% is a few dozen users, too
 * few to tell candidates apart, and a fit on it takes a fraction of a second.
 */
function validationFolds(
  data: Interactions,
  seed: number,
): { warm: ValidationSplit; cold: ValidationSplit }[] {
  const fold = (s: number) => ({
    warm: validationSplit(data, s, 'warm'),
    cold: validationSplit(data, s),
  });
  const first = fold(seed);
  const count = Math.min(
    MAX_FOLDS,
    Math.ceil(VALIDATION_USERS / Math.max(1, first.cold.validation.length)),
  );
  return [first, ...Array.from({ length: count - 1 }, (_, f) => fold(seed + f + 1))];
}

/** trainingMode UPDATE with 'auto': the model chosen before, with its settings. */
function previousChoice(previous: Model, parameters: HyperParameters): HyperParameters {
  if (previous instanceof IalsModel) return { ...previous.data.hyperParameters, algorithm: 'ials' };
  if (previous instanceof EaseModel) {
    const { l2Regularization, historyDecay } = previous.meta;
    return {
      ...parameters,
      algorithm: 'ease',
      l2_regularization: l2Regularization,
      history_decay: historyDecay,
    };
  }
  throw new InvalidInputException(
    `trainingMode UPDATE needs a previous ${NAME} model, not ${previous.recipe}.`,
  );
}

/** The explicit hyperparameters `parameters` train with: 'auto' chosen, the rest as given. */
async function chooseParameters(
  data: Interactions,
  parameters: HyperParameters,
  options: TrainOptions,
): Promise<HyperParameters> {
  if (stringParameter(parameters, 'algorithm') !== 'auto') return parameters;
  if (options.previous) return previousChoice(options.previous, parameters);
  return choose(data, parameters, options);
}

export const userPersonalization: Recipe = {
  name: NAME,
  type: ials.type,
  choose: chooseParameters,
  train: async (data, parameters, options) =>
    trainExplicit(data, await chooseParameters(data, parameters, options), options),
  /** Either model's artifact: iALS's names its factors. */
  decode(bytes) {
    const meta = readArtifact(bytes).meta as { factors?: unknown } | null;
    return typeof meta?.factors === 'number' ? ials.decode(bytes) : decodeEase(NAME, bytes);
  },
};
