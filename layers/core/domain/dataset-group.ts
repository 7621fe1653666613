import type { ResourceRecord } from './records';

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
