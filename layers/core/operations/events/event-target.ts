/**
 * What a trackingId leads to: its dataset group and the Interactions schema
 * that events are checked against. Resolving takes three store reads, more
 * than the write of the events themselves, so a resolved target is kept for
 * a second. Deleting the tracker forgets it at once in this process; another
 * process (Lambda container) stops taking its events within the second.
 */
import type { Context } from '../../context/context';
import { perContext } from '../../cache/loading-cache';
import type { DatasetSchema } from '../../data/avro-schema';
import { unknownTrackingId } from '../../api/not-found';
import { interactionsSchema } from './dataset-schema';

export interface EventTarget {
  datasetGroupArn: string;
  schema: DatasetSchema;
}

/** How long a process keeps taking events for a target it resolved. */
export const TARGET_TTL_MS = 1000;

// Trackers are one per dataset group, so the bound is never reached in practice.
const targets = perContext<Context, string, EventTarget>({
  ttlMs: TARGET_TTL_MS,
  maxWeight: 10_000,
});

export const resolveTarget = (ctx: Context, trackingId: string): Promise<EventTarget> =>
  targets(ctx).get(trackingId, ctx.now(), async () => {
    const route = await ctx.trackingIds.get(trackingId);
    if (!route) throw unknownTrackingId(trackingId);
    return {
      datasetGroupArn: route.datasetGroupArn,
      schema: await interactionsSchema(ctx, route.datasetGroupArn),
    };
  });

export function forgetTarget(ctx: Context, trackingId: string): void {
  targets(ctx).delete(trackingId);
}
