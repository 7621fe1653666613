import type { DatasetType } from '../../data/avro-schema';
import { seconds } from '../../resources/lifecycle';
import type { ResourceRecord } from '../../store/ports';

/** A dataset whose data DeleteDataset is removing (it claims the dataset, see delete-dataset.ts). */
export const DELETING = 'DELETE IN_PROGRESS';

export type DatasetUpdate = {
  schemaArn: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  /** Bulk rows stored after an import: a Tailor extension that raw JSON clients can read. */
  recordCount?: number;
};

export type DatasetAttributes = {
  name: string;
  datasetGroupArn: string;
  datasetType: DatasetType;
  schemaArn: string;
  status: string;
  latestUpdate?: DatasetUpdate;
  /** Held while a job (an import, a data deletion) rewrites the dataset's data. */
  importJobArn?: string;
};

export type DatasetRecord = ResourceRecord<DatasetAttributes>;

export const summarizeDataset = ({ arn, attributes: a, createdAt, updatedAt }: DatasetRecord) => ({
  name: a.name,
  datasetArn: arn,
  datasetType: a.datasetType,
  status: a.status,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
});

export const describeDataset = (record: DatasetRecord, trackingId: string | undefined) => {
  const { attributes: a } = record;
  return {
    ...summarizeDataset(record),
    datasetGroupArn: a.datasetGroupArn,
    schemaArn: a.schemaArn,
    latestDatasetUpdate: a.latestUpdate && {
      schemaArn: a.latestUpdate.schemaArn,
      status: a.latestUpdate.status,
      creationDateTime: seconds(a.latestUpdate.createdAt),
      lastUpdatedDateTime: seconds(a.latestUpdate.updatedAt),
      recordCount: a.latestUpdate.recordCount,
    },
    trackingId,
  };
};
