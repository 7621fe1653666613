import type { DescribeCampaignResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { requireResource } from '../../resources/lifecycle';
import { newestActiveVersion } from '../../serving/deployments';
import { describeCampaign } from './view';

export default defineOperation({
  name: 'DescribeCampaign',
  input: z.object({ campaignArn: shape.arn() }),
  touches: (input) => [{ kind: 'campaign', arn: input.campaignArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'campaign', input.campaignArn);
    const a = record.attributes;
    // A syncing campaign serves the newest ACTIVE version, so that is the one it shows.
    const served = a.campaignConfig.syncWithLatestSolutionVersion
      ? ((await newestActiveVersion(ctx, a.solutionArn)) ?? a.solutionVersionArn)
      : a.solutionVersionArn;
    return { campaign: describeCampaign(record, served) } satisfies Wire<DescribeCampaignResponse>;
  },
});
