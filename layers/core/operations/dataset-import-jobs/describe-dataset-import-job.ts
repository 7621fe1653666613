import * as z from 'zod';
import { defineOperation } from '../../api/operation';
import * as shape from '../../api/shapes';
import { requireResource } from '../../resources/lifecycle';
import { describeDatasetImportJob } from './view';

export default defineOperation({
  name: 'DescribeDatasetImportJob',
  input: z.object({ datasetImportJobArn: shape.arn() }),
  touches: (input) => [{ kind: 'dataset-import-job', arn: input.datasetImportJobArn }],
  async run(input, ctx) {
    const record = await requireResource(ctx, 'dataset-import-job', input.datasetImportJobArn);
    return { datasetImportJob: describeDatasetImportJob(record) };
  },
});
