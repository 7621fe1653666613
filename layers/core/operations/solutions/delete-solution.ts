import * as z from 'zod';
import { ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../../api/operation';
import * as shape from '../../api/shapes';
import { isRunning } from '../../domain/jobs';
import { requireResource } from '../../resources/lifecycle';
import type { PageKey } from '../../domain/records';
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
    let startKey: PageKey | undefined;
    do {
      const page = await ctx.metadata.list<SolutionVersionAttributes>({
        kind: 'solution-version',
        parentArn: solution.arn,
        limit: 100,
        ...(startKey ? { startKey } : {}),
      });
      for (const version of page.records) {
        if (isRunning(version.attributes.status)) {
          throw new ResourceInUseException(
            `Cannot delete solution ${solution.arn} while its version ${version.arn} is ${version.attributes.status}.`,
          );
        }
        versions.push(version.arn);
      }
      startKey = page.nextKey;
    } while (startKey);
    for (const arn of versions) await ctx.metadata.delete(arn);
    await ctx.metadata.delete(solution.arn);
    return {};
  },
});
