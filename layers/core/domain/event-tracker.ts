import type { ResourceRecord } from './records';

export type EventTrackerAttributes = {
  name: string;
  datasetGroupArn: string;
  trackingId: string;
  status: string;
};

export type EventTrackerRecord = ResourceRecord<EventTrackerAttributes>;
