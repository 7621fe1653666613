/**
 * A job that rewrites a dataset's stored data claims the dataset with a conditional write: an
 * import claims its dataset, a data deletion every dataset of its group that holds rows by user.
 * So an import and a deletion never rewrite one dataset at once, a second one waits, and the claim
 * tells DeleteDataset that the data is changing. The job releases its claims when it ends.
 */
import { findResource } from '../resources/lifecycle';
import type { Context } from '../context/context';
import { ResourceInUseException } from '../api/errors';
import type { DatasetType } from '../domain/dataset';
import type { DatasetAttributes } from '../domain/dataset';
import type { MetadataStore } from '../store/ports';

export const claimDataset = (metadata: MetadataStore, datasetArn: string, jobArn: string) =>
  metadata.update(
    datasetArn,
    { attributes: { importJobArn: jobArn } },
    { absent: ['importJobArn'] },
  );

/** Only the job holding the claim releases it, so a late release cannot free a newer claim. */
export const releaseDataset = async (
  metadata: MetadataStore,
  datasetArn: string,
  jobArn: string,
): Promise<void> => {
  await metadata.update(
    datasetArn,
    { attributes: { importJobArn: undefined } },
    { oneOf: { name: 'importJobArn', values: [jobArn] } },
  );
};

/** The dataset types whose rows carry a USER_ID: what a deletion removes rows from. */
export const USER_KEYED_TYPES: readonly DatasetType[] = [
  'USERS',
  'INTERACTIONS',
  'ACTION_INTERACTIONS',
];

/** Claims the group's user-keyed datasets for the job and returns their ARNs; all or none. */
export async function claimUserDatasets(
  ctx: Context,
  datasetGroupArn: string,
  jobArn: string,
): Promise<string[]> {
  // A group holds at most one dataset of each type, so one page lists them all.
  const { records } = await ctx.metadata.list<DatasetAttributes>({
    kind: 'dataset',
    parentArn: datasetGroupArn,
    limit: 100,
  });
  const claimed: string[] = [];
  for (const dataset of records) {
    if (!USER_KEYED_TYPES.includes(dataset.attributes.datasetType)) continue;
    if (!(await claimDataset(ctx.metadata, dataset.arn, jobArn))) {
      await releaseDatasets(ctx.metadata, claimed, jobArn);
      const holder = await findResource(ctx, 'dataset', dataset.arn);
      throw new ResourceInUseException(
        `Dataset ${dataset.arn} has a job in progress that changes its data (${holder?.attributes.importJobArn}); wait for it to finish.`,
      );
    }
    claimed.push(dataset.arn);
  }
  return claimed;
}

export async function releaseDatasets(
  metadata: MetadataStore,
  datasetArns: readonly string[],
  jobArn: string,
): Promise<void> {
  await Promise.all(datasetArns.map((arn) => releaseDataset(metadata, arn, jobArn)));
}
