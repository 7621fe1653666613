/**
 * tailor-ease at scale: training seconds by step, artifact size and scoring latency, on
 * generated long-tailed catalogues and on citeulike-a.
 *
 *   npm run bench -- ease [--users N --items N --interactions N] [--threads 2] [--large]
 *
 * Without --users/--items/--interactions it runs three cases: 5,500 users × 17,500 items ×
 * 400,000 interactions (the Woodbury form: fewer users than items), 20,000 users × 5,000 items ×
 * 400,000 (the direct form), and citeulike-a (5,551 users × 16,980 articles, the Woodbury form)
 * when ../shared/datasets holds it (scripts/datasets/interactions.ts). --large adds 25,000
 * users × 20,000 items × 1,000,000, the direct form at the largest inverse EASE takes (about
 * 3.2 GB and 10 minutes); otherwise that row shows only easeTrainingCost's estimate.
 *
 * Generated data (seeded): the first `users` interactions go one to each user, so every user
 * appears, the rest to users ⌊users·r^1.5⌋; items are ⌊items·r²⌋ (density ∝ 1/√i: a long tail),
 * r uniform on [0, 1). Latency: scoreUser on the model decoded from its artifact, for 1,000
 * histories of 50 distinct items drawn the same way; p50 and p99.
 *
 * Target: 17,500 items within 60 s in all.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { createRandom, type Random } from '../../layers/core/recipes/evaluation/random';
import { recipeByName } from '../../layers/core/recipes/catalogue';
import { ease, easeTrainingCost } from '../../layers/core/recipes/ease';
import { formFor } from '../../layers/core/recipes/ease/weights';
import { resolveHyperParameters } from '../../layers/core/recipes/hyperparameters';
import type { History, Interactions } from '../../layers/core/recipes/recipe';
import { citeulikeA } from '../datasets/interactions';

const TARGET_SECONDS = 60;
const HISTORY = 50;
const HISTORIES = 1000;

/** Groups (user, item) index pairs into Interactions' user CSR, keeping each user's order. */
function interactions(users: number, items: number, pairUser: Uint32Array, pairItem: Uint32Array) {
  const n = pairUser.length;
  const userStart = new Uint32Array(users + 1);
  for (let e = 0; e < n; e++) userStart[pairUser[e] + 1]++;
  for (let u = 0; u < users; u++) userStart[u + 1] += userStart[u];
  const next = userStart.slice(0, users);
  const item = new Uint32Array(n);
  for (let e = 0; e < n; e++) item[next[pairUser[e]]++] = pairItem[e];
  return {
    userIds: Array.from({ length: users }, (_, u) => `user-${u}`),
    itemIds: Array.from({ length: items }, (_, i) => `item-${i}`),
    userStart,
    item,
    weight: new Float32Array(n).fill(1),
    time: new Float64Array(n),
  };
}

const longTailItem = (random: Random, items: number) => Math.floor(items * random.next() ** 2);

function generate(users: number, items: number, count: number, seed: number): Interactions {
  const random = createRandom(seed);
  const pairUser = new Uint32Array(count);
  const pairItem = new Uint32Array(count);
  for (let e = 0; e < count; e++) {
    pairUser[e] = e < users ? e : Math.floor(users * random.next() ** 1.5);
    pairItem[e] = longTailItem(random, items);
  }
  return interactions(users, items, pairUser, pairItem);
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function measure(label: string, data: Interactions, threads: number, seed: number) {
  const users = data.userIds.length;
  const items = data.itemIds.length;
  const logs: string[] = [];
  const parameters = resolveHyperParameters(recipeByName('tailor-ease')!, {});
  const started = performance.now();
  const model = await ease.train(data, parameters, { seed, threads, log: (l) => logs.push(l) });
  const trained = (performance.now() - started) / 1000;
  const bytes = model.encode();
  const decodeStarted = performance.now();
  const served = ease.decode(bytes);
  const decodeMs = performance.now() - decodeStarted;

  const random = createRandom(seed);
  const scores = new Float32Array(items);
  const latencies = new Float64Array(HISTORIES);
  const held = new Set<number>();
  for (let h = 0; h < HISTORIES; h++) {
    held.clear();
    while (held.size < Math.min(HISTORY, items)) held.add(longTailItem(random, items));
    const history: History = {
      items: Uint32Array.from(held),
      weights: new Float32Array(held.size).fill(1),
      times: new Float64Array(held.size),
    };
    const t = process.hrtime.bigint();
    served.scoreUser(undefined, history, scores);
    latencies[h] = Number(process.hrtime.bigint() - t) / 1e6;
  }
  latencies.sort();

  // The recipe's log: "…: XᵀX in 0.12 s, its inverse in 14.00 s, the rows of B in 2.10 s;
  // 3500000 entries kept …".
  const log = logs.join('\n');
  const step = (name: RegExp) => Number(new RegExp(`${name.source} in ([0-9.]+) s`).exec(log)?.[1]);
  const kept = Number(/; (\d+) entries kept/.exec(log)?.[1]);
  return {
    case: label,
    form: formFor(users, items),
    users,
    items,
    interactions: data.item.length,
    'gram s': step(/(?:XᵀX|XXᵀ)/).toFixed(2),
    'inverse s': step(/inverse/).toFixed(2),
    'rows s': step(/rows of B/).toFixed(2),
    'train s': trained.toFixed(2),
    'estimate s': easeTrainingCost(users, items, data.item.length, threads).toFixed(1),
    'kept entries': kept,
    'artifact MB': (bytes.length / 1e6).toFixed(1),
    'decode ms': decodeMs.toFixed(0),
    'score p50 ms': percentile(latencies, 0.5).toFixed(3),
    'score p99 ms': percentile(latencies, 0.99).toFixed(3),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      items: { type: 'string' },
      interactions: { type: 'string' },
      threads: { type: 'string', default: String(availableParallelism()) },
      seed: { type: 'string', default: '1' },
      large: { type: 'boolean', default: false },
    },
  });
  const threads = Number(values.threads);
  const seed = Number(values.seed);
  const given = values.users ?? values.items ?? values.interactions;
  const cases: [number, number, number][] = given
    ? [
        [
          Number(values.users ?? 5_500),
          Number(values.items ?? 17_500),
          Number(values.interactions ?? 400_000),
        ],
      ]
    : [
        [5_500, 17_500, 400_000],
        [20_000, 5_000, 400_000],
      ];
  const rows: Record<string, string | number>[] = [];
  for (const [users, items, count] of cases) {
    const label = `generated ${users}×${items}`;
    rows.push(await measure(label, generate(users, items, count, seed), threads, seed));
    console.log(`${label} done`);
  }
  const citeulike = given ? undefined : citeulikeA();
  if (citeulike) rows.push(await measure('citeulike-a', citeulike, threads, seed));
  if (!given) {
    const [users, items, count] = [25_000, 20_000, 1_000_000];
    if (values.large) {
      rows.push(
        await measure('generated 25000×20000', generate(users, items, count, seed), threads, seed),
      );
    } else {
      rows.push({
        case: `generated ${users}×${items} (not run: --large)`,
        form: formFor(users, items),
        users,
        items,
        interactions: count,
        'estimate s': easeTrainingCost(users, items, count, threads).toFixed(1),
      });
    }
  }
  console.table(rows);
  const first = rows[0];
  const verdict = Number(first['train s']) < TARGET_SECONDS ? 'met' : 'missed';
  console.log(`target: ${first.case} trains within ${TARGET_SECONDS} s: ${verdict}`);
}

void main();
