import type { DescribeEventTrackerResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { describeEventTracker } from './view';

export default defineOperation({
  name: 'DescribeEventTracker',
  input: z.object({ eventTrackerArn: shape.arn() }),
  touches: (input) => [{ kind: 'event-tracker', arn: input.eventTrackerArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'event-tracker', input.eventTrackerArn);
    return {
      eventTracker: describeEventTracker(record, ctx.place.account),
    } satisfies Wire<DescribeEventTrackerResponse>;
  },
});
