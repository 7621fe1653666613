import type { DescribeSolutionVersionResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { describeSolutionVersion } from './view';

export default defineOperation({
  name: 'DescribeSolutionVersion',
  input: z.object({ solutionVersionArn: shape.arn() }),
  touches: (input) => [{ kind: 'solution-version', arn: input.solutionVersionArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'solution-version', input.solutionVersionArn);
    return {
      solutionVersion: describeSolutionVersion(record),
    } satisfies Wire<DescribeSolutionVersionResponse>;
  },
});
