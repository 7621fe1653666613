import type { CreateCampaignResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import type { Context } from '../../context/context';
import { ResourceAlreadyExistsException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { buildArn } from '../../domain/arn';
import { createResource } from '../../resources/lifecycle';
import { allRecords } from '../../store/pages';
import { campaignConfig, checkCampaignConfig } from './campaign-config';
import { deployedResource, deploymentTarget, loadStatus } from './deploy';
import { requireRoomFor } from '../quotas';
import { minProvisionedTPS } from './shapes';
import type { CampaignAttributes } from '../../domain/campaign';

export default defineOperation({
  name: 'CreateCampaign',
  input: z.object({
    name: shape.name(),
    solutionVersionArn: shape.arn(),
    minProvisionedTPS: minProvisionedTPS().optional(),
    campaignConfig: campaignConfig().optional(),
    tags: shape.tags().optional(),
  }),
  touches: (input) => [deployedResource(input.solutionVersionArn)],
  async run(input, ctx) {
    const config = input.campaignConfig ?? {};
    const arn = buildArn(ctx.place, 'campaign', input.name);
    // Before the model load, which takes a while: createResource's conditional write still
    // settles a race between two creates of one name.
    if (await ctx.metadata.get(arn)) {
      throw new ResourceAlreadyExistsException(`A campaign named ${input.name} already exists.`);
    }
    const target = await deploymentTarget(
      ctx,
      input.solutionVersionArn,
      config.syncWithLatestSolutionVersion ?? false,
    );
    checkCampaignConfig(target.recipe, config);
    await requireRoomFor(ctx, {
      name: 'campaignsPerDatasetGroup',
      holder: `Dataset group ${target.datasetGroupArn}`,
      what: 'campaigns',
      remedy: 'delete one first',
      count: (upTo) => campaignsOfGroup(ctx, target.datasetGroupArn, upTo),
    });
    const record = await createResource<CampaignAttributes>(ctx, {
      kind: 'campaign',
      arn,
      parentArn: target.solutionArn,
      attributes: {
        name: input.name,
        solutionArn: target.solutionArn,
        datasetGroupArn: target.datasetGroupArn,
        solutionVersionArn: target.versionArn,
        minProvisionedTPS: input.minProvisionedTPS ?? 1,
        campaignConfig: config,
        ...(await loadStatus(ctx, target.versionArn)),
      },
      tags: input.tags,
    });
    return { campaignArn: record.arn } satisfies Wire<CreateCampaignResponse>;
  },
});

/**
 * A campaign's parent is its solution, so a group's campaigns are counted solution by solution:
 * a query per solution, of which a group has a few (quota solutionsPerDatasetGroup).
 */
async function campaignsOfGroup(
  ctx: Context,
  datasetGroupArn: string,
  upTo: number,
): Promise<number> {
  if (upTo <= 0) return 0;
  let count = 0;
  for await (const solution of allRecords(ctx.metadata, {
    kind: 'solution',
    parentArn: datasetGroupArn,
  })) {
    count += await ctx.metadata.count({
      kind: 'campaign',
      parentArn: solution.arn,
      upTo: upTo - count,
    });
    // Reached: the quota's answer is known, so no further solution (nor page) is read.
    if (count >= upTo) break;
  }
  return count;
}
