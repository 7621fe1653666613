import type { CreateSolutionVersionResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { startSolutionVersion } from './start-solution-version';

export default defineOperation({
  name: 'CreateSolutionVersion',
  input: z.object({
    name: shape.name().optional(),
    solutionArn: shape.arn(),
    trainingMode: z.enum(['FULL', 'UPDATE']).optional(),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [{ kind: 'solution', arn: input.solutionArn }],
  async run(input, ctx) {
    const solution = await requireResource(ctx, 'solution', input.solutionArn);
    const record = await startSolutionVersion(ctx, solution, {
      name: input.name,
      trainingMode: input.trainingMode ?? 'FULL',
      trainingType: 'MANUAL',
      tags: input.tags,
    });
    return { solutionVersionArn: record.arn } satisfies Wire<CreateSolutionVersionResponse>;
  },
});
