import type { ListDatasetExportJobsResponse } from '@aws-sdk/client-personalize';
import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import type { Wire } from '../../api/wire';
import { listResources } from '../../resources/lifecycle';
import { summarizeDatasetExportJob } from './view';

export default defineOperation({
  name: 'ListDatasetExportJobs',
  input: z.object({ datasetArn: shape.arn().optional(), ...shape.pageRequest }),
  touches: () => [],
  async run(input, ctx) {
    const page = await listResources(
      ctx,
      'dataset-export-job',
      input.datasetArn,
      input,
      summarizeDatasetExportJob,
    );
    return {
      datasetExportJobs: page.items,
      nextToken: page.nextToken,
    } satisfies Wire<ListDatasetExportJobsResponse>;
  },
});
