import * as z from 'zod';
import { defineOperation } from '../../api/operation';
import * as shape from '../../api/shapes';
import { requireResource } from '../../resources/lifecycle';
import { describeDatasetExportJob } from './view';

export default defineOperation({
  name: 'DescribeDatasetExportJob',
  input: z.object({ datasetExportJobArn: shape.arn() }),
  touches: (input) => [{ kind: 'dataset-export-job', arn: input.datasetExportJobArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'dataset-export-job', input.datasetExportJobArn);
    return { datasetExportJob: describeDatasetExportJob(record) };
  },
});
