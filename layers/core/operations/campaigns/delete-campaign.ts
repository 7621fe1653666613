import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { requireResource } from '../../resources/lifecycle';
import { forgetDeployment } from '../../serving/deployments';

export default defineOperation({
  name: 'DeleteCampaign',
  input: z.object({ campaignArn: shape.arn() }),
  touches: (input) => [{ kind: 'campaign', arn: input.campaignArn }],
  async run(input, ctx) {
    const campaign = await requireResource(ctx, 'campaign', input.campaignArn);
    // Nothing is provisioned, so the campaign goes at once; other processes stop serving it
    // within a second (serving/deployments.ts), this one now.
    await ctx.metadata.delete(campaign.arn);
    forgetDeployment(ctx, campaign.arn);
    return {};
  },
});
