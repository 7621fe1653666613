/**
 * DeleteDataset removes the dataset's data with it (dataset-data.ts). Personalize deletes
 * asynchronously: the dataset shows DELETE IN_PROGRESS, then is gone. Here the data goes first,
 * in bounded batches, and the record last, so a request that dies midway leaves the dataset
 * DELETE IN_PROGRESS with some data, never a dataset gone with data left behind, which a new
 * dataset of the same type in the group (it gets the same ARN) would inherit. A request stops
 * after DELETE_BUDGET_MS, within the control function's time, leaving the dataset DELETE
 * IN_PROGRESS; DeleteDataset again goes on from there (docs/deploy.md, "Deleting data").
 *
 * The dataset is claimed as a job claims it (importJobArn, here its own ARN): imports and data
 * deletion jobs wait, PutEvents, PutUsers and PutItems refuse it, and a job that holds it makes
 * the deletion wait instead.
 */
import * as z from 'zod';
import type { Context } from '../../context/context';
import { ResourceInUseException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { requireResource } from '../../resources/lifecycle';
import { removeDatasetData } from './dataset-data';
import { DELETING, type DatasetRecord } from '../../domain/dataset';

/** Half the control function's 20 s (lib/function.ts): room for the rest of the request. */
const DELETE_BUDGET_MS = 10_000;

export default defineOperation({
  name: 'DeleteDataset',
  input: z.object({ datasetArn: shape.arn() }),
  touches: (input) => [{ kind: 'dataset', arn: input.datasetArn }],
  async run(input, ctx) {
    const dataset = await requireResource(ctx, 'dataset', input.datasetArn);
    const claimedAt = await claimForDeletion(ctx, dataset);
    const deadline = ctx.now() + DELETE_BUDGET_MS;
    if (!(await removeDatasetData(ctx, dataset, claimedAt, deadline))) return {};
    // Finished import jobs go with their dataset, as the data they brought does.
    for (let job = await ctx.metadata.firstChild(dataset.arn); job;) {
      await ctx.metadata.delete(job.arn);
      job = await ctx.metadata.firstChild(dataset.arn);
    }
    await ctx.metadata.delete(dataset.arn);
    return {};
  },
});

/** When the deletion claimed the dataset: now, or by an earlier DeleteDataset that this one resumes. */
async function claimForDeletion(ctx: Context, dataset: DatasetRecord): Promise<number> {
  const holder = dataset.attributes.importJobArn;
  if (holder === dataset.arn) return dataset.updatedAt;
  if (holder) {
    throw new ResourceInUseException(
      `Cannot delete dataset ${dataset.arn} while job ${holder} changes its data.`,
    );
  }
  const now = ctx.now();
  const claimed = await ctx.metadata.update(
    dataset.arn,
    { attributes: { importJobArn: dataset.arn, status: DELETING }, updatedAt: now },
    { absent: ['importJobArn'] },
  );
  // Someone came first (a job, another deletion) or the dataset is gone: look again.
  if (!claimed) {
    return claimForDeletion(ctx, await requireResource(ctx, 'dataset', dataset.arn));
  }
  return now;
}
