import type { ListFiltersResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { listResources } from '../../resources/lifecycle';
import { summarizeFilter } from './view';

export default defineOperation({
  name: 'ListFilters',
  input: z.object({ datasetGroupArn: shape.arn().optional(), ...shape.pageRequest }),
  touches: (input) => [{ kind: 'dataset-group', arn: input.datasetGroupArn }],
  async run(input, ctx) {
    const page = await listResources(ctx, 'filter', input.datasetGroupArn, input, summarizeFilter);
    // The Personalize API model spells this key with a capital F, unlike every other list.
    return { Filters: page.items, nextToken: page.nextToken } satisfies Wire<ListFiltersResponse>;
  },
});
