import type { FilterRecord } from '../../domain/filter';
import { seconds } from '../../resources/lifecycle';

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
