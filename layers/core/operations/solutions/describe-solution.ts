import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { requireResource } from '../../resources/lifecycle';
import { summarizeSolutionVersion } from '../solution-versions/view';
import { type SolutionVersionAttributes } from '../../domain/solution-version';
import { describeSolution } from './view';

export default defineOperation({
  name: 'DescribeSolution',
  input: z.object({ solutionArn: shape.arn() }),
  touches: (input) => [{ kind: 'solution', arn: input.solutionArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'solution', input.solutionArn);
    const latestArn = record.attributes.latestVersionArn;
    const latest = latestArn
      ? await ctx.metadata.get<SolutionVersionAttributes>(latestArn)
      : undefined;
    return {
      solution: describeSolution(record, latest && summarizeSolutionVersion(latest)),
    };
  },
});
