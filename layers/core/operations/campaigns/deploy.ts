/**
 * What CreateCampaign and UpdateCampaign deploy, and the check that makes a deployment ACTIVE.
 *
 * A Personalize campaign goes CREATE PENDING → CREATE IN_PROGRESS → ACTIVE while it provisions
 * servers. Tailor provisions nothing: the only thing that can fail is loading the model, so the
 * operation reads the artifact from S3 and decodes it with its recipe before it answers. The
 * campaign, or the update, is then ACTIVE — or CREATE FAILED with the reason — by the time the
 * call returns; DescribeCampaign never shows it pending. The runtime loads the model again on
 * its first request, in its own process.
 */
import type { Context } from '../../context/context';
import type { ResourceRef } from '../../auth/key-policy-enforcement';
import { InvalidInputException, ResourceInUseException } from '../../api/errors';
import { ACTIVE, FAILED } from '../../domain/jobs';
import type { RecipeSpec } from '../../recipes/catalogue';
import { requireResource } from '../../resources/lifecycle';
import { newestActiveVersion } from '../../serving/deployments';
import { checkModel, requireDeployable } from '../../serving/models';

const LATEST = '/$LATEST';

export interface Target {
  solutionArn: string;
  datasetGroupArn: string;
  versionArn: string;
  recipe: RecipeSpec;
}

/**
 * The version a solutionVersionArn names: a version's ARN, or `{solutionArn}/$LATEST` for the
 * solution's newest ACTIVE version, the form syncWithLatestSolutionVersion requires.
 */
export async function deploymentTarget(
  ctx: Context,
  solutionVersionArn: string,
  sync: boolean,
): Promise<Target> {
  let versionArn = solutionVersionArn;
  if (solutionVersionArn.endsWith(LATEST)) {
    const solution = await requireResource(
      ctx,
      'solution',
      solutionVersionArn.slice(0, -LATEST.length),
    );
    const newest = await newestActiveVersion(ctx, solution.arn);
    if (!newest) {
      throw new ResourceInUseException(
        `Solution ${solution.arn} has no ACTIVE solution version to deploy yet.`,
      );
    }
    versionArn = newest;
  } else if (sync) {
    throw new InvalidInputException(
      `With syncWithLatestSolutionVersion, solutionVersionArn must name a solution as {solutionArn}${LATEST}, not the version ${solutionVersionArn}.`,
    );
  }
  const { version, recipe } = await requireDeployable(ctx, versionArn);
  const v = version.attributes;
  return { solutionArn: v.solutionArn, datasetGroupArn: v.datasetGroupArn, versionArn, recipe };
}

/** What a solutionVersionArn names, for key policies: the version, or the solution of `$LATEST`. */
export const deployedResource = (solutionVersionArn: string): ResourceRef =>
  solutionVersionArn.endsWith(LATEST)
    ? { kind: 'solution', arn: solutionVersionArn.slice(0, -LATEST.length) }
    : { kind: 'solution-version', arn: solutionVersionArn };

/** ACTIVE once the model loads; otherwise CREATE FAILED, with why. */
export async function loadStatus(
  ctx: Context,
  versionArn: string,
): Promise<{ status: string; failureReason?: string }> {
  try {
    await checkModel(ctx, versionArn);
    return { status: ACTIVE };
  } catch (error) {
    return {
      status: FAILED,
      failureReason: `The model of ${versionArn} could not be loaded: ${(error as Error).message}`,
    };
  }
}
