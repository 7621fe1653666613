import type { ResourceRecord } from './records';

export type FilterAttributes = {
  name: string;
  datasetGroupArn: string;
  /** As the user wrote it: DescribeFilter returns it unchanged, and it is parsed again on load. */
  filterExpression: string;
  status: string;
};

export type FilterRecord = ResourceRecord<FilterAttributes>;
