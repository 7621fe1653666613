import { seconds } from '../../resources/lifecycle';
import type { ResourceRecord } from '../../store/ports';

export type DatasetGroupAttributes = {
  name: string;
  status: string;
  roleArn?: string;
  kmsKeyArn?: string;
  domain?: string;
  /** Set while the group has its one event tracker: claimed by a conditional update. */
  eventTrackerArn?: string;
  trackingId?: string;
};

export type DatasetGroupRecord = ResourceRecord<DatasetGroupAttributes>;

export const summarizeDatasetGroup = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: DatasetGroupRecord) => ({
  name: a.name,
  datasetGroupArn: arn,
  status: a.status,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
  domain: a.domain,
});

export const describeDatasetGroup = (record: DatasetGroupRecord) => ({
  ...summarizeDatasetGroup(record),
  roleArn: record.attributes.roleArn,
  kmsKeyArn: record.attributes.kmsKeyArn,
});
