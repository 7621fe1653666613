/** Job-ended events on an EventBridge bus, as PutEvents entries (docs/deploy.md, "Job events"). */
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  JOB_EVENT_DETAIL_TYPE,
  JOB_EVENT_SOURCE,
  type JobEnded,
  type JobEvents,
} from '../job-events';

export class EventBridgeJobEvents implements JobEvents {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    /** The deployment's prefix, in every event: rules tell two Tailors of one account apart by it. */
    private readonly prefix: string,
  ) {}

  async announce(event: JobEnded): Promise<void> {
    const { FailedEntryCount, Entries } = await this.client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.busName,
            Source: JOB_EVENT_SOURCE,
            DetailType: JOB_EVENT_DETAIL_TYPE,
            Resources: [event.resourceArn],
            Detail: JSON.stringify({ ...event, prefix: this.prefix }),
          },
        ],
      }),
    );
    // PutEvents answers 200 with per-entry errors (throttled, too large) rather than throwing.
    if (FailedEntryCount) {
      const [entry] = Entries ?? [];
      throw new Error(`EventBridge refused the event: ${entry?.ErrorCode} ${entry?.ErrorMessage}`);
    }
  }
}
