import { createHash } from 'node:crypto';
import * as z from 'zod';
import { InvalidInputException } from '../../api/errors';
import { defineOperation } from '../operation';
import * as shape from '../../api/shapes';
import { checkFieldValue, LARGEST_EPOCH_SECONDS } from '../../data/field-values';
import { readProperties, type PropertyRules } from '../../data/properties';
import type { FieldValue } from '../../domain/field-value';
import type { RecordedEvent } from '../../store/event-ports';
import { resolveTarget } from './event-target';
import { forgetLink, linkSession } from './session-links';

const sentAt = () =>
  z
    .number()
    .min(0, { message: 'Member must be a time in epoch seconds, not before 1970' })
    .max(LARGEST_EPOCH_SECONDS, {
      message: 'Member must be a time in epoch seconds; this looks like milliseconds',
    });

const event = z.object({
  eventId: shape.id().optional(),
  eventType: shape.id(),
  // The model's FloatType: Personalize keeps a 32-bit float, so Tailor keeps the same float.
  eventValue: shape.float().optional(),
  itemId: shape.id().optional(),
  properties: shape.text(1, 1024).optional(),
  sentAt: sentAt(),
  recommendationId: shape.text(1, 40).optional(),
  impression: shape.list(shape.id(), 1, 25).optional(),
  metricAttribution: z
    .object({
      eventAttributionSource: shape.pattern(
        shape.text(0, 1024),
        /^[\x20-\x7E]*[\x21-\x7E]+[\x20-\x7E]*$/,
        '^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$',
      ),
    })
    .optional(),
});

/**
 * The request members an Interactions row takes its fields from. Properties
 * cannot set them (case-insensitively), except itemId and eventValue, which
 * the model's documentation of `properties` leaves out of its reserved names
 * and which clients sent there before the event had those members.
 */
const MEMBERS = {
  userId: 'USER_ID',
  sessionId: undefined,
  itemId: 'ITEM_ID',
  sentAt: 'TIMESTAMP',
  eventType: 'EVENT_TYPE',
  eventValue: 'EVENT_VALUE',
  impression: 'IMPRESSION',
  recommendationId: 'RECOMMENDATION_ID',
} as const;

export default defineOperation({
  name: 'PutEvents',
  route: '/events',
  input: z.object({
    trackingId: shape.text(1, 256),
    userId: shape.id().optional(),
    sessionId: shape.id(),
    eventList: shape.list(event, 1, 10),
  }),
  touches: (input) => [{ trackingId: input.trackingId }],
  async run(input, ctx): Promise<void> {
    const { datasetGroupArn, schema } = await resolveTarget(ctx, input.trackingId);
    const rules: PropertyRules = {
      schema,
      label: 'Interactions',
      members: MEMBERS,
      alsoInProperties: ['itemId', 'eventValue'],
      complete: false,
    };
    const eventValueField = schema.fields.find((field) => field.name === 'EVENT_VALUE');
    const recordedAt = ctx.now();
    const problems: string[] = [];
    const events = new Map<string, RecordedEvent>();
    input.eventList.forEach((given, i) => {
      const where = `eventList[${i}]`;
      const {
        ITEM_ID: propertyItemId,
        EVENT_VALUE: propertyEventValue,
        ...properties
      } = readProperties(given.properties, rules, where, problems);
      if (eventValueField && given.eventValue !== undefined) {
        const checked = checkFieldValue(eventValueField, given.eventValue);
        if (!checked.ok) problems.push(`${where}.eventValue: ${checked.problem}`);
      }
      const report = (problem: string) => problems.push(`${where}: ${problem}`);
      const itemId = oneOf('itemId', given.itemId, propertyItemId, report);
      const eventValue = oneOf('eventValue', given.eventValue, propertyEventValue, report);
      const recorded: Omit<RecordedEvent, 'eventId'> = {
        datasetGroupArn,
        eventType: given.eventType,
        sessionId: input.sessionId,
        ...(input.userId !== undefined ? { userId: input.userId } : {}),
        ...(typeof itemId === 'string' ? { itemId } : {}),
        ...(typeof eventValue === 'number' ? { eventValue } : {}),
        timestamp: Math.round(given.sentAt * 1000),
        recordedAt,
        ...(given.recommendationId !== undefined
          ? { recommendationId: given.recommendationId }
          : {}),
        ...(given.impression ? { impression: given.impression } : {}),
        ...(given.metricAttribution
          ? { metricAttributionSource: given.metricAttribution.eventAttributionSource }
          : {}),
        properties,
      };
      const eventId = given.eventId ?? contentId(recorded);
      // Personalize trains on the first of several events with one eventId.
      if (!events.has(eventId)) events.set(eventId, { ...recorded, eventId });
    });
    if (problems.length > 0) throw new InvalidInputException(problems.join('; '));

    if (input.userId !== undefined) {
      await linkSession(ctx, datasetGroupArn, input.sessionId, input.userId);
    }
    await ctx.events.record([...events.values()]);
    if (input.userId === undefined) forgetLink(ctx, datasetGroupArn, input.sessionId);
  },
});

/**
 * The value a member gives, or the same field's value in properties; both
 * given, they must agree.
 */
function oneOf(
  member: string,
  value: string | number | undefined,
  property: FieldValue | undefined,
  report: (problem: string) => void,
): FieldValue | undefined {
  if (value === undefined || property === undefined || property === null) return value ?? property;
  if (value !== property) {
    report(
      `the ${member} member ${JSON.stringify(value)} and properties.${member} ${JSON.stringify(property)} differ; send one of them`,
    );
  }
  return value;
}

/**
 * An eventId derived from what the event says (not when it arrived): a retried
 * call then stores each event once, and identical events count once, as
 * Personalize keeps one of two events with the same timestamp and properties.
 * Formatted as an RFC 9562 version 8 (custom) UUID.
 */
function contentId(event: Omit<RecordedEvent, 'eventId'>): string {
  const properties = Object.entries(event.properties).sort(([a], [b]) => (a < b ? -1 : 1));
  const hex = createHash('sha256')
    .update(
      JSON.stringify([
        event.datasetGroupArn,
        event.userId,
        event.sessionId,
        event.eventType,
        event.itemId,
        event.eventValue,
        event.timestamp,
        event.recommendationId,
        event.impression,
        event.metricAttributionSource,
        properties,
      ]),
    )
    .digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
