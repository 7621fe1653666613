/**
 * Starting a solution version, as CreateSolutionVersion asks and as automatic training does
 * (operations/scheduled/scheduled-training.ts): one path, so both obey the same rules.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from '../../context/context';
import { InvalidInputException, ResourceInUseException } from '../../api/errors';
import { launchJob } from '../../jobs/launch';
import { isRunning, PENDING, RUNNING_STATUSES } from '../../domain/jobs';
import { findRecipe } from '../../recipes/catalogue';
import { buildArn } from '../../domain/arn';
import { createResource, findResource, type TagInput } from '../../resources/lifecycle';
import type { SolutionRecord } from '../../domain/solution';
import type {
  SolutionVersionAttributes,
  SolutionVersionRecord,
  TrainingMode,
  TrainingType,
} from '../../domain/solution-version';
import { nextDue, schedulePeriodMs, scheduleOf } from '../../domain/auto-training';
import { countOf, requireRoomFor } from '../quotas';

export interface VersionRequest {
  name?: string;
  trainingMode: TrainingMode;
  trainingType: TrainingType;
  tags?: readonly TagInput[];
}

/** The solution's newest version, when it has one. */
export const latestVersionOf = (
  ctx: Context,
  solution: SolutionRecord,
): Promise<SolutionVersionRecord | undefined> =>
  solution.attributes.latestVersionArn
    ? findResource(ctx, 'solution-version', solution.attributes.latestVersionArn)
    : Promise.resolve(undefined);

export async function startSolutionVersion(
  ctx: Context,
  solution: SolutionRecord,
  request: VersionRequest,
): Promise<SolutionVersionRecord> {
  const latest = await latestVersionOf(ctx, solution);
  if (latest && isRunning(latest.attributes.status)) {
    throw new ResourceInUseException(
      `Solution ${solution.arn} is already training version ${latest.arn}; wait for it or stop it.`,
    );
  }
  if (request.trainingMode === 'UPDATE') {
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
      name: request.name,
      solutionArn: solution.arn,
      datasetGroupArn: a.datasetGroupArn,
      recipeArn: a.recipeArn,
      performHPO: a.performHPO,
      performAutoML: a.performAutoML,
      performIncrementalUpdate: a.performIncrementalUpdate,
      eventType: a.eventType,
      solutionConfig: a.solutionConfig,
      trainingMode: request.trainingMode,
      trainingType: request.trainingType,
      status: PENDING,
    },
    tags: request.tags,
  });
  await ctx.metadata.update(solution.arn, {
    attributes: {
      latestVersionArn: record.arn,
      ...(request.trainingType === 'MANUAL' ? skippedFirstTraining(solution, ctx.now()) : {}),
    },
  });
  await launchJob(ctx, 'training', record.arn);
  return record;
}

/** A manual version made before the first automatic one is due takes its place. */
function skippedFirstTraining(solution: SolutionRecord, now: number) {
  const a = solution.attributes;
  if (!a.firstAutoTrainingPending || !a.nextAutoTrainingAt) return {};
  const due = Date.parse(a.nextAutoTrainingAt);
  if (now >= due) return {};
  const period = schedulePeriodMs(scheduleOf(a.solutionConfig));
  if (period === undefined) return {};
  return {
    nextAutoTrainingAt: new Date(nextDue(due, period, now)).toISOString(),
    firstAutoTrainingPending: false,
  };
}
