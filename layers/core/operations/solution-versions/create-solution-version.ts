import type { CreateSolutionVersionResponse } from '@aws-sdk/client-personalize';
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { InvalidInputException, ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import { launchJob } from '../../jobs/launch';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { isRunning, PENDING, RUNNING_STATUSES } from '../../domain/jobs';
import { findRecipe } from '../../recipes/catalogue';
import { buildArn } from '../../domain/arn';
import { createResource, requireResource, findResource } from '../../resources/lifecycle';
import type { SolutionVersionAttributes } from '../../domain/solution-version';
import { countOf, requireRoomFor } from '../quotas';

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
    const trainingMode = input.trainingMode ?? 'FULL';
    const latest = solution.attributes.latestVersionArn
      ? await findResource(ctx, 'solution-version', solution.attributes.latestVersionArn)
      : undefined;
    if (latest && isRunning(latest.attributes.status)) {
      throw new ResourceInUseException(
        `Solution ${solution.arn} is already training version ${latest.arn}; wait for it or stop it.`,
      );
    }
    if (trainingMode === 'UPDATE') {
      const recipe = solution.attributes.recipeArn && findRecipe(solution.attributes.recipeArn);
      if (
        !recipe ||
        !['USER_PERSONALIZATION', 'PERSONALIZED_RANKING'].includes(recipe.recipeType) ||
        recipe.name === 'tailor-ease'
      ) {
        throw new InvalidInputException(
          'trainingMode UPDATE needs a solution with aws-user-personalization or aws-personalized-ranking.',
        );
      }
      if (latest?.attributes.status !== 'ACTIVE') {
        throw new InvalidInputException(
          `trainingMode UPDATE needs an ACTIVE solution version of ${solution.arn} to update.`,
        );
      }
    }
    await requireRoomFor(ctx, {
      name: 'solutionVersionsInProgress',
      holder: 'The account',
      what: 'solution versions in progress',
      remedy: 'wait for one to finish, or stop one',
      count: countOf(ctx, { kind: 'solution-version', statuses: RUNNING_STATUSES }),
    });
    const versionId = randomBytes(4).toString('hex');
    const a = solution.attributes;
    const record = await createResource<SolutionVersionAttributes>(ctx, {
      kind: 'solution-version',
      arn: buildArn(ctx.place, 'solution', a.name, versionId),
      parentArn: solution.arn,
      attributes: {
        name: input.name,
        solutionArn: solution.arn,
        datasetGroupArn: a.datasetGroupArn,
        recipeArn: a.recipeArn,
        performHPO: a.performHPO,
        performAutoML: a.performAutoML,
        performIncrementalUpdate: a.performIncrementalUpdate,
        eventType: a.eventType,
        solutionConfig: a.solutionConfig,
        trainingMode,
        status: PENDING,
      },
      tags: input.tags,
    });
    await ctx.metadata.update(solution.arn, { attributes: { latestVersionArn: record.arn } });
    await launchJob(ctx, 'training', record.arn);
    return { solutionVersionArn: record.arn } satisfies Wire<CreateSolutionVersionResponse>;
  },
});
