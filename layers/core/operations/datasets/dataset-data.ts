/**
 * What a dataset's data is, wherever it is kept, for DeleteDataset to remove: the records
 * PutUsers and PutItems sent it, for an Interactions dataset the events PutEvents recorded in its
 * group (the data of that dataset), and everything under its folder in Tailor's bucket (the
 * imported data). A group holds one dataset of a type, so nothing else shares these keys.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from '../../context/context';
import { datasetFolder } from '../../data/locations';
import { deleteFolder } from '../../store/object-ports';
import { TARGET_TTL_MS } from '../events/event-target';
import type { DatasetRecord } from '../../domain/dataset';

/** Records or events deleted per store call: a few batch writes, well under a second. */
const BATCH = 500;

/**
 * Removes the data of a dataset claimed for deletion at `claimedAt`, in bounded batches, until
 * none is left (true) or `deadline` passes (false: call again to go on). Every step deletes what
 * it finds, so it may stop anywhere and start again.
 */
export async function removeDatasetData(
  ctx: Context,
  dataset: DatasetRecord,
  claimedAt: number,
  deadline: number,
): Promise<boolean> {
  while ((await ctx.datasetRecords.deleteSome(dataset.arn, BATCH)) > 0) {
    if (ctx.now() >= deadline) return false;
  }
  if (dataset.attributes.datasetType === 'INTERACTIONS') {
    if (!(await removeEvents(ctx, dataset.attributes.datasetGroupArn, claimedAt, deadline))) {
      return false;
    }
  }
  await deleteFolder(ctx.objects, datasetFolder(ctx.dataBucket, dataset.arn));
  return true;
}

/**
 * PutEvents refuses a dataset being deleted, but a process that resolved the group's tracker
 * before the claim takes its events for TARGET_TTL_MS more: where there is a tracker, the last
 * pass starts after that, so no event it took is left behind.
 */
async function removeEvents(
  ctx: Context,
  datasetGroupArn: string,
  claimedAt: number,
  deadline: number,
): Promise<boolean> {
  const quiet = claimedAt + TARGET_TTL_MS;
  const tracked = (await ctx.metadata.firstChild(datasetGroupArn, 'event-tracker')) !== undefined;
  for (;;) {
    const last = !tracked || ctx.now() >= quiet;
    while ((await ctx.events.deleteGroupEvents(datasetGroupArn, BATCH)) > 0) {
      if (ctx.now() >= deadline) return false;
    }
    if (last) return true;
    await sleep(Math.max(0, quiet - ctx.now()));
  }
}
