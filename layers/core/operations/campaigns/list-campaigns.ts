import type { ListCampaignsResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { listResources } from '../../resources/lifecycle';
import { summarizeCampaign } from './view';

export default defineOperation({
  name: 'ListCampaigns',
  input: z.object({ solutionArn: shape.arn().optional(), ...shape.pageRequest }),
  touches: () => [],
  async run(input, ctx) {
    const page = await listResources(ctx, 'campaign', input.solutionArn, input, summarizeCampaign);
    return {
      campaigns: page.items,
      nextToken: page.nextToken,
    } satisfies Wire<ListCampaignsResponse>;
  },
});
