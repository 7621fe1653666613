/**
 * Whether a dataset group has interactions a training that read up to a moment has not seen:
 * Personalize's automatic training runs only if bulk or real-time interaction data was imported
 * since the last training (docs/deploy.md: Automatic training).
 */
import type { Context } from '../context/context';
import { buildArn } from '../domain/arn';
import type { DatasetGroupRecord } from '../domain/dataset-group';
import type { DatasetImportJobAttributes } from '../domain/dataset-import-job';
import { ACTIVE } from '../domain/jobs';
import { allRecords } from '../store/pages';

export async function interactionsArrivedAfter(
  ctx: Context,
  group: DatasetGroupRecord,
  trainedUntil: number,
): Promise<boolean> {
  if (await ctx.events.recordedAfter(group.arn, trainedUntil)) return true;
  // An import that finished while a training was reading may count once more than it should:
  // that costs a training, never a missed one.
  const interactions = buildArn(ctx.place, 'dataset', group.attributes.name, 'INTERACTIONS');
  for await (const job of allRecords<DatasetImportJobAttributes>(ctx.metadata, {
    kind: 'dataset-import-job',
    parentArn: interactions,
  })) {
    if (job.attributes.status === ACTIVE && job.updatedAt > trainedUntil) return true;
  }
  return false;
}
