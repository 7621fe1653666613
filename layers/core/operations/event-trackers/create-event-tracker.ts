import type { CreateEventTrackerResponse } from '@aws-sdk/client-personalize';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { ResourceAlreadyExistsException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { buildArn } from '../../domain/arn';
import { createResource, requireResource, findResource } from '../../resources/lifecycle';

import { claimGroup, releaseGroup } from './group-claim';
import type { EventTrackerAttributes } from '../../domain/event-tracker';

export default defineOperation({
  name: 'CreateEventTracker',
  input: z.object({
    name: shape.name(),
    datasetGroupArn: shape.arn(),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [{ kind: 'dataset-group', arn: input.datasetGroupArn }],
  async run(input, ctx) {
    const group = await requireResource(ctx, 'dataset-group', input.datasetGroupArn);
    const arn = buildArn(ctx.place, 'event-tracker', input.name);
    const trackingId = randomUUID();
    if (!(await claimGroup(ctx.metadata, group.arn, arn, trackingId))) {
      const holder = await findResource(ctx, 'dataset-group', group.arn);
      throw new ResourceAlreadyExistsException(
        `Dataset group ${group.arn} already has the event tracker ${holder?.attributes.eventTrackerArn}; a dataset group can have only one.`,
      );
    }
    try {
      // PutEvents names only the trackingId: the route to the group must exist before the tracker.
      await ctx.trackingIds.put({ trackingId, datasetGroupArn: group.arn, eventTrackerArn: arn });
      await createResource<EventTrackerAttributes>(ctx, {
        kind: 'event-tracker',
        arn,
        parentArn: group.arn,
        attributes: { name: input.name, datasetGroupArn: group.arn, trackingId, status: 'ACTIVE' },
        tags: input.tags,
      });
    } catch (error) {
      await ctx.trackingIds.delete(trackingId);
      await releaseGroup(ctx.metadata, group.arn);
      throw error;
    }
    return { eventTrackerArn: arn, trackingId } satisfies Wire<CreateEventTrackerResponse>;
  },
});
