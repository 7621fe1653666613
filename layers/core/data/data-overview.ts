/**
 * Counts an Interactions dataset's compact bulk data into its overview (domain/data-overview.ts)
 * in one pass over the columns, with a counter per user and per item.
 */
import type { DataOverview } from '../domain/data-overview';
import { findColumn, NULL_INDEX, type CompactDataset, type StringColumn } from './compact/columns';

const DAY_SECONDS = 24 * 60 * 60;
/** At most this many periods over time: a chart's worth of bars. */
const MAX_PERIODS = 60;
/** The shares of the most interacted items whose share of interactions is given. */
const ITEM_SHARES = [0.01, 0.05, 0.1, 0.2, 0.5];

export function dataOverview(data: CompactDataset): DataOverview | undefined {
  const users = findColumn(data, 'USER_ID');
  const items = findColumn(data, 'ITEM_ID');
  const times = findColumn(data, 'TIMESTAMP');
  if (users?.kind !== 'string' || items?.kind !== 'string' || times?.kind !== 'float64') {
    return undefined;
  }
  const types = findColumn(data, 'EVENT_TYPE');
  const perUser = countPer(users);
  const perItem = countPer(items);
  return {
    interactions: data.rowCount,
    users: perUser.filter((n) => n > 0).length,
    items: perItem.filter((n) => n > 0).length,
    eventTypes:
      types?.kind === 'string' ? eventTypes(types) : [{ eventType: '', count: data.rowCount }],
    overTime: overTime(times.values),
    perUser: doublingBuckets(perUser),
    perItem: doublingBuckets(perItem),
    popularShare: popularShare(perItem, data.rowCount),
  };
}

/** Rows per dictionary entry (a user, an item); a null counts for nobody. */
function countPer(column: StringColumn): Uint32Array {
  const counts = new Uint32Array(column.dictionary.length);
  for (const index of column.indices) if (index !== NULL_INDEX) counts[index]!++;
  return counts;
}

function eventTypes(column: StringColumn): DataOverview['eventTypes'] {
  const counts = countPer(column);
  const nulls = column.indices.length - counts.reduce((sum, n) => sum + n, 0);
  return [
    ...column.dictionary.map((eventType, k) => ({ eventType, count: counts[k]! })),
    ...(nulls > 0 ? [{ eventType: '', count: nulls }] : []),
  ]
    .filter(({ count }) => count > 0)
    .sort((a, b) => b.count - a.count);
}

function overTime(seconds: Float64Array): DataOverview['overTime'] {
  let first = Infinity;
  let last = -Infinity;
  for (const t of seconds) {
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  if (!Number.isFinite(first)) return { days: 1, start: 0, counts: [] };
  const start = Math.floor(first / DAY_SECONDS) * DAY_SECONDS;
  const spanDays = Math.floor((last - start) / DAY_SECONDS) + 1;
  const days = Math.ceil(spanDays / MAX_PERIODS);
  const counts = new Array<number>(Math.ceil(spanDays / days)).fill(0);
  for (const t of seconds) counts[Math.floor((t - start) / (days * DAY_SECONDS))]!++;
  return { days, start, counts };
}

/** Counts of 1, 2–3, 4–7, …: a long-tailed distribution's shape in a few bars. */
function doublingBuckets(counts: Uint32Array): { atLeast: number; count: number }[] {
  const buckets: number[] = [];
  for (const n of counts) {
    if (n === 0) continue;
    const bucket = 31 - Math.clz32(n);
    while (buckets.length <= bucket) buckets.push(0);
    buckets[bucket]!++;
  }
  return buckets.map((count, bucket) => ({ atLeast: 2 ** bucket, count }));
}

function popularShare(perItem: Uint32Array, interactions: number): DataOverview['popularShare'] {
  const counts = [...perItem].filter((n) => n > 0).sort((a, b) => b - a);
  if (counts.length === 0 || interactions === 0) return [];
  return ITEM_SHARES.map((share) => {
    const top = Math.max(1, Math.round(counts.length * share));
    const taken = counts.slice(0, top).reduce((sum, n) => sum + n, 0);
    return { items: share, interactions: taken / interactions };
  });
}
