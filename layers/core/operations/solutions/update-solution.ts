import type { UpdateSolutionResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { autoTrainingConfig, eventsConfig } from './solution-config';

export default defineOperation({
  name: 'UpdateSolution',
  input: z.object({
    solutionArn: shape.arn(),
    performAutoTraining: z.boolean().optional(),
    performIncrementalUpdate: z.boolean().optional(),
    solutionUpdateConfig: z
      .object({
        autoTrainingConfig: autoTrainingConfig().optional(),
        eventsConfig: eventsConfig().optional(),
      })
      .optional(),
  }),
  touches: (input) => [{ kind: 'solution', arn: input.solutionArn }],
  async run(input, ctx) {
    const solution = await requireResource(ctx, 'solution', input.solutionArn);
    const { solutionConfig = {} } = solution.attributes;
    const update = input.solutionUpdateConfig ?? {};
    // The next version trains with the new config; versions already made keep theirs.
    await ctx.metadata.update(solution.arn, {
      attributes: {
        performAutoTraining: input.performAutoTraining ?? solution.attributes.performAutoTraining,
        performIncrementalUpdate:
          input.performIncrementalUpdate ?? solution.attributes.performIncrementalUpdate,
        solutionConfig: {
          ...solutionConfig,
          ...(update.autoTrainingConfig ? { autoTrainingConfig: update.autoTrainingConfig } : {}),
          ...(update.eventsConfig ? { eventsConfig: update.eventsConfig } : {}),
        },
      },
      updatedAt: ctx.now(),
    });
    return { solutionArn: solution.arn } satisfies Wire<UpdateSolutionResponse>;
  },
});
