import type { UpdateCampaignResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { InvalidInputException, ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { ACTIVE, FAILED } from '../../domain/jobs';
import { requireResource } from '../../resources/lifecycle';
import { forgetDeployment } from '../../serving/deployments';
import { campaignConfig, checkCampaignConfig } from './campaign-config';
import { deployedResource, deploymentTarget, loadStatus } from './deploy';
import { minProvisionedTPS } from './shapes';
import type { CampaignUpdate } from '../../domain/campaign';

export default defineOperation({
  name: 'UpdateCampaign',
  input: z.object({
    campaignArn: shape.arn(),
    solutionVersionArn: shape.arn().optional(),
    minProvisionedTPS: minProvisionedTPS().optional(),
    campaignConfig: campaignConfig().optional(),
  }),
  touches: (input) => [
    { kind: 'campaign', arn: input.campaignArn },
    ...(input.solutionVersionArn ? [deployedResource(input.solutionVersionArn)] : []),
  ],
  async run(input, ctx) {
    const campaign = await requireResource(ctx, 'campaign', input.campaignArn);
    const a = campaign.attributes;
    if (a.status !== ACTIVE && a.status !== FAILED) {
      throw new ResourceInUseException(
        `Campaign ${campaign.arn} is ${a.status}: it can be updated when ACTIVE or CREATE FAILED.`,
      );
    }
    // The config given changes the fields it names; the others stay as they were.
    const config = { ...a.campaignConfig, ...input.campaignConfig };
    const sync = config.syncWithLatestSolutionVersion ?? false;
    // Without a new version, the campaign keeps what it serves: for one that synced, the newest.
    const serving = a.campaignConfig.syncWithLatestSolutionVersion || sync;
    const target = await deploymentTarget(
      ctx,
      input.solutionVersionArn ?? (serving ? `${a.solutionArn}/$LATEST` : a.solutionVersionArn),
      sync,
    );
    if (target.solutionArn !== a.solutionArn) {
      throw new InvalidInputException(
        `Campaign ${campaign.arn} deploys versions of solution ${a.solutionArn}; ${target.versionArn} is of ${target.solutionArn}.`,
      );
    }
    checkCampaignConfig(target.recipe, config);
    const now = ctx.now();
    const update: CampaignUpdate = {
      solutionVersionArn: target.versionArn,
      minProvisionedTPS: input.minProvisionedTPS ?? a.minProvisionedTPS,
      campaignConfig: config,
      ...(await loadStatus(ctx, target.versionArn)),
      createdAt: now,
      updatedAt: now,
    };
    // The campaign goes on serving what it served until the update is ACTIVE; a failed update
    // is recorded beside it and changes nothing else.
    const applied =
      update.status === ACTIVE
        ? {
            solutionVersionArn: update.solutionVersionArn,
            minProvisionedTPS: update.minProvisionedTPS,
            campaignConfig: update.campaignConfig,
            status: ACTIVE,
            failureReason: undefined,
          }
        : {};
    const updated = await ctx.metadata.update(
      campaign.arn,
      { attributes: { ...applied, latestUpdate: update }, updatedAt: now },
      { oneOf: { name: 'status', values: [ACTIVE, FAILED] } },
    );
    if (!updated) {
      throw new ResourceInUseException(`Campaign ${campaign.arn} changed during the update.`);
    }
    forgetDeployment(ctx, campaign.arn);
    return { campaignArn: campaign.arn } satisfies Wire<UpdateCampaignResponse>;
  },
});
