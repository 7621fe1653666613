/**
 * Personalize's offline evaluation split. A seeded random 10% of the users are held out of
 * training entirely; for each of them the oldest 90% of their interactions become the history a
 * model is given, and the newest 10% the ground truth it should recommend.
 *
 * Small-data rules (Personalize documents none; these keep every split usable):
 *   - Active users are those with at least one interaction; only users with at least two can be
 *     held out, since a held-out user needs both a history and a truth.
 *   - Held out: round(10% of active users), at least 1 when there are 2 or more active users, at
 *     most the users with two or more interactions, and never every active user (training keeps
 *     at least one). With fewer than 2 active users nothing is held out.
 *   - A held-out user with n interactions keeps the oldest n - t as history and the newest t as
 *     truth, t = max(1, round(n / 10)); t < n for every n >= 2, so the history is never empty.
 *   - Time order is the order of `Interactions` (oldest first within a user, as its contract
 *     says), so interactions at the same second keep their given order.
 *
 * Numbering: training keeps the catalogue as it is (the same `itemIds`, so item indices and score
 * vectors line up with the test users' truth) and drops the held-out users, renumbering the rest
 * in their original order; users with no interactions stay. Held-out users are unknown to the
 * trained model, which must fold them in from their history. The same data and seed give the same
 * split, so every recipe of an AutoML run is measured on the same users.
 */
import type { History, Interactions } from '../recipe';
import { createRandom } from './random';

/** The share of users held out, and of each held-out user's interactions kept as truth. */
const HOLDOUT_FRACTION = 0.1;

export interface TestUser {
  userId: string;
  /** The oldest ~90% of the user's interactions, item indices into the training catalogue. */
  history: History;
  /** The distinct items of the newest ~10%, ascending. */
  truth: Uint32Array;
}

export interface Split {
  training: Interactions;
  test: TestUser[];
}

export interface ValidationSplit {
  training: Interactions;
  validation: TestUser[];
}

/**
 * Holds out a seeded random 10% of users, as Personalize does before computing solution metrics.
 * `setting` 'warm' keeps each held-out user's history in training (only their truth is left
 * out), so a model learns them as it learns any user who came through a bulk import: the same
 * test users and truth, measured as known users instead of as visitors folded in.
 * @default setting - 'cold', Personalize's protocol: held-out users are unknown to training
 */
export function splitInteractions(
  data: Interactions,
  seed: number,
  setting: 'cold' | 'warm' = 'cold',
): Split {
  const { userStart } = data;
  const userCount = userStart.length - 1;
  let active = 0;
  let eligibleCount = 0;
  for (let u = 0; u < userCount; u++) {
    const n = userStart[u + 1] - userStart[u];
    if (n >= 1) active++;
    if (n >= 2) eligibleCount++;
  }
  const heldOutCount =
    active < 2
      ? 0
      : Math.min(Math.max(1, Math.round(active * HOLDOUT_FRACTION)), eligibleCount, active - 1);

  const eligible = new Uint32Array(eligibleCount);
  for (let u = 0, e = 0; u < userCount; u++) {
    if (userStart[u + 1] - userStart[u] >= 2) eligible[e++] = u;
  }
  // A partial Fisher–Yates shuffle: the first heldOutCount entries are a uniform random subset.
  const random = createRandom(seed);
  for (let i = 0; i < heldOutCount; i++) {
    const j = i + random.int(eligibleCount - i);
    const swap = eligible[i];
    eligible[i] = eligible[j];
    eligible[j] = swap;
  }
  const heldOut = eligible.slice(0, heldOutCount).sort();
  const isHeldOut = new Uint8Array(userCount);
  for (const u of heldOut) isHeldOut[u] = 1;

  const test = Array.from(heldOut, (u) => testUser(data, u));
  const keptUntil = (u: number): number =>
    !isHeldOut[u] ? userStart[u + 1] : setting === 'warm' ? historyEnd(data, u) : userStart[u];
  return { training: truncated(data, keptUntil, setting === 'cold' ? isHeldOut : undefined), test };
}

/**
 * The same carving applied to training data alone, for hyperparameter search: the validation users
 * come from the training users, so tuning never sees the test users. Pass the training part of a
 * split; the seed may be the split's own, since the users it draws from differ.
 */
export function validationSplit(
  training: Interactions,
  seed: number,
  setting: 'cold' | 'warm' = 'cold',
): ValidationSplit {
  const { training: rest, test } = splitInteractions(training, seed, setting);
  return { training: rest, validation: test };
}

/**
 * Each user's interactions up to `keptUntil(u)` (an index into data's arrays, from userStart[u]
 * to userStart[u + 1]); the users in `dropped` are left out and the rest renumbered in order.
 */
function truncated(
  data: Interactions,
  keptUntil: (u: number) => number,
  dropped?: Uint8Array,
): Interactions {
  const { userStart } = data;
  const userCount = userStart.length - 1;
  let kept = 0;
  let users = 0;
  for (let u = 0; u < userCount; u++) {
    if (dropped?.[u]) continue;
    kept += keptUntil(u) - userStart[u];
    users++;
  }
  const userIds: string[] = [];
  const start = new Uint32Array(users + 1);
  const item = new Uint32Array(kept);
  const weight = new Float32Array(kept);
  const time = new Float64Array(kept);
  let offset = 0;
  for (let u = 0; u < userCount; u++) {
    if (dropped?.[u]) continue;
    const from = userStart[u];
    const to = keptUntil(u);
    // Each user's interactions are one contiguous run, copied with one call per array.
    item.set(data.item.subarray(from, to), offset);
    weight.set(data.weight.subarray(from, to), offset);
    time.set(data.time.subarray(from, to), offset);
    offset += to - from;
    userIds.push(data.userIds[u]);
    start[userIds.length] = offset;
  }
  return { userIds, itemIds: data.itemIds, userStart: start, item, weight, time };
}

/** Where a held-out user's history ends and their truth begins. */
function historyEnd(data: Interactions, u: number): number {
  const from = data.userStart[u];
  const to = data.userStart[u + 1];
  return to - Math.max(1, Math.round((to - from) * HOLDOUT_FRACTION));
}

function testUser(data: Interactions, u: number): TestUser {
  const from = data.userStart[u];
  const to = data.userStart[u + 1];
  const cut = historyEnd(data, u);
  // Copies, not views: a view would keep the whole input alive for as long as the test users.
  return {
    userId: data.userIds[u],
    history: {
      items: data.item.slice(from, cut),
      weights: data.weight.slice(from, cut),
      times: data.time.slice(from, cut),
    },
    truth: Uint32Array.from(new Set(data.item.subarray(cut, to))).sort(),
  };
}
