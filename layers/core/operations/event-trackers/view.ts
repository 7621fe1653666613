import type { EventTrackerRecord } from '../../domain/event-tracker';
import { seconds } from '../../resources/lifecycle';

export const summarizeEventTracker = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: EventTrackerRecord) => ({
  name: a.name,
  eventTrackerArn: arn,
  status: a.status,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
});

export const describeEventTracker = (record: EventTrackerRecord, accountId: string) => ({
  ...summarizeEventTracker(record),
  accountId,
  trackingId: record.attributes.trackingId,
  datasetGroupArn: record.attributes.datasetGroupArn,
});
