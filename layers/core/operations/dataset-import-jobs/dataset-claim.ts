/**
 * An import rewrites its dataset's stored data, so it claims the dataset with
 * a conditional write: a second import (or a data deletion) waits, and the
 * claim also tells DeleteDataset that the data is changing.
 */
import type { MetadataStore } from '../../store/ports';

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
