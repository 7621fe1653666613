import type { DatasetRecord } from '../../domain/dataset';
import { seconds } from '../../resources/lifecycle';

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
      dataOverview: a.latestUpdate.dataOverview,
    },
    trackingId,
  };
};
