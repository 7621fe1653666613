import { ACTIVE, FAILED, IN_PROGRESS, PENDING } from '../../jobs/status';
import { seconds } from '../../resources/lifecycle';
import type { ResourceRecord } from '../../store/ports';

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

/** Personalize names a deletion job's states without the CREATE of other jobs' states. */
const WIRE_STATUS: Record<string, string> = {
  [PENDING]: 'PENDING',
  [IN_PROGRESS]: 'IN_PROGRESS',
  [ACTIVE]: 'COMPLETED',
  [FAILED]: 'FAILED',
};

export const summarizeDataDeletionJob = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: DataDeletionJobRecord) => ({
  dataDeletionJobArn: arn,
  datasetGroupArn: a.datasetGroupArn,
  jobName: a.jobName,
  status: WIRE_STATUS[a.status] ?? a.status,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
  failureReason: a.failureReason,
});

export const describeDataDeletionJob = (record: DataDeletionJobRecord) => ({
  ...summarizeDataDeletionJob(record),
  dataSource: { dataLocation: record.attributes.dataLocation },
  roleArn: record.attributes.roleArn,
  numDeleted: record.attributes.numDeleted,
});
