import type { GetSolutionMetricsResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';

export default defineOperation({
  name: 'GetSolutionMetrics',
  input: z.object({ solutionVersionArn: shape.arn() }),
  touches: (input) => [{ kind: 'solution-version', arn: input.solutionVersionArn }],
  async run(input, ctx) {
    const version = await requireResource(ctx, 'solution-version', input.solutionVersionArn);
    if (version.attributes.status !== 'ACTIVE') {
      throw new ResourceInUseException(
        `Solution version ${version.arn} is ${version.attributes.status}: metrics exist once it is ACTIVE.`,
      );
    }
    return {
      solutionVersionArn: version.arn,
      metrics: version.attributes.metrics ?? {},
    } satisfies Wire<GetSolutionMetricsResponse>;
  },
});
