import * as z from 'zod';
import { ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { deleteResource } from '../../resources/lifecycle';

export default defineOperation({
  name: 'DeleteSchema',
  input: z.object({ schemaArn: shape.arn() }),
  touches: (input) => [{ kind: 'schema', arn: input.schemaArn }],
  async run(input, ctx) {
    const user = await ctx.metadata.findByAttribute('dataset', 'schemaArn', input.schemaArn);
    if (user) {
      throw new ResourceInUseException(
        `Cannot delete schema ${input.schemaArn}: dataset ${user.arn} uses it.`,
      );
    }
    await deleteResource(ctx, 'schema', input.schemaArn);
    return {};
  },
});
