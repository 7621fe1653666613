import type { DatasetGroupRecord } from '../../domain/dataset-group';
import { seconds } from '../../resources/lifecycle';

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
