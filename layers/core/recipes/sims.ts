/**
 * aws-sims (RELATED_ITEMS): the items most often interacted with by the same users as a given
 * item, with popular items discounted.
 *
 * Training, on distinct (user, item) pairs (user-item-matrix.ts):
 *   1. Users are trimmed by history length (distinct items): kept when it lies between the
 *      min_user_history_length_percentile and max_user_history_length_percentile percentiles of
 *      all users' lengths. The p-th percentile of sorted values v_0 ≤ … ≤ v_{m−1} is
 *      v_⌊p·(m−1)⌋; bounds are inclusive, users and items with nothing are left out.
 *   2. Items are trimmed likewise by their count of distinct kept users, between the
 *      min/max_item_interaction_count_percentile percentiles. Trimmed users and items take no
 *      part in what follows.
 *   3. Each kept user's history is capped at their MAX_HISTORY most recent distinct kept items,
 *      so a user adds at most MAX_HISTORY² pairs: training costs O(Σ_u min(n_u, MAX_HISTORY)²).
 *   4. cooc(i, j) = the number of users (as capped) with both i and j; count(i) = cooc(i, i).
 *      Pairs with cooc(i, j) < min_cointeraction_count are dropped, and the rest scored
 *
 *        sim(i, j) = cooc(i, j) / (count(i) · count(j))^α,   α = popularity_discount_factor
 *
 *      α = 0 ranks by raw co-occurrence counts (popular items everywhere); α = 0.5 is the
 *      cosine of the two items' user sets; α = 1 fully discounts both items' popularity
 *      (co-occurrence relative to the product of the counts, a lift).
 *   5. Each item keeps its NEIGHBOURS best neighbours (ties: lower index).
 *
 * Counting is row by row (Gustavson's sparse product Cᵢ = Σ_{u ∋ i} X_u): for item i, its users'
 * items are tallied in one dense accumulator, so memory is O(items) scratch plus the kept
 * neighbours, never items².
 *
 * Scoring. scoreItem(i): sim(i, j) for i's neighbours; every other item a popularity prior in
 * [−1, 0), users(j) / (max users + 1) − 1, so they follow in popularity order; i itself −2.
 * scoreUser: the same prior, plus, for each history item h from the newest (k = 0) back,
 * RECENCY^k · weight(h) · sim(h, j) summed into each neighbour j (which starts from 0).
 * trainingMode UPDATE simply recounts.
 *
 * Artifact, format 1: meta {itemIds}; arrays neighbourStart (u32, items + 1), neighbours (u32)
 * and similarity (f32): the neighbour lists as CSR, best first; users (u32, one per item: the
 * distinct users of each item over all users, untrimmed), for the prior.
 */
import { InvalidInputException } from '../api/errors';
import { writeArtifact } from './artifact';
import { artifactArray, numberParameter, openArtifact } from './model-io';
import type { History, HyperParameters, Interactions, Model, Recipe } from './recipe';
import { Csr, transpose, userItemMatrix } from './user-item-matrix';

const NAME = 'aws-sims';
const VERSION = 1;
/** Neighbours kept per item; a longer related-items list goes on in popularity order. */
export const NEIGHBOURS = 100;
/** Distinct items per user that take part in co-occurrence counting, the most recent kept. */
export const MAX_HISTORY = 500;
/**
 * The weight of each older history item relative to the next newer one in scoreUser. On
 * ml-100k (NDCG@10, history excluded) 0.8 gave 0.173 against 0.142 for no decay; on ML-1M,
 * whose order is random, no decay is better (0.214 against 0.188).
 */
const RECENCY = 0.8;
/** RECENCY^k is about 1e-3 past this many items: older ones hardly change a ranking. */
const SCORED_HISTORY = 32;
/** The score of the item itself in scoreItem: below every other item. */
const SELF = -2;

interface SimsParameters {
  discount: number;
  minCointeractions: number;
  userPercentiles: [number, number];
  itemPercentiles: [number, number];
}

function simsParameters(parameters: HyperParameters): SimsParameters {
  const get = (name: string) => numberParameter(parameters, name);
  const pair = (what: string): [number, number] => {
    const [low, high] = [get(`min_${what}_percentile`), get(`max_${what}_percentile`)];
    if (low > high) {
      throw new InvalidInputException(
        `hyperparameter min_${what}_percentile (${low}) must not exceed max_${what}_percentile (${high}).`,
      );
    }
    return [low, high];
  };
  return {
    discount: get('popularity_discount_factor'),
    minCointeractions: get('min_cointeraction_count'),
    userPercentiles: pair('user_history_length'),
    itemPercentiles: pair('item_interaction_count'),
  };
}

/**
 * The inclusive [low, high] bounds between the given percentiles of the positive values in
 * `counts` (see the top of the file), or [1, 0], keeping nothing, when there are none.
 */
function percentileBounds(counts: Uint32Array, [low, high]: [number, number]): [number, number] {
  let m = 0;
  for (let k = 0; k < counts.length; k++) if (counts[k] > 0) m++;
  if (m === 0) return [1, 0];
  const sorted = new Uint32Array(m);
  m = 0;
  for (let k = 0; k < counts.length; k++) if (counts[k] > 0) sorted[m++] = counts[k];
  sorted.sort();
  return [sorted[Math.floor(low * (m - 1))], sorted[Math.floor(high * (m - 1))]];
}

const rowLengths = (m: Csr): Uint32Array => {
  const lengths = new Uint32Array(m.rows);
  for (let r = 0; r < m.rows; r++) lengths[r] = m.indptr[r + 1] - m.indptr[r];
  return lengths;
};

/**
 * Steps 1 to 3: the kept users' capped histories, users × items. Values are unused (1);
 * columns are in recency order, newest first.
 */
function trimmedHistories(data: Interactions, byUser: Csr, byItem: Csr, p: SimsParameters): Csr {
  const users = byUser.rows;
  const items = byItem.rows;
  const historyLength = rowLengths(byUser);
  const [minLength, maxLength] = percentileBounds(historyLength, p.userPercentiles);
  const keepUser = new Uint8Array(users);
  for (let u = 0; u < users; u++) {
    keepUser[u] = historyLength[u] >= minLength && historyLength[u] <= maxLength ? 1 : 0;
  }
  const itemUsers = new Uint32Array(items);
  for (let i = 0; i < items; i++) {
    for (let e = byItem.indptr[i]; e < byItem.indptr[i + 1]; e++) {
      itemUsers[i] += keepUser[byItem.indices[e]];
    }
  }
  const [minCount, maxCount] = percentileBounds(itemUsers, p.itemPercentiles);
  const keepItem = new Uint8Array(items);
  for (let i = 0; i < items; i++) {
    keepItem[i] = itemUsers[i] >= minCount && itemUsers[i] <= maxCount ? 1 : 0;
  }

  const { userStart, item } = data;
  const indptr = new Uint32Array(users + 1);
  const indices = new Uint32Array(byUser.indptr[users]);
  // taken[i] = u + 1 once item i is in user u's capped history (users come in order).
  const taken = new Uint32Array(items);
  let size = 0;
  for (let u = 0; u < users; u++) {
    if (keepUser[u]) {
      const cap = size + MAX_HISTORY;
      for (let e = userStart[u + 1] - 1; e >= userStart[u] && size < cap; e--) {
        const i = item[e];
        if (keepItem[i] && taken[i] !== u + 1) {
          taken[i] = u + 1;
          indices[size++] = i;
        }
      }
    }
    indptr[u + 1] = size;
  }
  return {
    rows: users,
    columns: items,
    indptr,
    indices: indices.slice(0, size),
    values: new Float32Array(size).fill(1),
  };
}

/**
 * The best `capacity` (item, score) candidates seen, by score, then lower item: a heap with the
 * worst at the root, on arrays allocated once for the whole training.
 */
class BestNeighbours {
  private readonly items: Uint32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.items = new Uint32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  offer(item: number, score: number): void {
    if (this.size < this.capacity) {
      let at = this.size++;
      // Sift up: the candidate rises past every parent that ranks above it.
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (this.worse(parent, item, score)) break;
        this.move(parent, at);
        at = parent;
      }
      this.put(at, item, score);
    } else if (this.worse(0, item, score)) {
      this.siftDown(item, score, this.size);
    }
  }

  /** Writes the candidates best first into `items`/`scores` at `at`; returns how many. */
  drain(items: Uint32Array, scores: Float32Array, at: number): number {
    const count = this.size;
    // Heapsort: take the worst off the root into the last free slot, count times.
    for (let end = count - 1; end >= 0; end--) {
      items[at + end] = this.items[0];
      scores[at + end] = this.scores[0];
      this.siftDown(this.items[end], this.scores[end], end);
    }
    this.size = 0;
    return count;
  }

  /** Whether the candidate at `slot` ranks below (item, score). */
  private worse(slot: number, item: number, score: number): boolean {
    const s = this.scores[slot];
    return s < score || (s === score && this.items[slot] > item);
  }

  /** Places (item, score) at the root of the heap's first `size` slots and sifts it down. */
  private siftDown(item: number, score: number, size: number): void {
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && this.worse(right, this.items[child], this.scores[child])) child = right;
      if (!this.worse(child, item, score)) break;
      this.move(child, at);
      at = child;
    }
    this.put(at, item, score);
  }

  private move(from: number, to: number): void {
    this.items[to] = this.items[from];
    this.scores[to] = this.scores[from];
  }

  private put(at: number, item: number, score: number): void {
    this.items[at] = item;
    this.scores[at] = score;
  }
}

interface Neighbourhoods {
  neighbourStart: Uint32Array;
  neighbours: Uint32Array;
  similarity: Float32Array;
}

/** Steps 4 and 5 on the capped histories. */
function neighbourhoods(history: Csr, p: SimsParameters): Neighbourhoods {
  const byItem = transpose(history);
  const items = byItem.rows;
  // (count(i))^α once per item: the discount's two factors.
  const discount = new Float64Array(items);
  for (let i = 0; i < items; i++) {
    discount[i] = Math.pow(byItem.indptr[i + 1] - byItem.indptr[i], p.discount);
  }
  const minCooc = Math.max(1, p.minCointeractions);
  const cooc = new Uint32Array(items);
  const touched = new Uint32Array(items);
  const best = new BestNeighbours(NEIGHBOURS);
  const neighbourStart = new Uint32Array(items + 1);
  let neighbours = new Uint32Array(Math.min(items * NEIGHBOURS, 1 << 16));
  let similarity = new Float32Array(neighbours.length);
  let size = 0;
  for (let i = 0; i < items; i++) {
    let reached = 0;
    for (let e = byItem.indptr[i]; e < byItem.indptr[i + 1]; e++) {
      const u = byItem.indices[e];
      for (let f = history.indptr[u]; f < history.indptr[u + 1]; f++) {
        const j = history.indices[f];
        if (cooc[j]++ === 0) touched[reached++] = j;
      }
    }
    for (let t = 0; t < reached; t++) {
      const j = touched[t];
      if (j !== i && cooc[j] >= minCooc) best.offer(j, cooc[j] / (discount[i] * discount[j]));
      cooc[j] = 0;
    }
    if (size + NEIGHBOURS > neighbours.length) {
      const grown = Math.min(items * NEIGHBOURS, 2 * neighbours.length);
      neighbours = copyInto(new Uint32Array(grown), neighbours, size);
      similarity = copyInto(new Float32Array(grown), similarity, size);
    }
    size += best.drain(neighbours, similarity, size);
    neighbourStart[i + 1] = size;
  }
  return {
    neighbourStart,
    neighbours: neighbours.slice(0, size),
    similarity: similarity.slice(0, size),
  };
}

function copyInto<T extends Uint32Array | Float32Array>(to: T, from: T, length: number): T {
  to.set(from.subarray(0, length));
  return to;
}

class SimsModel implements Model {
  readonly recipe = NAME;
  /** The popularity prior of every item, in [−1, 0): the score of an item nothing points to. */
  private readonly prior: Float32Array;

  constructor(
    readonly itemIds: readonly string[],
    private readonly graph: Neighbourhoods,
    private readonly users: Uint32Array,
  ) {
    let most = 0;
    for (let i = 0; i < users.length; i++) if (users[i] > most) most = users[i];
    this.prior = new Float32Array(users.length);
    for (let i = 0; i < users.length; i++) this.prior[i] = users[i] / (most + 1) - 1;
  }

  scoreItem(item: number, scores: Float32Array): void {
    if (!(item >= 0 && item < this.itemIds.length)) {
      throw new RangeError(
        `Item ${item} is not in the model's catalogue of ${this.itemIds.length}.`,
      );
    }
    const { neighbourStart, neighbours, similarity } = this.graph;
    scores.set(this.prior);
    for (let e = neighbourStart[item]; e < neighbourStart[item + 1]; e++) {
      scores[neighbours[e]] = similarity[e];
    }
    scores[item] = SELF;
  }

  scoreUser(_userId: string | undefined, history: History, scores: Float32Array): void {
    const { neighbourStart, neighbours, similarity } = this.graph;
    scores.set(this.prior);
    const oldest = Math.max(0, history.items.length - SCORED_HISTORY);
    let recency = 1;
    for (let k = history.items.length - 1; k >= oldest; k--) {
      const h = history.items[k];
      const w = recency * history.weights[k];
      for (let e = neighbourStart[h]; e < neighbourStart[h + 1]; e++) {
        const j = neighbours[e];
        // A neighbour leaves the prior (negative) for a sum of similarities (positive).
        scores[j] = (scores[j] < 0 ? 0 : scores[j]) + w * similarity[e];
      }
      recency *= RECENCY;
    }
  }

  encode(): Uint8Array {
    return writeArtifact({
      recipe: NAME,
      version: VERSION,
      meta: { itemIds: this.itemIds },
      arrays: { ...this.graph, users: this.users },
    });
  }
}

export const sims: Recipe = {
  name: NAME,
  type: 'RELATED_ITEMS',
  async train(data, parameters, options) {
    const p = simsParameters(parameters);
    const { byUser, byItem } = userItemMatrix(data);
    const history = trimmedHistories(data, byUser, byItem, p);
    const graph = neighbourhoods(history, p);
    options.log(
      `${NAME}: ${graph.neighbours.length} neighbours for ${data.itemIds.length} items from ${history.indptr[history.rows]} user-item pairs`,
    );
    return new SimsModel(data.itemIds, graph, rowLengths(byItem));
  },
  decode(bytes) {
    const artifact = openArtifact(bytes, NAME, VERSION);
    const { itemIds } = artifact.meta;
    const neighbourStart = artifactArray(
      artifact,
      'neighbourStart',
      Uint32Array,
      itemIds.length + 1,
    );
    const size = neighbourStart[itemIds.length];
    return new SimsModel(
      itemIds,
      {
        neighbourStart,
        neighbours: artifactArray(artifact, 'neighbours', Uint32Array, size),
        similarity: artifactArray(artifact, 'similarity', Float32Array, size),
      },
      artifactArray(artifact, 'users', Uint32Array, itemIds.length),
    );
  },
};
