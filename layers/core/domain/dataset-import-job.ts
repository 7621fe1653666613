import type { ResourceRecord } from './records';

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
