import { z } from 'zod';
import { ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../../api/operation';
import * as shape from '../../api/shapes';
import { bulkDataLocation } from '../../data/locations';
import { requireResource } from '../../resources/lifecycle';
import type { DatasetAttributes } from './view';

export default defineOperation({
  name: 'DeleteDataset',
  input: z.object({ datasetArn: shape.arn() }),
  async run(input, ctx) {
    const dataset = await requireResource<DatasetAttributes>(ctx, 'dataset', input.datasetArn);
    if (dataset.attributes.importJobArn) {
      throw new ResourceInUseException(
        `Cannot delete dataset ${dataset.arn} while job ${dataset.attributes.importJobArn} changes its data.`,
      );
    }
    // Finished import jobs go with their dataset, as the data they brought does.
    for (let job = await ctx.metadata.firstChild(dataset.arn); job;) {
      await ctx.metadata.delete(job.arn);
      job = await ctx.metadata.firstChild(dataset.arn);
    }
    await ctx.objects.delete(bulkDataLocation(ctx.dataBucket, dataset.arn));
    await ctx.metadata.delete(dataset.arn);
    return {};
  },
});
