import type { UpdateSolutionResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import {
  firstAutoTraining,
  NO_AUTO_TRAINING,
  schedulePeriodMs,
  scheduleOf,
} from '../../domain/auto-training';
import type { SolutionAttributes } from '../../domain/solution';
import {
  autoTrainingConfig,
  eventsConfig,
  INCREMENTAL_UPDATE_PROBLEM,
  scheduleProblem,
} from './solution-config';

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
    const update = input.solutionUpdateConfig ?? {};
    const problems = [
      scheduleProblem('solutionUpdateConfig.autoTrainingConfig', update.autoTrainingConfig),
      input.performIncrementalUpdate ? INCREMENTAL_UPDATE_PROBLEM : undefined,
    ].filter((problem) => problem !== undefined);
    if (problems.length > 0) throw new InvalidInputException(`${problems.join('; ')}.`);
    const solution = await requireResource(ctx, 'solution', input.solutionArn);
    const was = solution.attributes;
    const now = ctx.now();
    const performAutoTraining = input.performAutoTraining ?? was.performAutoTraining;
    const performIncrementalUpdate = input.performIncrementalUpdate ?? was.performIncrementalUpdate;
    // The next version trains with the new config; versions already made keep theirs.
    const solutionConfig = {
      ...was.solutionConfig,
      ...(update.eventsConfig ? { eventsConfig: update.eventsConfig } : {}),
      ...(update.autoTrainingConfig || performAutoTraining
        ? {
            autoTrainingConfig: {
              schedulingExpression: scheduleOf(
                update.autoTrainingConfig ? update : was.solutionConfig,
              ),
            },
          }
        : {}),
    };
    await ctx.metadata.update(solution.arn, {
      attributes: {
        performAutoTraining,
        performIncrementalUpdate,
        solutionConfig,
        ...schedule(was, performAutoTraining, scheduleOf(solutionConfig), now),
        latestUpdate: {
          performAutoTraining,
          performIncrementalUpdate,
          solutionUpdateConfig: update,
          createdAt: now,
        },
      } satisfies Partial<SolutionAttributes>,
      updatedAt: now,
    });
    return { solutionArn: solution.arn } satisfies Wire<UpdateSolutionResponse>;
  },
});

/**
 * Turned on, the first automatic version is due within the hour; turned off, none is; a new
 * schedule counts from the update, unless the first version is still to come.
 */
function schedule(was: SolutionAttributes, on: boolean, expression: string, now: number) {
  if (!on) return NO_AUTO_TRAINING;
  if (!was.performAutoTraining) return firstAutoTraining(now);
  if (was.firstAutoTrainingPending || expression === scheduleOf(was.solutionConfig)) return {};
  return { nextAutoTrainingAt: new Date(now + (schedulePeriodMs(expression) ?? 0)).toISOString() };
}
