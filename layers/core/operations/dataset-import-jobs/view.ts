import { seconds } from '../../resources/lifecycle';
import type { ResourceRecord } from '../../store/ports';

export type ImportMode = 'FULL' | 'INCREMENTAL';

export type DatasetImportJobAttributes = {
  jobName: string;
  datasetArn: string;
  dataLocation: string;
  roleArn?: string;
  /** Who asked for the job (a Caller's id); the session that assumes roleArn is tagged with it. */
  requestedBy?: string;
  importMode: ImportMode;
  publishAttributionMetricsToS3?: boolean;
  status: string;
  failureReason?: string;
  /** Rows imported by this job: a Tailor extension that raw JSON clients can read. */
  recordCount?: number;
  /** The files read. */
  fileCount?: number;
};

export type DatasetImportJobRecord = ResourceRecord<DatasetImportJobAttributes>;

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
