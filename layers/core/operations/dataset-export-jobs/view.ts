import type { DatasetExportJobRecord } from '../../domain/dataset-export-job';
import { seconds } from '../../resources/lifecycle';

export const summarizeDatasetExportJob = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: DatasetExportJobRecord) => ({
  datasetExportJobArn: arn,
  jobName: a.jobName,
  status: a.status,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
  failureReason: a.failureReason,
});

export const describeDatasetExportJob = (record: DatasetExportJobRecord) => {
  const { attributes: a } = record;
  return {
    ...summarizeDatasetExportJob(record),
    datasetArn: a.datasetArn,
    ingestionMode: a.ingestionMode,
    roleArn: a.roleArn,
    jobOutput: { s3DataDestination: { path: a.path, kmsKeyArn: a.kmsKeyArn } },
    recordCount: a.recordCount,
    fileCount: a.fileCount,
  };
};
