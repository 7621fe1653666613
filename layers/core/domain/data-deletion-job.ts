import type { ResourceRecord } from './records';

export type DataDeletionJobAttributes = {
  jobName: string;
  datasetGroupArn: string;
  dataLocation: string;
  roleArn: string;
  /** Who asked for the job (a Caller's id); the session that assumes roleArn is tagged with it. */
  requestedBy?: string;
  /** A step of the lifecycle all jobs share (status.ts), which the runner drives. */
  status: string;
  failureReason?: string;
  numDeleted?: number;
  /** The group's datasets the job rewrites, claimed from its creation until it ends. */
  datasetArns: string[];
};

export type DataDeletionJobRecord = ResourceRecord<DataDeletionJobAttributes>;
