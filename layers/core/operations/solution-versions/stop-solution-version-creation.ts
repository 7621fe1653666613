import * as z from 'zod';
import { ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { markStopping } from '../../jobs/status';
import { requireResource, findResource } from '../../resources/lifecycle';

export default defineOperation({
  name: 'StopSolutionVersionCreation',
  input: z.object({ solutionVersionArn: shape.arn() }),
  touches: (input) => [{ kind: 'solution-version', arn: input.solutionVersionArn }],
  async run(input, ctx) {
    const version = await requireResource(ctx, 'solution-version', input.solutionVersionArn);
    if (!(await markStopping(ctx.metadata, version.arn, ctx.now()))) {
      const current = await findResource(ctx, 'solution-version', version.arn);
      throw new ResourceInUseException(
        `Solution version ${version.arn} is ${current?.attributes.status}: only a version in CREATE PENDING or CREATE IN_PROGRESS can be stopped.`,
      );
    }
    await ctx.jobs.stop(version.arn);
    return {};
  },
});
