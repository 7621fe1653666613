import type { DatasetImportJobRecord } from '../../domain/dataset-import-job';
import { seconds } from '../../resources/lifecycle';

export const summarizeDatasetImportJob = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: DatasetImportJobRecord) => ({
  datasetImportJobArn: arn,
  jobName: a.jobName,
  status: a.status,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
  failureReason: a.failureReason,
  importMode: a.importMode,
});

export const describeDatasetImportJob = (record: DatasetImportJobRecord) => ({
  ...summarizeDatasetImportJob(record),
  datasetArn: record.attributes.datasetArn,
  dataSource: { dataLocation: record.attributes.dataLocation },
  roleArn: record.attributes.roleArn,
  publishAttributionMetricsToS3: record.attributes.publishAttributionMetricsToS3,
  recordCount: record.attributes.recordCount,
  fileCount: record.attributes.fileCount,
});
