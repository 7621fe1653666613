import type { TagResourceResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { mergeTags } from '../../resources/lifecycle';
import { requireTaggable } from './taggable';

export default defineOperation({
  name: 'TagResource',
  input: z.object({ resourceArn: shape.arn(), tags: shape.tags() }),
  touches: (input) => [{ kind: 'resource', arn: input.resourceArn }],
  async run(input, ctx) {
    const record = await requireTaggable(ctx, input.resourceArn);
    const merged = mergeTags(record.tags, input.tags);
    const added = Object.fromEntries(input.tags.map(({ tagKey }) => [tagKey, merged[tagKey]]));
    // No tags change nothing; and the store cannot write an update that sets nothing.
    if (input.tags.length > 0) await ctx.metadata.update(record.arn, { tags: added });
    return {} satisfies Wire<TagResourceResponse>;
  },
});
