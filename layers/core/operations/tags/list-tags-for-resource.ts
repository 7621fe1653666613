import type { ListTagsForResourceResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireTaggable } from './taggable';

export default defineOperation({
  name: 'ListTagsForResource',
  input: z.object({ resourceArn: shape.arn() }),
  touches: (input) => [{ kind: 'resource', arn: input.resourceArn }],
  async run(input, ctx) {
    const record = await requireTaggable(ctx, input.resourceArn);
    return {
      tags: Object.entries(record.tags).map(([tagKey, tagValue]) => ({ tagKey, tagValue })),
    } satisfies Wire<ListTagsForResourceResponse>;
  },
});
