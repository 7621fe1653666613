import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { requireResource } from '../../resources/lifecycle';
import { releaseFilterSlot } from './group-slots';
import { forgetFilter } from '../../serving/loaded-filters';

export default defineOperation({
  name: 'DeleteFilter',
  input: z.object({ filterArn: shape.arn() }),
  touches: (input) => [{ kind: 'filter', arn: input.filterArn }],
  async run(input, ctx) {
    const filter = await requireResource(ctx, 'filter', input.filterArn);
    await releaseFilterSlot(ctx.metadata, filter.attributes.datasetGroupArn, filter.arn);
    await ctx.metadata.delete(filter.arn);
    forgetFilter(ctx, filter.arn);
    return {};
  },
});
