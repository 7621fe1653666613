import { seconds } from '../../resources/lifecycle';
import type { ResourceRecord } from '../../store/ports';

export type IngestionMode = 'BULK' | 'PUT' | 'ALL';

export type DatasetExportJobAttributes = {
  jobName: string;
  datasetArn: string;
  ingestionMode: IngestionMode;
  roleArn: string;
  /** Who asked for the job (a Caller's id); the session that assumes roleArn is tagged with it. */
  requestedBy?: string;
  path: string;
  kmsKeyArn?: string;
  status: string;
  failureReason?: string;
  /** Rows written: a Tailor extension that raw JSON clients can read. */
  recordCount?: number;
  /** The CSV files written under the path. */
  fileCount?: number;
};

export type DatasetExportJobRecord = ResourceRecord<DatasetExportJobAttributes>;

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
