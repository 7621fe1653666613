/**
 * aws-popularity-count (POPULAR_ITEMS): everyone gets the items the most distinct users
 * interacted with.
 *
 *   score(i) = |{u : u has an interaction with i}|
 *
 * A user repeating an item counts once. The score ignores the user; equal scores rank the lower
 * item index first (the catalogue's order), as evaluation's topK and serving break every tie.
 * trainingMode UPDATE simply recounts.
 *
 * Artifact, format 1: meta {itemIds}; arrays users (u32, one per item: the counts above).
 */
import { writeArtifact } from './artifact';
import { artifactArray, openArtifact } from './model-io';
import type { History, Interactions, Model, Recipe } from './recipe';

const NAME = 'aws-popularity-count';
const VERSION = 1;

/**
 * For each item, the number of distinct users with an interaction at a time in (after, until]:
 * by default, at any time.
 */
export function distinctUsersPerItem(
  data: Interactions,
  after = -Infinity,
  until = Infinity,
): Uint32Array {
  const { userStart, item, time } = data;
  const users = userStart.length - 1;
  const counts = new Uint32Array(data.itemIds.length);
  // counted[i] = u + 1 once user u has been counted for item i (0: no one yet). Users come in
  // order, so one stamp per item suffices and nothing is cleared between users.
  const counted = new Uint32Array(data.itemIds.length);
  for (let u = 0; u < users; u++) {
    for (let e = userStart[u]; e < userStart[u + 1]; e++) {
      const i = item[e];
      if (time[e] > after && time[e] <= until && counted[i] !== u + 1) {
        counted[i] = u + 1;
        counts[i]++;
      }
    }
  }
  return counts;
}

class PopularityModel implements Model {
  readonly recipe = NAME;

  constructor(
    readonly itemIds: readonly string[],
    private readonly users: Uint32Array,
  ) {}

  scoreUser(_userId: string | undefined, _history: History, scores: Float32Array): void {
    scores.set(this.users);
  }

  encode(): Uint8Array {
    return writeArtifact({
      recipe: NAME,
      version: VERSION,
      meta: { itemIds: this.itemIds },
      arrays: { users: this.users },
    });
  }
}

export const popularityCount: Recipe = {
  name: NAME,
  type: 'POPULAR_ITEMS',
  train: async (data) => new PopularityModel(data.itemIds, distinctUsersPerItem(data)),
  decode(bytes) {
    const artifact = openArtifact(bytes, NAME, VERSION);
    const { itemIds } = artifact.meta;
    return new PopularityModel(
      itemIds,
      artifactArray(artifact, 'users', Uint32Array, itemIds.length),
    );
  },
};
