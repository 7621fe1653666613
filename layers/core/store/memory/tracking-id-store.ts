/** trackingId to dataset group in memory: a put replaces the route, a delete of none is no error. */
import type { TrackerRoute, TrackingIdStore } from '../event-ports';

const kept = ({ trackingId, datasetGroupArn, eventTrackerArn }: TrackerRoute): TrackerRoute => ({
  trackingId,
  datasetGroupArn,
  eventTrackerArn,
});

export class MemoryTrackingIdStore implements TrackingIdStore {
  private readonly routes = new Map<string, TrackerRoute>();

  async put(route: TrackerRoute): Promise<void> {
    this.routes.set(route.trackingId, kept(route));
  }

  async get(trackingId: string): Promise<TrackerRoute | undefined> {
    const route = this.routes.get(trackingId);
    return route && kept(route);
  }

  async delete(trackingId: string): Promise<void> {
    this.routes.delete(trackingId);
  }
}
