/**
 * iALS training, the driver: implicit-feedback matrix factorisation after Hu, Koren & Volinsky
 * (2008), with the unobserved weight and frequency-scaled regularisation of Rendle, Krichene,
 * Zhang & Koren (2022, "Revisiting the Performance of iALS on Item Recommendation Benchmarks"),
 * minimising over user factors x_u and item factors y_i
 *
 *   Σ_{u,i} w_ui (p_ui − x_u·y_i)² + Σ_u λ_u‖x_u‖² + Σ_i λ_i‖y_i‖²
 *
 * over every (user, item) pair, with p_ui = 1 and w_ui = c_ui = 1 + α·r_ui where the user met the
 * item (r_ui sums the pair's event weights, matrix.ts), p = 0 and w = α₀ elsewhere, and
 * λ_u = λ·(n_u + α₀·items)^ν,
 * λ_i = λ·(n_i + α₀·users)^ν for n the row's observed entries (matrix.ts rowRegularization).
 * With α₀ = 1 and ν = 0 this is Hu et al.'s objective. Alternating least squares: with Y fixed
 * the objective is a separate least-squares problem per user, and then likewise per item with X
 * fixed; each is solved approximately by conjugate gradient (kernel.ts). One iteration is a user
 * half and an item half, and logs the loss between the two.
 */
import { InvalidInputException } from '../../api/errors';
import { createRandom } from '../evaluation/random';
import { numberParameter, stringParameter } from '../model-io';
import type { HyperParameters, Interactions, TrainOptions } from '../recipe';
import type { Csr } from '../user-item-matrix';
import type { IalsKernelFactory } from './kernel';
import { confidenceMatrix, recencyOf, regularizationOf } from './matrix';
import { IalsModel, type IalsModelData } from './model';

/**
 * Initial factors: uniform with standard deviation INIT_STD / √k, the scale of Rendle et al.
 * (2021, "Revisiting the performance of iALS") who draw N(0, 0.1²/k): small, so the first half
 * is ruled by the data, and shrinking with k so that initial scores x·y do not grow with it.
 */
const INIT_STD = 0.1;

/** Training produced a NaN or infinite factor, from extreme alpha or regularization. */
export class NonFiniteFactorsError extends Error {
  override readonly name = 'NonFiniteFactorsError';
}

interface IalsParameters {
  factors: number;
  iterations: number;
  regularization: number;
  regularizationExponent: number;
  unobservedWeight: number;
  alpha: number;
  historyDecay: number;
  recencyMask: boolean;
  cgSteps: number;
}

/** The catalogue's iALS hyperparameters (resolved by hyperparameters.ts) as typed values. */
function ialsParameters(parameters: HyperParameters): IalsParameters {
  return {
    factors: numberParameter(parameters, 'hidden_dimension'),
    iterations: numberParameter(parameters, 'num_iterations'),
    regularization: numberParameter(parameters, 'regularization'),
    regularizationExponent: numberParameter(parameters, 'regularization_exponent'),
    unobservedWeight: numberParameter(parameters, 'unobserved_weight'),
    alpha: numberParameter(parameters, 'alpha'),
    historyDecay: numberParameter(parameters, 'history_decay'),
    recencyMask: stringParameter(parameters, 'recency_mask') === 'true',
    cgSteps: numberParameter(parameters, 'cg_steps'),
  };
}

export async function trainIals(
  data: Interactions,
  hyperParameters: HyperParameters,
  options: TrainOptions,
  kernelFactory: IalsKernelFactory,
): Promise<IalsModelData> {
  const p = ialsParameters(hyperParameters);
  const k = p.factors;
  const recency = p.recencyMask ? recencyOf(data.time) : null;
  const matrix = confidenceMatrix(data, p.alpha, recency);
  if (matrix.byUser.indices.length === 0) {
    throw new InvalidInputException('iALS needs at least one interaction to train on.');
  }
  const previous = previousModel(options.previous, k);
  const stride = Math.ceil(k / 4) * 4;
  const regularization = (csr: Csr) =>
    regularizationOf(csr, p.regularization, p.regularizationExponent, p.unobservedWeight);
  const kernel = await kernelFactory({
    matrix,
    stride,
    unobservedWeight: p.unobservedWeight,
    regularization: { users: regularization(matrix.byUser), items: regularization(matrix.byItem) },
    cgSteps: p.cgSteps,
    threads: Math.max(1, options.threads),
  });
  try {
    // Users first, then items, each row from the generator in order, then UPDATE's known rows
    // overwritten: the same seed gives the same start whatever the previous model holds.
    const random = createRandom(options.seed);
    const scale = (INIT_STD * Math.sqrt(12)) / Math.sqrt(k);
    for (const factors of [kernel.userFactors, kernel.itemFactors]) {
      for (let row = 0; row < factors.length / stride; row++) {
        for (let a = 0; a < k; a++) factors[row * stride + a] = (random.next() - 0.5) * scale;
      }
    }
    if (previous) {
      copyKnown(
        previous.userIds,
        previous.userFactors,
        data.userIds,
        kernel.userFactors,
        k,
        stride,
      );
      copyKnown(
        previous.itemIds,
        previous.itemFactors,
        data.itemIds,
        kernel.itemFactors,
        k,
        stride,
      );
    }

    // implicit's normalisation: Σ w over all pairs, so losses compare across data sets.
    const pairs =
      matrix.totalConfidence +
      p.unobservedWeight * (matrix.users * matrix.items - matrix.byUser.indices.length);
    for (let iteration = 1; iteration <= p.iterations; iteration++) {
      const started = performance.now();
      await kernel.solve('users', false);
      // The loss between the halves: the item half computes it for free as it starts.
      const loss = (await kernel.solve('items', true)) / pairs;
      // It sums every factor, so a NaN or infinite one anywhere shows in it; only the last item
      // half comes after, and modelData checks its result.
      if (!Number.isFinite(loss)) throw nonFinite(p, `at iteration ${iteration}`);
      const seconds = (performance.now() - started) / 1000;
      options.log(
        `iALS iteration ${iteration}/${p.iterations}: loss ${loss.toPrecision(6)} (${seconds.toFixed(2)} s)`,
      );
    }
    return modelData(p, recency, hyperParameters, data, matrix.byUser.indptr, kernel, stride);
  } finally {
    await kernel.close();
  }
}

const nonFinite = (p: IalsParameters, when: string): NonFiniteFactorsError =>
  new NonFiniteFactorsError(
    `iALS factors became non-finite ${when}: lower alpha (${p.alpha}) or raise regularization (${p.regularization}).`,
  );

/** trainingMode UPDATE starts from the previous model, which must factorise with the same k. */
function previousModel(previous: TrainOptions['previous'], k: number): IalsModelData | undefined {
  if (previous === undefined) return undefined;
  if (!(previous instanceof IalsModel)) {
    throw new InvalidInputException(
      `trainingMode UPDATE needs a previous iALS model, not ${previous.recipe}.`,
    );
  }
  if (previous.data.factors !== k) {
    throw new InvalidInputException(
      `trainingMode UPDATE needs hidden_dimension ${previous.data.factors} as before, not ${k}.`,
    );
  }
  return previous.data;
}

/** Copies the previous factor of every id found in both lists into its padded row. */
function copyKnown(
  previousIds: readonly string[],
  previousFactors: Float32Array,
  ids: readonly string[],
  factors: Float32Array,
  k: number,
  stride: number,
): void {
  const previousRows = new Map(previousIds.map((id, row) => [id, row]));
  ids.forEach((id, row) => {
    const from = previousRows.get(id);
    if (from !== undefined) {
      factors.set(previousFactors.subarray(from * k, (from + 1) * k), row * stride);
    }
  });
}

/** The model: factors unpadded, users without interactions left out, and the items' YᵀY. */
function modelData(
  p: IalsParameters,
  recency: IalsModelData['recency'],
  hyperParameters: HyperParameters,
  data: Interactions,
  userIndptr: Uint32Array,
  kernel: { userFactors: Float32Array; itemFactors: Float32Array },
  stride: number,
): IalsModelData {
  const k = p.factors;
  const trained: number[] = [];
  for (let u = 0; u < data.userIds.length; u++) {
    if (userIndptr[u + 1] > userIndptr[u]) trained.push(u);
  }
  const userFactors = new Float32Array(trained.length * k);
  trained.forEach((u, row) =>
    userFactors.set(kernel.userFactors.subarray(u * stride, u * stride + k), row * k),
  );
  const items = data.itemIds.length;
  const itemFactors = new Float32Array(items * k);
  for (let i = 0; i < items; i++) {
    itemFactors.set(kernel.itemFactors.subarray(i * stride, i * stride + k), i * k);
  }
  if (!itemFactors.every(Number.isFinite)) throw nonFinite(p, 'in the last item update');
  // YᵀY on the lower triangle, mirrored.
  const itemGram = new Float64Array(k * k);
  for (let i = 0; i < items; i++) {
    for (let a = 0; a < k; a++) {
      const ya = itemFactors[i * k + a];
      for (let j = 0; j <= a; j++) itemGram[a * k + j] += ya * itemFactors[i * k + j];
    }
  }
  for (let a = 0; a < k; a++) {
    for (let j = 0; j < a; j++) itemGram[j * k + a] = itemGram[a * k + j];
  }
  return {
    factors: k,
    regularization: p.regularization,
    regularizationExponent: p.regularizationExponent,
    unobservedWeight: p.unobservedWeight,
    alpha: p.alpha,
    historyDecay: p.historyDecay,
    recency,
    hyperParameters,
    userIds: trained.map((u) => data.userIds[u]),
    itemIds: data.itemIds,
    userFactors,
    itemFactors,
    itemGram,
  };
}
