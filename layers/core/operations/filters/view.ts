import { seconds } from '../../resources/lifecycle';
import type { ResourceRecord } from '../../store/ports';

export type FilterAttributes = {
  name: string;
  datasetGroupArn: string;
  /** As the user wrote it: DescribeFilter returns it unchanged, and it is parsed again on load. */
  filterExpression: string;
  status: string;
};

export type FilterRecord = ResourceRecord<FilterAttributes>;

export const summarizeFilter = ({ arn, attributes: a, createdAt, updatedAt }: FilterRecord) => ({
  name: a.name,
  filterArn: arn,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
  datasetGroupArn: a.datasetGroupArn,
  status: a.status,
});

export const describeFilter = (record: FilterRecord) => ({
  ...summarizeFilter(record),
  filterExpression: record.attributes.filterExpression,
});
