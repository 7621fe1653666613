import * as z from 'zod';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { deleteResource } from '../../resources/lifecycle';
import { removeFinishedDeletionJobs } from '../data-deletion-jobs/group-deletion';

export default defineOperation({
  name: 'DeleteDatasetGroup',
  input: z.object({ datasetGroupArn: shape.arn() }),
  touches: (input) => [{ kind: 'dataset-group', arn: input.datasetGroupArn }],
  async run(input, ctx) {
    await removeFinishedDeletionJobs(ctx, input.datasetGroupArn);
    await deleteResource(ctx, 'dataset-group', input.datasetGroupArn);
    return {};
  },
});
