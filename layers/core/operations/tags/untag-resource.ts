import type { UntagResourceResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { TooManyTagKeysException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireTaggable } from './taggable';

const MAX_TAG_KEYS = 50;

export default defineOperation({
  name: 'UntagResource',
  input: z.object({ resourceArn: shape.arn(), tagKeys: z.array(shape.tagKey()) }),
  touches: (input) => [{ kind: 'resource', arn: input.resourceArn }],
  async run(input, ctx) {
    if (input.tagKeys.length > MAX_TAG_KEYS) {
      throw new TooManyTagKeysException(
        `At most ${MAX_TAG_KEYS} tag keys can be removed at once; the request has ${input.tagKeys.length}.`,
      );
    }
    const record = await requireTaggable(ctx, input.resourceArn);
    const removed = Object.fromEntries(input.tagKeys.map((key) => [key, undefined]));
    // No keys change nothing; and the store cannot write an update that removes nothing.
    if (input.tagKeys.length > 0) await ctx.metadata.update(record.arn, { tags: removed });
    return {} satisfies Wire<UntagResourceResponse>;
  },
});
