/**
 * Training speed and memory of aws-user-personalization (iALS): loads or generates interactions,
 * trains, encodes the artifact, and prints seconds per iteration, total wall time and peak RSS.
 *
 *   npm run bench -- train [--file path] [--generate interactions] [--factors 64]
 *                          [--iterations 15] [--threads 2] [--kernel wasm|reference] [--seed 1]
 *
 * Without --generate it reads --file, by default ../shared/datasets/ml-1m/user_item_pairs.tsv:
 * tab-separated `user item` lines with no header, ratings or times (every pair a positive).
 * --generate N makes N interactions of N/20 users over N/300 items with popular items far more
 * frequent, as in real catalogues. One data set per run, so the peak RSS is that run's alone.
 *
 * Targets (issue 4): the ML-1M list, 64 factors, 15 iterations in under 3 s in all; 10M
 * interactions under 4 GB peak RSS.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRandom } from '../../layers/core/recipes/evaluation/random';
import { recipeByName } from '../../layers/core/recipes/catalogue';
import { resolveHyperParameters } from '../../layers/core/recipes/hyperparameters';
import { ialsRecipe } from '../../layers/core/recipes/ials/recipe';
import { referenceKernel } from '../../layers/core/recipes/ials/reference-kernel';
import { wasmKernel } from '../../layers/core/recipes/ials/wasm-kernel';
import type { Interactions } from '../../layers/core/recipes/recipe';

const ML_1M = join(__dirname, '../../../shared/datasets/ml-1m/user_item_pairs.tsv');
const TARGET_ML_1M_SECONDS = 3;
const TARGET_PEAK_RSS_MB = 4096;
const KERNELS = { wasm: wasmKernel, reference: referenceKernel };

/** Groups (user, item) index pairs into Interactions' user CSR, keeping each user's order. */
function interactions(
  userIds: string[],
  itemIds: string[],
  pairUser: Uint32Array,
  pairItem: Uint32Array,
): Interactions {
  const n = pairUser.length;
  const userStart = new Uint32Array(userIds.length + 1);
  for (let e = 0; e < n; e++) userStart[pairUser[e] + 1]++;
  for (let u = 0; u < userIds.length; u++) userStart[u + 1] += userStart[u];
  const next = userStart.slice(0, userIds.length);
  const item = new Uint32Array(n);
  for (let e = 0; e < n; e++) item[next[pairUser[e]]++] = pairItem[e];
  return {
    userIds,
    itemIds,
    userStart,
    item,
    weight: new Float32Array(n).fill(1),
    time: new Float64Array(n),
  };
}

/** `user \t item` lines; ids numbered in order of first appearance. */
function readPairs(path: string): Interactions {
  const text = readFileSync(path, 'latin1');
  const users = new Map<string, number>();
  const items = new Map<string, number>();
  const indexOf = (ids: Map<string, number>, id: string): number => {
    let index = ids.get(id);
    if (index === undefined) ids.set(id, (index = ids.size));
    return index;
  };
  let capacity = 1 << 20;
  let pairUser: Uint32Array = new Uint32Array(capacity);
  let pairItem: Uint32Array = new Uint32Array(capacity);
  let n = 0;
  let lastUser = '';
  let lastUserIndex = 0;
  for (let at = 0; at < text.length;) {
    const tab = text.indexOf('\t', at);
    let end = text.indexOf('\n', tab);
    if (tab < 0) break;
    if (end < 0) end = text.length;
    if (n === capacity) {
      capacity *= 2;
      pairUser = growTo(pairUser, capacity);
      pairItem = growTo(pairItem, capacity);
    }
    // Lines come grouped by user: most user ids repeat the previous line's.
    const user = text.slice(at, tab);
    if (user !== lastUser) [lastUser, lastUserIndex] = [user, indexOf(users, user)];
    pairUser[n] = lastUserIndex;
    pairItem[n++] = indexOf(items, text.slice(tab + 1, end).trimEnd());
    at = end + 1;
  }
  return interactions(
    [...users.keys()],
    [...items.keys()],
    pairUser.subarray(0, n),
    pairItem.subarray(0, n),
  );
}

function growTo(array: Uint32Array, length: number): Uint32Array {
  const grown = new Uint32Array(length);
  grown.set(array);
  return grown;
}

/** n interactions, n/20 users, n/300 items; item i drawn with density ∝ 1/√i (a long tail). */
function generate(n: number, seed: number): Interactions {
  const random = createRandom(seed);
  const userCount = Math.max(1, Math.round(n / 20));
  const itemCount = Math.max(1, Math.round(n / 300));
  const pairUser = new Uint32Array(n);
  const pairItem = new Uint32Array(n);
  for (let e = 0; e < n; e++) {
    pairUser[e] = Math.floor((e * userCount) / n);
    pairItem[e] = Math.floor(itemCount * random.next() ** 2);
  }
  const data = interactions(
    Array.from({ length: userCount }, (_, u) => `user-${u}`),
    Array.from({ length: itemCount }, (_, i) => `item-${i}`),
    pairUser,
    pairItem,
  );
  for (let e = 0; e < n; e++) data.time[e] = 1_600_000_000 + e;
  return data;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', default: ML_1M },
      generate: { type: 'string' },
      factors: { type: 'string', default: '64' },
      iterations: { type: 'string', default: '15' },
      threads: { type: 'string', default: String(availableParallelism()) },
      kernel: { type: 'string', default: 'wasm' },
      seed: { type: 'string', default: '1' },
    },
  });
  const kernel = KERNELS[values.kernel as keyof typeof KERNELS];
  if (!kernel) throw new Error(`--kernel must be wasm or reference, not ${values.kernel}.`);
  if (values.generate === undefined && !existsSync(values.file)) {
    throw new Error(`No ${values.file}: pass --file or --generate <interactions>.`);
  }
  const seed = Number(values.seed);
  const threads = Number(values.threads);
  const name =
    values.generate === undefined
      ? values.file.split('/').slice(-2).join('/')
      : `generated ${values.generate}`;

  const started = performance.now();
  const data =
    values.generate === undefined
      ? readPairs(values.file)
      : generate(Number(values.generate), seed);
  const loaded = performance.now();

  const recipe = ialsRecipe('aws-user-personalization', kernel);
  const parameters = resolveHyperParameters(recipeByName(recipe.name)!, {
    hidden_dimension: values.factors,
    num_iterations: values.iterations,
  });
  const logged: number[] = [];
  const model = await recipe.train(data, parameters, {
    seed,
    threads,
    log: (line) => {
      logged.push(performance.now());
      console.log(line);
    },
  });
  const trained = performance.now();
  const artifact = model.encode();
  const finished = performance.now();

  // Iteration i (from 2) lasts from log line i − 1 to log line i; the first also holds the setup
  // (confidence matrix, memory, threads), reported apart.
  const steady = logged.slice(1).map((t, i) => t - logged[i]);
  const perIteration = steady.reduce((sum, t) => sum + t, 0) / Math.max(1, steady.length) / 1000;
  const setupAndFirst = (logged[0] - loaded) / 1000;
  const total = (finished - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const interactionCount = data.item.length;

  const rows: [string, string][] = [
    ['data', name],
    [
      'users / items / interactions',
      `${data.userIds.length} / ${data.itemIds.length} / ${interactionCount}`,
    ],
    [
      'factors / iterations / threads / kernel',
      `${values.factors} / ${values.iterations} / ${threads} / ${values.kernel}`,
    ],
    ['load s', ((loaded - started) / 1000).toFixed(2)],
    ['setup + first iteration s', setupAndFirst.toFixed(2)],
    ['s per iteration (2nd on)', perIteration.toFixed(3)],
    ['train s', ((trained - loaded) / 1000).toFixed(2)],
    [
      'encode s (artifact MB)',
      `${((finished - trained) / 1000).toFixed(2)} (${(artifact.length / 1e6).toFixed(1)})`,
    ],
    ['total wall s', total.toFixed(2)],
    ['peak RSS MB', peakMb.toFixed(0)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('');
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  if (values.generate === undefined && values.file === ML_1M) {
    const verdict =
      total < TARGET_ML_1M_SECONDS
        ? 'met'
        : `missed by ${(total - TARGET_ML_1M_SECONDS).toFixed(2)} s`;
    console.log(`target: under ${TARGET_ML_1M_SECONDS} s in all: ${verdict}`);
  }
  const rssVerdict =
    peakMb < TARGET_PEAK_RSS_MB
      ? 'met'
      : `missed by ${(peakMb - TARGET_PEAK_RSS_MB).toFixed(0)} MB`;
  console.log(`target: peak RSS under ${TARGET_PEAK_RSS_MB} MB: ${rssVerdict}`);
}

void main();
