import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { deleteResource } from '../../resources/lifecycle';
import { forgetTarget } from '../events/event-target';
import { releaseGroup } from './group-claim';

export default defineOperation({
  name: 'DeleteEventTracker',
  input: z.object({ eventTrackerArn: shape.arn() }),
  touches: (input) => [{ kind: 'event-tracker', arn: input.eventTrackerArn }],
  async run(input, ctx) {
    const tracker = await deleteResource(ctx, 'event-tracker', input.eventTrackerArn);
    await ctx.trackingIds.delete(tracker.attributes.trackingId);
    forgetTarget(ctx, tracker.attributes.trackingId);
    await releaseGroup(ctx.metadata, tracker.attributes.datasetGroupArn);
    return {};
  },
});
