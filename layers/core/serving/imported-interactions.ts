/**
 * The imported (bulk) Interactions data by user: each user's rows, newest first, so an
 * `Interactions.EVENT_TYPE` condition sees what a user did in the imported data as well as the
 * events recorded since (filtering.ts joins the two), and a model that learns no users scores a
 * user known from the import from what they did there (history.ts joinedHistory).
 *
 * Read once per process, only when a filter on Interactions or such a model first needs it, and
 * refreshed in the background a minute after it was read, as the Items data is. The index is a
 * compressed sparse row of row numbers by user over the compact columns themselves: 4 bytes a
 * row beyond the data.
 */
import type { Context } from '../context/context';
import {
  NULL_INDEX,
  findColumn,
  type CompactDataset,
  type Float32Column,
  type Float64Column,
  type StringColumn,
} from '../data/compact/columns';
import { bulkDataLocation } from '../data/locations';
import { perContext } from '../cache/loading-cache';
import { currentCompact, derivedOnce } from './current-data';

export interface ImportedInteractions {
  /** Each user's position in `starts`. */
  users: ReadonlyMap<string, number>;
  /** User u's rows are rows[starts[u]] to rows[starts[u + 1]], newest first. */
  starts: Uint32Array;
  rows: Uint32Array;
  items: StringColumn;
  /** TIMESTAMP: epoch seconds. */
  times: Float64Array;
  eventTypes?: StringColumn;
  eventValues?: Float64Column | Float32Column;
}

/** One imported row of a user. */
export interface ImportedInteraction {
  itemId: string;
  eventType: string;
  /** NaN where the row has none. */
  eventValue: number;
  /** Epoch seconds. */
  time: number;
}

const REFRESH_MS = 60_000;

/** By dataset group; `null` caches that the group has no imported interactions. */
const cache = perContext<Context, string, ImportedInteractions | null>({
  ttlMs: REFRESH_MS,
  serveStale: true,
});

export async function importedInteractions(
  ctx: Context,
  datasetGroupArn: string,
): Promise<ImportedInteractions | undefined> {
  return (
    (await cache(ctx).get(datasetGroupArn, ctx.now(), () => load(ctx, datasetGroupArn))) ??
    undefined
  );
}

/** A user's imported interactions, newest first, at most `limit`. */
export function* userInteractions(
  data: ImportedInteractions,
  userId: string,
  limit: number,
): Iterable<ImportedInteraction> {
  const user = data.users.get(userId);
  if (user === undefined) return;
  const { starts, rows, items, times, eventTypes, eventValues } = data;
  const end = Math.min(starts[user + 1], starts[user] + limit);
  for (let k = starts[user]; k < end; k++) {
    const row = rows[k];
    const item = items.indices[row];
    if (item === NULL_INDEX) continue;
    const type = eventTypes?.indices[row] ?? NULL_INDEX;
    yield {
      itemId: items.dictionary[item]!,
      eventType: type === NULL_INDEX ? '' : eventTypes!.dictionary[type]!,
      eventValue: eventValues?.values[row] ?? NaN,
      time: times[row],
    };
  }
}

async function load(ctx: Context, datasetGroupArn: string): Promise<ImportedInteractions | null> {
  const datasetArn = `${datasetGroupArn.replace(':dataset-group/', ':dataset/')}/INTERACTIONS`;
  const bulk = await currentCompact(ctx.objects, bulkDataLocation(ctx.dataBucket, datasetArn));
  return bulk ? byUser(bulk) : null;
}

/** The rows of each user, newest first; null when the data lacks the columns it needs. */
const byUser = derivedOnce((bulk: CompactDataset): ImportedInteractions | null => {
  const users = findColumn(bulk, 'USER_ID');
  const items = findColumn(bulk, 'ITEM_ID');
  const times = findColumn(bulk, 'TIMESTAMP');
  if (users?.kind !== 'string' || items?.kind !== 'string' || times?.kind !== 'float64') {
    return null;
  }
  const eventTypes = findColumn(bulk, 'EVENT_TYPE');
  const eventValues = findColumn(bulk, 'EVENT_VALUE');
  // Counting sort by user (the dictionary index), then each user's rows by time, newest first.
  const userCount = users.dictionary.length;
  const starts = new Uint32Array(userCount + 1);
  for (const user of users.indices) if (user !== NULL_INDEX) starts[user + 1]++;
  for (let u = 0; u < userCount; u++) starts[u + 1] += starts[u];
  const rows = new Uint32Array(starts[userCount]);
  const next = starts.slice(0, userCount);
  users.indices.forEach((user, row) => {
    if (user !== NULL_INDEX) rows[next[user]++] = row;
  });
  const time = times.values;
  for (let u = 0; u < userCount; u++) {
    rows.subarray(starts[u], starts[u + 1]).sort((a, b) => time[b] - time[a]);
  }
  return {
    users: new Map(users.dictionary.map((id, u) => [id, u])),
    starts,
    rows,
    items,
    times: time,
    ...(eventTypes?.kind === 'string' ? { eventTypes } : {}),
    ...(eventValues?.kind === 'float64' || eventValues?.kind === 'float32' ? { eventValues } : {}),
  };
});
