/**
 * Real time: a user's latest recorded events, read per request from the event store (one Query
 * per subject, no cache, so an event acknowledged by PutEvents counts in the very next
 * response), turned into the History a model folds in; for a model that learns no users, joined
 * with the user's imported interactions.
 */
import type { Context } from '../context/context';
import type { History } from '../recipes/recipe';
import type { RecordedEvent } from '../store/event-ports';
import type { ImportedInteraction } from './imported-interactions';
import type { ServedModel } from './models';

/**
 * The newest events read per request, and the most a history holds. A user's whole recent
 * history says more than their latest events: NDCG@10 of ML-1M's 604 held-out users folded in
 * by iALS (history_decay 1, their histories excluded from the lists) from their newest N events
 * is, at 64 factors, 0.279 for N = 50, 0.317 for 200, 0.321 for 500 and 0.322 unbounded; at 256
 * factors 0.279, 0.320, 0.325 and 0.326. 500 keeps 99.7% of it and cuts 5% of those users
 * (median history 93, 90th percentile 359, longest 1,210). What it costs, measured on this
 * 2-core machine:
 *
 * - Fold-in (IalsModel.userFactor, n·k²/2 multiply-adds and a k×k Cholesky for n distinct
 *   items, k factors; 3,706 items): 3.7 ms for 500 distinct items at 64 factors (0.23 ms for
 *   50), 54 ms at 256 factors (9.6 ms for 50). Only the longest histories pay that much.
 * - DynamoDB: a recorded click is 0.56 KB as stored (UUID eventId and sessionId), 0.93 KB with
 *   a recommendationId and a 25-item impression, so 500 come back in one Query page of at most
 *   1 MB (70 to 116 read units, consistent); events at PutEvents' largest (7.9 KB) fill that
 *   page at 129, and the history is then those 129. Decoding 500 takes 2 ms of CPU.
 * - The local service's cache (recent-events.ts) keeps a subject's events this deep
 *   (FILTER_HISTORY_LENGTH): 500 take 240 to 560 KB of heap, 0.5 to 1.1 KB an event; its
 *   maxEvents bounds the events of all subjects together, whatever the depth.
 */
export const HISTORY_LENGTH = 500;

/**
 * The newest events a filter reads for its Interactions conditions: as many as the model folds
 * in, since a filter on what someone already took must see at least what their list was folded
 * in from, and no more, so one Query (and one cache entry) serves both. Personalize's filters see
 * 100 per event type.
 */
export const FILTER_HISTORY_LENGTH = HISTORY_LENGTH;

export const EMPTY_HISTORY: History = {
  items: new Uint32Array(0),
  weights: new Float32Array(0),
  times: new Float64Array(0),
};

/**
 * The latest `limit` events of `userId`, newest first. Someone the model never learned may be an
 * anonymous session: Personalize takes its sessionId as the userId, so that session's events
 * (recorded without a userId) are read too, in parallel.
 */
export async function latestEvents(
  ctx: Context,
  served: ServedModel,
  userId: string,
  limit = HISTORY_LENGTH,
): Promise<RecordedEvent[]> {
  const { datasetGroupArn } = served;
  if (served.learned?.knows(userId)) {
    return ctx.events.latest(datasetGroupArn, { userId }, limit);
  }
  const [asUser, asSession] = await Promise.all([
    ctx.events.latest(datasetGroupArn, { userId }, limit),
    ctx.events.latest(datasetGroupArn, { sessionId: userId }, limit),
  ]);
  if (asSession.length === 0) return asUser;
  if (asUser.length === 0) return asSession;
  return [...asUser, ...asSession].sort((a, b) => b.timestamp - a.timestamp).slice(0, limit);
}

/**
 * Events (newest first) as the model's History: oldest first, in epoch seconds, weighed as
 * training weighs them. Events recorded up to `recordedAfter` (epoch ms) are left out, as are
 * those without an item, of an item the model does not know, or of no weight (an event type the
 * solution does not train on).
 */
export function toHistory(
  served: ServedModel,
  events: readonly RecordedEvent[],
  recordedAfter = -Infinity,
): History {
  return historyOf(served, recordedInteractions(events, recordedAfter), events.length);
}

/**
 * The History of someone a model that learns no users scores from history alone: their recorded
 * events and their imported interactions (each newest first, as read) merged by time, the newest
 * `limit` the model can use, oldest first. Every recorded event counts, those training read too:
 * the model kept nothing of the user, and training reads the imported data and the events side
 * by side, so the two never hold the same interaction.
 */
export function joinedHistory(
  served: ServedModel,
  events: readonly RecordedEvent[],
  imported: Iterable<ImportedInteraction>,
  limit = HISTORY_LENGTH,
): History {
  return historyOf(served, newestFirst(recordedInteractions(events), imported), limit);
}

/** An interaction as a history takes it, from the imported data or a recorded event. */
type Interaction = Omit<ImportedInteraction, 'itemId'> & { itemId: string | undefined };

function* recordedInteractions(
  events: readonly RecordedEvent[],
  recordedAfter = -Infinity,
): Iterable<Interaction> {
  for (const event of events) {
    if (event.recordedAt <= recordedAfter) continue;
    yield {
      itemId: event.itemId,
      eventType: event.eventType,
      eventValue: event.eventValue ?? NaN,
      time: event.timestamp / 1000,
    };
  }
}

/** Two newest-first sequences as one; of two at the same time, `first`'s comes first. */
function* newestFirst(
  first: Iterable<Interaction>,
  second: Iterable<Interaction>,
): Iterable<Interaction> {
  const a = first[Symbol.iterator]();
  const b = second[Symbol.iterator]();
  let x = a.next();
  let y = b.next();
  for (;;) {
    if (x.done) {
      if (y.done) return;
      yield y.value;
      y = b.next();
    } else if (y.done || x.value.time >= y.value.time) {
      yield x.value;
      x = a.next();
    } else {
      yield y.value;
      y = b.next();
    }
  }
}

/**
 * The newest `limit` usable interactions of a newest-first sequence as a History, oldest first:
 * filled from its end, so nothing is reversed or copied.
 */
function historyOf(served: ServedModel, newest: Iterable<Interaction>, limit: number): History {
  const items = new Uint32Array(limit);
  const weights = new Float32Array(limit);
  const times = new Float64Array(limit);
  let start = limit;
  for (const { itemId, eventType, eventValue, time } of newest) {
    if (start === 0) break;
    if (itemId === undefined) continue;
    const item = served.itemIndex.get(itemId);
    const weight = served.weigh(eventType, eventValue);
    if (item === undefined || weight <= 0) continue;
    start--;
    items[start] = item;
    weights[start] = weight;
    times[start] = time;
  }
  return {
    items: items.subarray(start),
    weights: weights.subarray(start),
    times: times.subarray(start),
  };
}
