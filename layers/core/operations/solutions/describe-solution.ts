import type { DescribeSolutionResponse } from '@aws-sdk/client-personalize';
import type { Wire } from '../../api/wire';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { requireResource, findResource } from '../../resources/lifecycle';
import { describeSolution } from './view';

export default defineOperation({
  name: 'DescribeSolution',
  input: z.object({ solutionArn: shape.arn() }),
  touches: (input) => [{ kind: 'solution', arn: input.solutionArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'solution', input.solutionArn);
    const latestArn = record.attributes.latestVersionArn;
    const latest = latestArn ? await findResource(ctx, 'solution-version', latestArn) : undefined;
    return {
      solution: describeSolution(record, latest),
    } satisfies Wire<DescribeSolutionResponse>;
  },
});
