import * as z from 'zod';
import { ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { isRunning } from '../../domain/jobs';
import { requireResource } from '../../resources/lifecycle';
import { allRecords } from '../../store/pages';
import { deleteFolder } from '../../store/object-ports';
import { trainedFolder } from '../../data/locations';
import type { SolutionVersionAttributes } from '../../domain/solution-version';

export default defineOperation({
  name: 'DeleteSolution',
  input: z.object({ solutionArn: shape.arn() }),
  touches: (input) => [{ kind: 'solution', arn: input.solutionArn }],
  async run(input, ctx) {
    const solution = await requireResource(ctx, 'solution', input.solutionArn);
    const campaign = await ctx.metadata.findByAttribute('campaign', 'solutionArn', solution.arn);
    if (campaign) {
      throw new ResourceInUseException(
        `Cannot delete solution ${solution.arn}: campaign ${campaign.arn} uses it.`,
      );
    }
    // Versions go with their solution, but not while one trains.
    const versions: string[] = [];
    const listed = allRecords<SolutionVersionAttributes>(ctx.metadata, {
      kind: 'solution-version',
      parentArn: solution.arn,
    });
    for await (const version of listed) {
      if (isRunning(version.attributes.status)) {
        throw new ResourceInUseException(
          `Cannot delete solution ${solution.arn} while its version ${version.arn} is ${version.attributes.status}.`,
        );
      }
      versions.push(version.arn);
    }
    // The models first: a deletion that dies midway leaves the solution, and a retry goes on.
    await deleteFolder(ctx.objects, trainedFolder(ctx.dataBucket, solution.arn));
    for (const arn of versions) await ctx.metadata.delete(arn);
    await ctx.metadata.delete(solution.arn);
    return {};
  },
});
