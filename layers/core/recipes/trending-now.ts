/**
 * aws-trending-now (POPULAR_ITEMS): everyone gets the items whose interactions are rising
 * fastest.
 *
 * Two back-to-back windows of length W = trend_discovery_frequency end at the newest
 * interaction in the data, T: recent = (T − W, T] and previous = (T − 2W, T − W]. For each item,
 * r and p count the distinct users who interacted with it in each (a user's repeats count once,
 * as in aws-popularity-count). The windows are equally long, so counts compare as rates. The
 * rise is
 *
 *   z(i) = (r − p) / √(r + p + 1),   rise(i) = z(i) if z(i) > 1, else 0
 *
 * z is the change in count over its Poisson noise (under no change, r − p has variance ≈ r + p;
 * the +1 keeps 0 → 0 defined), so it weighs relative growth by volume: 10 → 40 scores 4.2 and a
 * big item's modest 1000 → 1100 still 2.2. A change within one standard deviation of none is
 * noise, not a trend: a 0 → 1 blip (0.71) or 1 → 3 (0.89) does not count, 0 → 2 (1.15) does.
 * Items that are not rising (rise 0, including no data at all) rank by popularity, the distinct
 * users over all time; remaining ties by item index.
 *
 * Scores encode that order: the item ranked k-th (from 0) of n scores (n − k) / n. trainingMode
 * UPDATE simply recounts.
 *
 * Artifact, format 1: meta {itemIds, trendDiscoveryFrequency, windowEnd: T}; arrays recent,
 * previous, users (u32, one per item: r, p and the all-time distinct users).
 */
import { InvalidInputException } from '../api/errors';
import { ArtifactFormatError, writeArtifact } from './artifact';
import { artifactArray, CatalogueMeta, openArtifact, stringParameter } from './model-io';
import { distinctUsersPerItem } from './popularity-count';
import type { History, Interactions, Model, Recipe } from './recipe';

const NAME = 'aws-trending-now';
const VERSION = 1;

/** trend_discovery_frequency's values, as the catalogue declares them, in seconds. */
const WINDOW_SECONDS: Readonly<Record<string, number>> = {
  '30 minutes': 30 * 60,
  '1 hour': 60 * 60,
  '3 hours': 3 * 60 * 60,
  '1 day': 24 * 60 * 60,
};

/** The rise, in standard deviations of the no-change noise, that a trend must exceed. */
const NOISE = 1;

interface TrendingMeta extends CatalogueMeta {
  trendDiscoveryFrequency: string;
  windowEnd: number;
}

/** Scores in the order described above: by rise, then popularity, then index. */
export function trendScores(
  recent: Uint32Array,
  previous: Uint32Array,
  users: Uint32Array,
): Float32Array {
  const n = recent.length;
  const rise = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = (recent[i] - previous[i]) / Math.sqrt(recent[i] + previous[i] + 1);
    rise[i] = z > NOISE ? z : 0;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => rise[b] - rise[a] || users[b] - users[a] || a - b);
  const scores = new Float32Array(n);
  for (let k = 0; k < n; k++) scores[order[k]] = (n - k) / n;
  return scores;
}

class TrendingModel implements Model {
  readonly recipe = NAME;
  readonly itemIds: readonly string[];
  private readonly scores: Float32Array;

  constructor(
    private readonly meta: TrendingMeta,
    private readonly recent: Uint32Array,
    private readonly previous: Uint32Array,
    private readonly users: Uint32Array,
  ) {
    this.itemIds = meta.itemIds;
    this.scores = trendScores(recent, previous, users);
  }

  scoreUser(_userId: string | undefined, _history: History, scores: Float32Array): void {
    scores.set(this.scores);
  }

  encode(): Uint8Array {
    const { itemIds, trendDiscoveryFrequency, windowEnd } = this.meta;
    return writeArtifact({
      recipe: NAME,
      version: VERSION,
      meta: { itemIds, trendDiscoveryFrequency, windowEnd },
      arrays: { recent: this.recent, previous: this.previous, users: this.users },
    });
  }
}

const newest = (time: Float64Array): number => {
  let end = -Infinity;
  for (let e = 0; e < time.length; e++) if (time[e] > end) end = time[e];
  return end;
};

export const trendingNow: Recipe = {
  name: NAME,
  type: 'POPULAR_ITEMS',
  async train(data: Interactions, parameters) {
    const trendDiscoveryFrequency = stringParameter(parameters, 'trend_discovery_frequency');
    const window = WINDOW_SECONDS[trendDiscoveryFrequency];
    if (window === undefined) {
      throw new InvalidInputException(
        `hyperparameter trend_discovery_frequency must be one of ${Object.keys(WINDOW_SECONDS).join(', ')}, got "${trendDiscoveryFrequency}".`,
      );
    }
    // No interactions at all: every count is 0 whatever the windows, so any end will do.
    const windowEnd = data.item.length > 0 ? newest(data.time) : 0;
    return new TrendingModel(
      { itemIds: [...data.itemIds], trendDiscoveryFrequency, windowEnd },
      distinctUsersPerItem(data, windowEnd - window, windowEnd),
      distinctUsersPerItem(data, windowEnd - 2 * window, windowEnd - window),
      distinctUsersPerItem(data),
    );
  },
  decode(bytes) {
    const artifact = openArtifact(bytes, NAME, VERSION);
    const meta = artifact.meta as TrendingMeta;
    if (typeof meta.trendDiscoveryFrequency !== 'string' || typeof meta.windowEnd !== 'number') {
      throw new ArtifactFormatError(`The ${NAME} artifact has no trend windows.`);
    }
    const n = meta.itemIds.length;
    return new TrendingModel(
      meta,
      artifactArray(artifact, 'recent', Uint32Array, n),
      artifactArray(artifact, 'previous', Uint32Array, n),
      artifactArray(artifact, 'users', Uint32Array, n),
    );
  },
};
