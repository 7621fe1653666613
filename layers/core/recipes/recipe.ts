/**
 * The one interface every recipe implements. A recipe trains a Model from
 * Interactions; a Model scores the catalogue for a user (known, or folded in
 * from a history), or for an item, and encodes itself as a versioned
 * artifact that `decode` reads back byte for byte.
 */
import type { RecipeType } from './catalogue';

/**
 * Interactions ready for training: one entry per interaction, grouped by user
 * (CSR), oldest first within a user. Indices point into `userIds`/`itemIds`.
 */
export interface Interactions {
  userIds: readonly string[];
  itemIds: readonly string[];
  /** User u's interactions are entries userStart[u] to userStart[u + 1] - 1. */
  userStart: Uint32Array;
  item: Uint32Array;
  /** Confidence of each interaction, > 0: event weights and values already applied. */
  weight: Float32Array;
  /** Epoch seconds, ascending within a user. */
  time: Float64Array;
}

/** One user's interactions as a model reads them: item indices into the model's catalogue. */
export interface History {
  items: Uint32Array;
  weights: Float32Array;
  /** Epoch seconds, oldest first. */
  times: Float64Array;
}

/** Hyperparameter values after defaults and checks (hyperparameters.ts): numbers or categories. */
export type HyperParameters = Readonly<Record<string, number | string>>;

export interface TrainOptions {
  /** Seeds every random choice: the same data, parameters and seed give the same artifact. */
  seed: number;
  /** Worker threads the recipe may use. */
  threads: number;
  /** One line per iteration (with its loss, where the recipe has one). */
  log(line: string): void;
  /** trainingMode UPDATE: the model to start from, of the same recipe. */
  previous?: Model;
}

export interface Model {
  readonly recipe: string;
  readonly itemIds: readonly string[];
  /**
   * Writes a score for every catalogue item into `scores` (length itemIds.length);
   * higher is better. A user the model knows may be scored from what it learned;
   * anyone else (userId undefined, or unseen) is scored from `history` alone.
   */
  scoreUser(userId: string | undefined, history: History, scores: Float32Array): void;
  /**
   * Factor models, whose scores are x·y_i: the user's factor x as scoreUser finds it (learned,
   * else folded in from `history`), so a faster kernel can score it. A scratch vector of the
   * model's, valid until its next call.
   */
  userFactor?(userId: string | undefined, history: History): Float64Array;
  /** RELATED_ITEMS recipes: scores every item for one item. */
  scoreItem?(item: number, scores: Float32Array): void;
  encode(): Uint8Array;
}

export interface Recipe {
  readonly name: string;
  readonly type: RecipeType;
  train(data: Interactions, parameters: HyperParameters, options: TrainOptions): Promise<Model>;
  decode(artifact: Uint8Array): Model;
  /**
   * For a recipe that chooses its model on the data (aws-user-personalization's 'auto'): the
   * explicit hyperparameters it would train with, so that a solution version chooses once and
   * trains its measured and its served model alike. Others train with what they are given.
   */
  choose?(
    data: Interactions,
    parameters: HyperParameters,
    options: TrainOptions,
  ): Promise<HyperParameters>;
  /**
   * Seconds `train` is expected to take on `data` on one machine like this one, for a recipe
   * whose cost can outgrow any budget (EASE's cubic inverse), so a search can skip it.
   */
  estimateSeconds?(data: Interactions): number;
}
