import { z } from 'zod';
import { defineOperation } from '../../api/operation';
import * as shape from '../../api/shapes';
import { deleteResource } from '../../resources/lifecycle';

export default defineOperation({
  name: 'DeleteDataset',
  input: z.object({ datasetArn: shape.arn() }),
  async run(input, ctx) {
    await deleteResource(ctx, 'dataset', input.datasetArn);
    return {};
  },
});
