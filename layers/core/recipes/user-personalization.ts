/**
 * aws-user-personalization (USER_PERSONALIZATION): recommends items for a user, known from
 * training or folded in from their recorded events in real time.
 *
 * With `algorithm` 'ials' it is implicit-feedback matrix factorisation (ials/) with the given
 * hyperparameters. With 'auto', the default, the recipe chooses its model on the data, since no
 * one setting holds across domains (docs/recommendation-quality.md has the measurements): a
 * dense catalogue such as MovieLens wants iALS with a heavy unobserved weight, a sparse long
 * tail such as citation libraries an item-to-item model, and whether a user's latest events
 * say more than their older ones depends on how the data was collected. So, as HPO does but
 * within one training run, every candidate below is trained on a validation split carved from
 * the training users (evaluation/split.ts) and scored by NDCG@10 on the validation users,
 * folded in from their history as Personalize's offline metrics fold in held-out users; the
 * best is trained on all the data.
 *
 *   - iALS with the given hyperparameters, and with the unobserved weight α₀ a tenth and a
 *     hundredth of the given one: the weight of the unobserved mass against the observed is
 *     what collapses a factor model onto the popular head of a long tail (Rendle et al. 2022,
 *     "Revisiting the Performance of iALS on Item Recommendation Benchmarks", §4).
 *   - EASE (Steck 2019, ease.ts) with λ from the data's scale, when it can be trained within
 *     the search's budget (easeTrainingCost): the strongest model on sparse long tails.
 *   - For each trained candidate, the fold-in's history decay ρ (history_decay) among the given
 *     value and DECAYS: only scoring depends on it, so it costs one evaluation, not a training.
 *
 * Candidates run in that order and the search stops starting new ones once SEARCH_BUDGET_S has
 * passed, so a catalogue where one fit is slow trains the given iALS alone.
 */
import { InvalidInputException } from '../api/errors';
import { evaluate } from '../evaluation/evaluate';
import { validationSplit } from '../evaluation/split';
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

/** Seconds the search may spend before it stops starting candidates. */
const SEARCH_BUDGET_S = 180;

/** A model whose fold-in decay can be changed after training. */
type Decayable = Model & { withHistoryDecay(historyDecay: number): Model };

interface Candidate {
  label: string;
  /** Estimated seconds, when known before training; the search skips one that cannot fit. */
  cost?: number;
  train(data: Interactions, options: TrainOptions): Promise<Decayable>;
}

function candidates(data: Interactions, parameters: HyperParameters): Candidate[] {
  const unobserved = numberParameter(parameters, 'unobserved_weight');
  const iAls = UNOBSERVED_WEIGHT_STEPS.map((step) => {
    const weight = Number((unobserved * step).toPrecision(4));
    const given = { ...parameters, unobserved_weight: weight };
    return {
      label: `iALS unobserved_weight=${weight}`,
      train: async (fit: Interactions, options: TrainOptions) =>
        (await ials.train(fit, given, options)) as IalsModel,
    };
  }).filter((candidate, index, all) => all.findIndex((c) => c.label === candidate.label) === index);
  const usersPerItem = data.item.length / Math.max(1, data.itemIds.length);
  const itemToItem = EASE_L2_STEPS.map((step) => {
    const lambda = Number((usersPerItem * step).toPrecision(3));
    return {
      label: `EASE l2_regularization=${lambda}`,
      cost: easeRecipe.estimateSeconds!(data),
      train: (fit: Interactions, options: TrainOptions) => trainEase(NAME, fit, lambda, options),
    };
  });
  return [...iAls, ...itemToItem];
}

async function choose(
  data: Interactions,
  parameters: HyperParameters,
  options: TrainOptions,
): Promise<Candidate & { historyDecay: number }> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const folds = validationFolds(data, options.seed);
  const decays = [...new Set([numberParameter(parameters, 'history_decay'), ...DECAYS])];
  const quiet = { ...options, log: () => undefined };
  let best: (Candidate & { historyDecay: number; score: number }) | undefined;
  for (const candidate of candidates(data, parameters)) {
    if (best && elapsed() + (candidate.cost ?? 0) * folds.length > SEARCH_BUDGET_S) {
      options.log(
        `${NAME}: skipped ${candidate.label}: the search's ${SEARCH_BUDGET_S} s would be spent`,
      );
      continue;
    }
    const t = performance.now();
    const scores = new Float64Array(decays.length);
    for (const { training, validation } of folds) {
      const model = await candidate.train(training, quiet);
      decays.forEach((historyDecay, d) => {
        const metrics = evaluate(model.withHistoryDecay(historyDecay), validation, {
          excludeHistory: true,
        });
        scores[d] += metrics[OBJECTIVE] / folds.length;
      });
    }
    const d = scores.indexOf(Math.max(...scores));
    const own = { historyDecay: decays[d]!, score: scores[d]! };
    options.log(
      `${NAME}: ${candidate.label}: validation NDCG@10 ${own.score.toFixed(4)} with history_decay ${own.historyDecay} (${folds.length} folds, ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    if (!best || own.score > best.score) best = { ...candidate, ...own };
  }
  options.log(`${NAME}: chose ${best!.label} with history_decay ${best!.historyDecay}`);
  return best!;
}

/**
 * Validation splits of the training users (seeds seed, seed + 1, ...): as many as it takes to
 * score candidates on VALIDATION_USERS users, at most MAX_FOLDS. A small catalogue's 10% is a
 * few dozen users, too few to tell candidates apart, and a fit on it takes a fraction of a second.
 */
function validationFolds(data: Interactions, seed: number) {
  const first = validationSplit(data, seed);
  const count = Math.min(
    MAX_FOLDS,
    Math.ceil(VALIDATION_USERS / Math.max(1, first.validation.length)),
  );
  return [
    first,
    ...Array.from({ length: count - 1 }, (_, f) => validationSplit(data, seed + f + 1)),
  ];
}

export const userPersonalization: Recipe = {
  name: NAME,
  type: ials.type,
  async train(data, parameters, options) {
    if (stringParameter(parameters, 'algorithm') === 'ials') {
      return ials.train(data, parameters, options);
    }
    if (options.previous) return retrain(options.previous, data, options);
    const chosen = await choose(data, parameters, options);
    const model = await chosen.train(data, options);
    return model.withHistoryDecay(chosen.historyDecay);
  },
  /** Either model's artifact: iALS's names its factors. */
  decode(bytes) {
    const meta = readArtifact(bytes).meta as { factors?: unknown } | null;
    return typeof meta?.factors === 'number' ? ials.decode(bytes) : decodeEase(NAME, bytes);
  },
};

/** trainingMode UPDATE keeps the model chosen before, with its settings. */
async function retrain(previous: Model, data: Interactions, options: TrainOptions): Promise<Model> {
  if (previous instanceof IalsModel) {
    const { hyperParameters, historyDecay } = previous.data;
    return ((await ials.train(data, hyperParameters, options)) as IalsModel).withHistoryDecay(
      historyDecay,
    );
  }
  if (previous instanceof EaseModel) {
    const { l2Regularization, historyDecay } = previous.meta;
    // EASE keeps nothing per user: an update is a full training with the same λ.
    return (await trainEase(NAME, data, l2Regularization, options)).withHistoryDecay(historyDecay);
  }
  throw new InvalidInputException(
    `trainingMode UPDATE needs a previous ${NAME} model, not ${previous.recipe}.`,
  );
}
