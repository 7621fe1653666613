import type { ListDatasetGroupsResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { listResources } from '../../resources/lifecycle';
import { summarizeDatasetGroup } from './view';

export default defineOperation({
  name: 'ListDatasetGroups',
  input: z.object(shape.pageRequest),
  touches: () => [],
  async run(input, ctx) {
    const page = await listResources(ctx, 'dataset-group', undefined, input, summarizeDatasetGroup);
    return {
      datasetGroups: page.items,
      nextToken: page.nextToken,
    } satisfies Wire<ListDatasetGroupsResponse>;
  },
});
