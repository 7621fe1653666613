import type { ResourceRecord } from './records';

/** The domains of Personalize's domain dataset groups. */
export type Domain = 'VIDEO_ON_DEMAND' | 'ECOMMERCE';

export type DatasetGroupAttributes = {
  name: string;
  status: string;
  roleArn?: string;
  kmsKeyArn?: string;
  domain?: Domain;
  /** Set while the group has its one event tracker: claimed by a conditional update. */
  eventTrackerArn?: string;
  trackingId?: string;
};

export type DatasetGroupRecord = ResourceRecord<DatasetGroupAttributes>;
