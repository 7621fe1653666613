/**
 * Data deletion jobs record work done on a dataset group rather than parts of
 * it, so DeleteDatasetGroup takes the finished ones with the group, as
 * DeleteDataset takes a dataset's import jobs; a running one holds the group.
 */
import type { Context } from '../../context/context';
import { ResourceInUseException } from '../../api/errors';
import { isRunning } from '../../domain/jobs';
import { kindLabel, RESOURCE_KINDS, type ResourceKind } from '../../domain/kinds';
import { requireResource } from '../../resources/lifecycle';
import { allRecords } from '../../store/pages';
import type { ResourceRecord } from '../../domain/records';
import type { DataDeletionJobAttributes } from '../../domain/data-deletion-job';

const OTHER_KINDS = (Object.keys(RESOURCE_KINDS) as ResourceKind[]).filter(
  (kind) => kind !== 'data-deletion-job',
);

/**
 * Deletes the group's finished data deletion jobs. Refuses first, keeping
 * them, while any other child or a running job holds the group: the listing
 * by parent puts these jobs first, so the generic rule would name one of them.
 */
export async function removeFinishedDeletionJobs(
  ctx: Context,
  datasetGroupArn: string,
): Promise<void> {
  await requireResource(ctx, 'dataset-group', datasetGroupArn);
  const others = await Promise.all(
    OTHER_KINDS.map((kind) => ctx.metadata.firstChild(datasetGroupArn, kind)),
  );
  const child = others.find((record) => record !== undefined);
  if (child) {
    throw new ResourceInUseException(
      `Cannot delete dataset group ${datasetGroupArn}: delete its ${kindLabel(child.kind)} ${child.arn} first.`,
    );
  }
  const jobs: ResourceRecord<DataDeletionJobAttributes>[] = [];
  const listed = allRecords<DataDeletionJobAttributes>(ctx.metadata, {
    kind: 'data-deletion-job',
    parentArn: datasetGroupArn,
  });
  for await (const job of listed) jobs.push(job);
  const running = jobs.find((job) => isRunning(job.attributes.status));
  if (running) {
    throw new ResourceInUseException(
      `Cannot delete dataset group ${datasetGroupArn} while its data deletion job ${running.arn} runs.`,
    );
  }
  for (const job of jobs) await ctx.metadata.delete(job.arn);
}
