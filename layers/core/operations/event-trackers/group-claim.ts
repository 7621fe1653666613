/**
 * A dataset group has at most one event tracker. The tracker claims its group
 * with a conditional write, so concurrent creates cannot both win, and the
 * group then carries the trackingId that DescribeDataset shows.
 */
import type { MetadataStore } from '../../store/ports';

export const claimGroup = (
  metadata: MetadataStore,
  datasetGroupArn: string,
  eventTrackerArn: string,
  trackingId: string,
): Promise<boolean> =>
  metadata.update(
    datasetGroupArn,
    { attributes: { eventTrackerArn, trackingId } },
    { absent: ['eventTrackerArn'] },
  );

export const releaseGroup = async (
  metadata: MetadataStore,
  datasetGroupArn: string,
): Promise<void> => {
  await metadata.update(datasetGroupArn, {
    attributes: { eventTrackerArn: undefined, trackingId: undefined },
  });
};
