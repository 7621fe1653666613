import type { ResourceRecord } from './records';

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
