/**
 * Real time: a user's latest recorded events, read per request from the event store (one Query
 * per subject, no cache, so an event acknowledged by PutEvents counts in the very next
 * response), turned into the History a model folds in.
 */
import type { Context } from '../api/context';
import type { History } from '../recipes/recipe';
import type { RecordedEvent } from '../store/event-ports';
import type { ServedModel } from './models';

/**
 * The newest events read per request. Fold-in weighs every history item alike (up to recency
 * decay), so the latest 50 say what a visitor is after now; older ones are the training's job.
 */
export const HISTORY_LENGTH = 50;

/**
 * The newest events a filter reads for its Interactions conditions: more than the model folds in,
 * as a filter on what someone already took must see further back than their current interest.
 */
export const FILTER_HISTORY_LENGTH = 200;

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
  const items = new Uint32Array(events.length);
  const weights = new Float32Array(events.length);
  const times = new Float64Array(events.length);
  let kept = 0;
  for (let e = events.length - 1; e >= 0; e--) {
    const event = events[e]!;
    if (event.recordedAt <= recordedAfter || event.itemId === undefined) continue;
    const item = served.itemIndex.get(event.itemId);
    const weight = served.weigh(event.eventType, event.eventValue ?? NaN);
    if (item === undefined || weight <= 0) continue;
    items[kept] = item;
    weights[kept] = weight;
    times[kept] = event.timestamp / 1000;
    kept++;
  }
  return {
    items: items.subarray(0, kept),
    weights: weights.subarray(0, kept),
    times: times.subarray(0, kept),
  };
}
