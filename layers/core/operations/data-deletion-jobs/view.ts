import type { DataDeletionJobRecord } from '../../domain/data-deletion-job';
import { ACTIVE, FAILED, IN_PROGRESS, PENDING } from '../../domain/jobs';
import { seconds } from '../../resources/lifecycle';

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
