/**
 * What a solution version trains on: the group's imported interactions plus
 * every event recorded up to the moment training was asked for, filtered and
 * weighted by the solution's config, as the typed-array Interactions every
 * recipe reads. Strings are interned once per distinct value (dictionary
 * columns map whole dictionaries), never per row.
 */
import type { Context } from '../context/context';
import { findColumn, NULL_INDEX, type CompactDataset } from '../data/compact/columns';
import { bulkDataLocation } from '../data/locations';
import { readCompact } from '../data/stored-data';
import type { SolutionConfig } from '../domain/solution';
import type { Interactions } from '../recipes/recipe';

export interface EventFilter {
  /** solution.eventType: only events of this type. */
  eventType?: string;
  eventValueThreshold?: string;
  eventsConfig?: SolutionConfig['eventsConfig'];
}

/**
 * Collects interactions in any order, then groups them by user into the
 * Interactions recipes read. IDs are interned to indices as they arrive.
 */
export class InteractionsBuilder {
  users = new Map<string, number>();
  items = new Map<string, number>();
  user = new Uint32Array(1024);
  item = new Uint32Array(1024);
  weight = new Float32Array(1024);
  time = new Float64Array(1024);
  length = 0;

  intern(map: Map<string, number>, id: string): number {
    let index = map.get(id);
    if (index === undefined) map.set(id, (index = map.size));
    return index;
  }

  /** Adds one interaction by its IDs; epoch seconds. */
  add(userId: string, itemId: string, weight: number, time: number): void {
    this.push(this.intern(this.users, userId), this.intern(this.items, itemId), weight, time);
  }

  build(): Interactions {
    return groupByUser(this);
  }

  push(user: number, item: number, weight: number, time: number): void {
    if (this.length === this.user.length) this.grow();
    const i = this.length++;
    this.user[i] = user;
    this.item[i] = item;
    this.weight[i] = weight;
    this.time[i] = time;
  }

  private grow(): void {
    const size = this.user.length * 2;
    const copy = <T extends Uint32Array | Float32Array | Float64Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.user = copy(this.user, (n) => new Uint32Array(n));
    this.item = copy(this.item, (n) => new Uint32Array(n));
    this.weight = copy(this.weight, (n) => new Float32Array(n));
    this.time = copy(this.time, (n) => new Float64Array(n));
  }
}

/**
 * The weight an event of this type and value gets, or 0 when the config
 * excludes it. With eventsConfig only the listed types count, each with its
 * weight (default 1) and value threshold; a value, where present and
 * positive, scales the weight (ratings, watch time).
 */
export function eventWeigher(filter: EventFilter): (type: string, value: number) => number {
  const threshold =
    filter.eventValueThreshold === undefined ? -Infinity : Number(filter.eventValueThreshold);
  const listed = filter.eventsConfig?.eventParametersList;
  const byType = listed && new Map(listed.map((p) => [p.eventType.toLowerCase(), p]));
  return (type, value) => {
    if (filter.eventType !== undefined && type.toLowerCase() !== filter.eventType.toLowerCase()) {
      return 0;
    }
    if (!Number.isNaN(value) && value < threshold) return 0;
    let weight = 1;
    if (byType) {
      const parameters = byType.get(type.toLowerCase());
      if (!parameters) return 0;
      if (!Number.isNaN(value) && value < (parameters.eventValueThreshold ?? -Infinity)) return 0;
      weight = parameters.weight ?? 1;
    }
    return !Number.isNaN(value) && value > 0 ? weight * value : weight;
  };
}

function addBulk(
  raw: InteractionsBuilder,
  data: CompactDataset,
  weigh: ReturnType<typeof eventWeigher>,
) {
  const users = findColumn(data, 'USER_ID');
  const items = findColumn(data, 'ITEM_ID');
  const times = findColumn(data, 'TIMESTAMP');
  const types = findColumn(data, 'EVENT_TYPE');
  const values = findColumn(data, 'EVENT_VALUE');
  if (users?.kind !== 'string' || items?.kind !== 'string' || times?.kind !== 'float64') return;
  const userIndex = Uint32Array.from(users.dictionary, (id) => raw.intern(raw.users, id));
  const itemIndex = Uint32Array.from(items.dictionary, (id) => raw.intern(raw.items, id));
  for (let r = 0; r < data.rowCount; r++) {
    const u = users.indices[r]!;
    const i = items.indices[r]!;
    if (u === NULL_INDEX || i === NULL_INDEX) continue;
    const type =
      types?.kind === 'string' && types.indices[r] !== NULL_INDEX
        ? types.dictionary[types.indices[r]!]!
        : '';
    const value =
      values && values.kind !== 'string' && values.kind !== 'boolean' ? values.values[r]! : NaN;
    const weight = weigh(type, value);
    if (weight > 0) raw.push(userIndex[u]!, itemIndex[i]!, weight, times.values[r]!);
  }
}

/** Groups interactions by user (counting sort), oldest first within a user. */
function groupByUser(raw: InteractionsBuilder): Interactions {
  const userCount = raw.users.size;
  const userStart = new Uint32Array(userCount + 1);
  for (let k = 0; k < raw.length; k++) userStart[raw.user[k]! + 1]!++;
  for (let u = 0; u < userCount; u++) userStart[u + 1]! += userStart[u]!;
  const next = userStart.slice(0, userCount);
  const item = new Uint32Array(raw.length);
  const weight = new Float32Array(raw.length);
  const time = new Float64Array(raw.length);
  for (let k = 0; k < raw.length; k++) {
    const at = next[raw.user[k]!]!++;
    item[at] = raw.item[k]!;
    weight[at] = raw.weight[k]!;
    time[at] = raw.time[k]!;
  }
  // Histories arrive mostly in time order: an insertion sort per user is linear then.
  for (let u = 0; u < userCount; u++) {
    for (let a = userStart[u]! + 1; a < userStart[u + 1]!; a++) {
      const t = time[a]!;
      if (t >= time[a - 1]!) continue;
      const i = item[a]!;
      const w = weight[a]!;
      let b = a - 1;
      while (b >= userStart[u]! && time[b]! > t) {
        time[b + 1] = time[b]!;
        item[b + 1] = item[b]!;
        weight[b + 1] = weight[b]!;
        b--;
      }
      time[b + 1] = t;
      item[b + 1] = i;
      weight[b + 1] = w;
    }
  }
  return {
    userIds: [...raw.users.keys()],
    itemIds: [...raw.items.keys()],
    userStart,
    item,
    weight,
    time,
  };
}

export async function loadInteractions(
  ctx: Context,
  datasetGroupArn: string,
  interactionsDatasetArn: string,
  filter: EventFilter,
  until: number,
): Promise<Interactions> {
  const raw = new InteractionsBuilder();
  const weigh = eventWeigher(filter);
  const bulk = await readCompact(
    ctx.objects,
    bulkDataLocation(ctx.dataBucket, interactionsDatasetArn),
  );
  if (bulk) addBulk(raw, bulk, weigh);
  for await (const event of ctx.events.recordedUntil(datasetGroupArn, until)) {
    if (event.itemId === undefined) continue;
    const weight = weigh(event.eventType, event.eventValue ?? NaN);
    if (weight <= 0) continue;
    // An anonymous session trains as a user of its own, as Personalize does.
    raw.add(
      event.userId ?? event.sessionId,
      event.itemId,
      weight,
      Math.floor(event.timestamp / 1000),
    );
  }
  return raw.build();
}
