import type { ListDatasetImportJobsResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { listResources } from '../../resources/lifecycle';
import { summarizeDatasetImportJob } from './view';

export default defineOperation({
  name: 'ListDatasetImportJobs',
  input: z.object({ datasetArn: shape.arn().optional(), ...shape.pageRequest }),
  touches: () => [],
  async run(input, ctx) {
    const page = await listResources(
      ctx,
      'dataset-import-job',
      input.datasetArn,
      input,
      summarizeDatasetImportJob,
    );
    return {
      datasetImportJobs: page.items,
      nextToken: page.nextToken,
    } satisfies Wire<ListDatasetImportJobsResponse>;
  },
});
