/** PutEvents through the official events client, read back through the store ports. */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  DeleteEventTrackerCommand,
} from '@aws-sdk/client-personalize';
import {
  InvalidInputException,
  PersonalizeEventsClient,
  PutEventsCommand,
  ResourceNotFoundException,
  type Event,
} from '@aws-sdk/client-personalize-events';
import type { RecordedEvent } from '../../layers/core/store/event-ports';
import { CREDENTIALS, REGION, startTestService, type TestService } from '../helpers/local-service';
import { avroRecord, BASE_INTERACTION_FIELDS } from '../helpers/schemas';

/** An Interactions schema with every reserved field and two fields for `properties`. */
const INTERACTIONS = avroRecord('Interactions', [
  ...BASE_INTERACTION_FIELDS,
  { name: 'EVENT_VALUE', type: ['float', 'null'] },
  { name: 'IMPRESSION', type: ['string', 'null'] },
  { name: 'RECOMMENDATION_ID', type: ['string', 'null'] },
  { name: 'DEVICE', type: ['string', 'null'], categorical: true },
  { name: 'NUMBER_OF_RATINGS', type: ['int', 'null'] },
]);

let service: TestService;
let events: PersonalizeEventsClient;
let datasetGroupArn: string;
let trackingId: string;

const T0 = 1_700_000_000;

beforeAll(async () => {
  service = await startTestService();
  events = new PersonalizeEventsClient({
    endpoint: service.endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  ({ datasetGroupArn, trackingId } = await trackedGroup('store'));
});
afterAll(async () => {
  events.destroy();
  await service.stop();
});

async function trackedGroup(name: string, withDataset = true) {
  const { datasetGroupArn } = await service.personalize.send(
    new CreateDatasetGroupCommand({ name }),
  );
  if (withDataset) {
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: `${name}-interactions`, schema: INTERACTIONS }),
    );
    await service.personalize.send(
      new CreateDatasetCommand({
        name: `${name}-interactions`,
        schemaArn,
        datasetGroupArn,
        datasetType: 'Interactions',
      }),
    );
  }
  const tracker = await service.personalize.send(
    new CreateEventTrackerCommand({ name: `${name}-tracker`, datasetGroupArn }),
  );
  return {
    datasetGroupArn: datasetGroupArn!,
    trackingId: tracker.trackingId!,
    eventTrackerArn: tracker.eventTrackerArn!,
  };
}

const click = (itemId: string, seconds: number, extra: Partial<Event> = {}): Event => ({
  eventType: 'click',
  itemId,
  sentAt: new Date(seconds * 1000),
  ...extra,
});

const put = (input: { sessionId: string; userId?: string; eventList: Event[] }) =>
  events.send(new PutEventsCommand({ trackingId, ...input }));

const latest = (subject: { userId: string } | { sessionId: string }, limit = 50) =>
  service.context.events.latest(datasetGroupArn, subject, limit);

async function recorded(group = datasetGroupArn): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of service.context.events.recordedUntil(group, Date.now())) {
    out.push(event);
  }
  return out;
}

describe('PutEvents', () => {
  it('records events that read back newest first for the user, to the millisecond', async () => {
    const reply = await put({
      sessionId: 'order-session',
      userId: 'order-user',
      eventList: [
        click('b', T0 + 0.002, { eventId: 'e2' }),
        click('a', T0 + 0.001, { eventId: 'e1' }),
        click('c', T0 + 10, { eventId: 'e3' }),
      ],
    });
    expect(reply.$metadata.httpStatusCode).toBe(200);
    await put({
      sessionId: 'order-session',
      userId: 'order-user',
      eventList: [click('d', T0 + 5, { eventId: 'e4' })],
    });

    const stored = await latest({ userId: 'order-user' });
    expect(stored.map((e) => [e.eventId, e.itemId, e.timestamp])).toEqual([
      ['e3', 'c', (T0 + 10) * 1000],
      ['e4', 'd', (T0 + 5) * 1000],
      ['e2', 'b', T0 * 1000 + 2],
      ['e1', 'a', T0 * 1000 + 1],
    ]);
    expect(stored[0]).toMatchObject({
      datasetGroupArn,
      eventType: 'click',
      sessionId: 'order-session',
      userId: 'order-user',
      properties: {},
    });
    expect((await latest({ userId: 'order-user' }, 2)).map((e) => e.eventId)).toEqual(['e3', 'e4']);
  });

  it('keeps every acknowledged event for training, in the order recorded', async () => {
    const group = await trackedGroup('training');
    const client = (eventList: Event[]) =>
      events.send(
        new PutEventsCommand({
          trackingId: group.trackingId,
          sessionId: 's',
          userId: 'u',
          eventList,
        }),
      );
    const before = Date.now();
    await client([click('x', T0 + 50, { eventId: 'late-but-first' })]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await client([click('y', T0, { eventId: 'early-but-second' })]);

    const all = await recorded(group.datasetGroupArn);
    expect(all.map((e) => e.eventId)).toEqual(['late-but-first', 'early-but-second']);
    expect(all[0]!.recordedAt).toBeGreaterThanOrEqual(before);
    expect(all[0]!.recordedAt).toBeLessThan(all[1]!.recordedAt);
    const untilFirst = [];
    for await (const event of service.context.events.recordedUntil(
      group.datasetGroupArn,
      all[0]!.recordedAt,
    )) {
      untilFirst.push(event.eventId);
    }
    expect(untilFirst).toEqual(['late-but-first']);
  });

  it('generates an eventId from the event, so a retried call stores it once', async () => {
    const call = { sessionId: 'retry-session', userId: 'retry-user', eventList: [click('r', T0)] };
    await put(call);
    await put(call);
    await put({ ...call, eventList: [click('r', T0 + 1)] });

    const stored = await latest({ userId: 'retry-user' });
    expect(stored).toHaveLength(2);
    for (const event of stored) {
      expect(event.eventId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    expect(stored[0]!.eventId).not.toBe(stored[1]!.eventId);
  });

  it('records the first of several events with one eventId', async () => {
    await put({
      sessionId: 'dup-session',
      userId: 'dup-user',
      eventList: [
        click('first', T0, { eventId: 'same' }),
        click('second', T0, { eventId: 'same' }),
      ],
    });
    expect((await latest({ userId: 'dup-user' })).map((e) => e.itemId)).toEqual(['first']);
  });

  it('maps camelCase properties onto the schema’s fields with their types', async () => {
    await put({
      sessionId: 'props-session',
      userId: 'props-user',
      eventList: [
        click('p', T0, {
          properties: JSON.stringify({ device: 'mobile|tablet', numberOfRatings: '12' }),
        }),
        click('q', T0 + 1, { properties: { NUMBER_OF_RATINGS: 3, device: null } }),
      ],
    });
    const stored = await latest({ userId: 'props-user' });
    expect(stored.map((e) => e.properties)).toEqual([
      { NUMBER_OF_RATINGS: 3, DEVICE: null },
      { DEVICE: 'mobile|tablet', NUMBER_OF_RATINGS: 12 },
    ]);
  });

  it('takes itemId and eventValue inside properties, as older clients send them', async () => {
    await put({
      sessionId: 'legacy-session',
      userId: 'legacy-user',
      eventList: [
        {
          eventType: 'watch',
          properties: JSON.stringify({ itemId: '270' }),
          sentAt: new Date(T0 * 1000),
        },
        {
          eventType: 'rate',
          properties: JSON.stringify({ ITEM_ID: '271', eventValue: '4.5', device: 'tv' }),
          sentAt: new Date((T0 + 1) * 1000),
        },
        click('272', T0 + 2, { properties: JSON.stringify({ itemId: '272' }) }),
      ],
    });
    const stored = await latest({ userId: 'legacy-user' });
    expect(stored.map((e) => [e.itemId, e.eventValue, e.properties])).toEqual([
      ['272', undefined, {}],
      ['271', 4.5, { DEVICE: 'tv' }],
      ['270', undefined, {}],
    ]);
  });

  it('stores event value, impressions, recommendationId and metric attribution', async () => {
    await put({
      sessionId: 'full-session',
      userId: 'full-user',
      eventList: [
        click('watched', T0, {
          eventId: 'full',
          eventValue: 4.5,
          impression: ['watched', 'skipped'],
          recommendationId: 'RID-1',
          metricAttribution: { eventAttributionSource: 'email' },
        }),
      ],
    });
    expect(await latest({ userId: 'full-user' })).toEqual([
      {
        datasetGroupArn,
        eventId: 'full',
        eventType: 'click',
        sessionId: 'full-session',
        userId: 'full-user',
        itemId: 'watched',
        eventValue: 4.5,
        timestamp: T0 * 1000,
        recordedAt: expect.any(Number),
        recommendationId: 'RID-1',
        impression: ['watched', 'skipped'],
        metricAttributionSource: 'email',
        properties: {},
      },
    ]);
  });

  it('records an anonymous session’s events under the session', async () => {
    await put({ sessionId: 'anon-only', eventList: [click('a', T0), click('b', T0 + 1)] });
    const stored = await latest({ sessionId: 'anon-only' });
    expect(stored.map((e) => e.itemId)).toEqual(['b', 'a']);
    expect(stored.every((e) => e.userId === undefined)).toBe(true);
  });

  it('links a session’s earlier events to the user who signs in', async () => {
    await put({
      sessionId: 'visit',
      eventList: [click('browse-1', T0), click('browse-2', T0 + 1)],
    });
    await put({ sessionId: 'visit', userId: 'shopper', eventList: [click('buy', T0 + 2)] });

    const mine = await latest({ userId: 'shopper' });
    expect(mine.map((e) => [e.itemId, e.userId, e.sessionId])).toEqual([
      ['buy', 'shopper', 'visit'],
      ['browse-2', 'shopper', 'visit'],
      ['browse-1', 'shopper', 'visit'],
    ]);
    const training = (await recorded()).filter((e) => e.sessionId === 'visit');
    expect(training.map((e) => [e.itemId, e.userId]).sort()).toEqual([
      ['browse-1', 'shopper'],
      ['browse-2', 'shopper'],
      ['buy', 'shopper'],
    ]);

    // Linking again finds nothing left to move and duplicates nothing.
    await put({ sessionId: 'visit', userId: 'shopper', eventList: [click('buy', T0 + 2)] });
    expect(await latest({ userId: 'shopper' })).toHaveLength(3);
    expect((await recorded()).filter((e) => e.sessionId === 'visit')).toHaveLength(3);
  });

  describe('rejects invalid events with InvalidInputException naming the event and field', () => {
    const cases: [string, Event, string][] = [
      [
        'a property that is not a schema field',
        click('x', T0, { properties: '{"genre": "drama"}' }),
        'eventList[3].properties: "genre" is not a field of the Interactions schema; properties may set "device" (DEVICE), "numberOfRatings" (NUMBER_OF_RATINGS)',
      ],
      [
        'a property of the wrong type',
        click('x', T0, { properties: '{"numberOfRatings": "many"}' }),
        'eventList[3].properties: "numberOfRatings" (NUMBER_OF_RATINGS, int) must be an int (a whole number from -2147483648 to 2147483647), got "many"',
      ],
      [
        'a property that a member of the request sets',
        click('x', T0, { properties: '{"userId": "y"}' }),
        'eventList[3].properties: "userId" is reserved; send it as the userId member instead',
      ],
      [
        'a property naming the time',
        click('x', T0, { properties: '{"timestamp": 1700000000}' }),
        'eventList[3].properties: "timestamp" is reserved; send it as the sentAt member instead',
      ],
      [
        'an itemId in properties that differs from the member',
        click('x', T0, { properties: '{"itemId": "y"}' }),
        'eventList[3]: the itemId member "x" and properties.itemId "y" differ; send one of them',
      ],
      [
        'an eventValue in properties that differs from the member',
        click('x', T0, { eventValue: 2, properties: '{"eventValue": "3.5"}' }),
        'eventList[3]: the eventValue member 2 and properties.eventValue 3.5 differ; send one of them',
      ],
      [
        'an itemId in properties that is no string',
        { eventType: 'click', sentAt: new Date(T0 * 1000), properties: '{"itemId": 270}' },
        'eventList[3].properties: "itemId" (ITEM_ID, string) must be a string, got 270',
      ],
      [
        'a property naming the session',
        click('x', T0, { properties: '{"SessionId": "y"}' }),
        'eventList[3].properties: "SessionId" is reserved; send it as the sessionId member instead',
      ],
      [
        'properties that are not JSON',
        click('x', T0, { properties: '{device: mobile}' }),
        'eventList[3].properties: is not valid JSON',
      ],
      [
        'properties that are not an object',
        click('x', T0, { properties: '["mobile"]' }),
        'eventList[3].properties: must be a JSON object of camelCase field names and values, got ["mobile"]',
      ],
      [
        'one field named twice',
        click('x', T0, { properties: '{"device": "a", "DEVICE": "b"}' }),
        'eventList[3].properties: "device" and "DEVICE" both name DEVICE',
      ],
      [
        'properties longer than 1024 characters',
        click('x', T0, { properties: JSON.stringify({ device: 'x'.repeat(1100) }) }),
        "at 'eventList[3].properties' failed to satisfy constraint: Member must have length less than or equal to 1024",
      ],
      [
        'a missing eventType',
        { itemId: 'x', sentAt: new Date(T0 * 1000) } as Event,
        "1 validation error detected: Value null at 'eventList[3].eventType' failed to satisfy constraint: Member must not be null",
      ],
      [
        'a sentAt in milliseconds',
        click('x', T0 * 1000),
        "at 'eventList[3].sentAt' failed to satisfy constraint: Member must be a time in epoch seconds; this looks like milliseconds",
      ],
      [
        'more than 25 impressions',
        click('x', T0, { impression: Array.from({ length: 26 }, (_, i) => `i${i}`) }),
        "at 'eventList[3].impression' failed to satisfy constraint: Member must have length less than or equal to 25",
      ],
      [
        'a recommendationId over 40 characters',
        click('x', T0, { recommendationId: 'r'.repeat(41) }),
        "at 'eventList[3].recommendationId' failed to satisfy constraint: Member must have length less than or equal to 40",
      ],
      [
        'an itemId over 256 characters',
        click('i'.repeat(257), T0),
        "at 'eventList[3].itemId' failed to satisfy constraint: Member must have length less than or equal to 256",
      ],
    ];

    it.each(cases)('%s', async (_, bad, message) => {
      const sessionId = `bad-${message.length}`;
      const attempt = put({
        sessionId,
        userId: sessionId,
        eventList: [click('ok', T0), click('ok', T0 + 1), click('ok', T0 + 2), bad],
      });
      await expect(attempt).rejects.toThrow(InvalidInputException);
      await expect(attempt).rejects.toThrow(message);
      expect(await latest({ userId: sessionId })).toEqual([]);
    });
  });

  it('reports every invalid event at once', async () => {
    await expect(
      put({
        sessionId: 'many-bad',
        eventList: [
          click('x', T0, { properties: '{"genre": "drama"}' }),
          click('y', T0),
          click('z', T0, { properties: '{"numberOfRatings": 1.5}' }),
        ],
      }),
    ).rejects.toThrow(
      /^eventList\[0\]\.properties: "genre" .*; eventList\[2\]\.properties: "numberOfRatings" \(NUMBER_OF_RATINGS, int\) must be an int .*, got 1\.5$/,
    );
  });

  it('takes 1 to 10 events a call', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => click(`i${i}`, T0 + i));
    await expect(put({ sessionId: 'eleven', eventList: eleven })).rejects.toThrow(
      "at 'eventList' failed to satisfy constraint: Member must have length less than or equal to 10",
    );
    await expect(put({ sessionId: 'none', eventList: [] })).rejects.toThrow(
      "Value [] at 'eventList' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    await expect(put({ sessionId: 'ten', eventList: eleven.slice(0, 10) })).resolves.toBeDefined();
  });

  it('answers an unknown trackingId with ResourceNotFoundException (404)', async () => {
    const attempt = events.send(
      new PutEventsCommand({
        trackingId: 'no-such-id',
        sessionId: 's',
        eventList: [click('x', T0)],
      }),
    );
    await expect(attempt).rejects.toThrow(ResourceNotFoundException);
    await expect(attempt).rejects.toThrow('No event tracker has the tracking ID no-such-id.');
    await expect(attempt).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('stops taking events once the tracker is deleted', async () => {
    const group = await trackedGroup('retired');
    const send = () =>
      events.send(
        new PutEventsCommand({
          trackingId: group.trackingId,
          sessionId: 's',
          eventList: [click('x', T0)],
        }),
      );
    await send();
    await service.personalize.send(
      new DeleteEventTrackerCommand({ eventTrackerArn: group.eventTrackerArn }),
    );
    await expect(send()).rejects.toThrow(ResourceNotFoundException);
  });

  it('needs an Interactions dataset in the tracker’s group', async () => {
    const group = await trackedGroup('no-dataset', false);
    await expect(
      events.send(
        new PutEventsCommand({
          trackingId: group.trackingId,
          sessionId: 's',
          eventList: [click('x', T0)],
        }),
      ),
    ).rejects.toThrow(
      new ResourceNotFoundException({
        $metadata: {},
        message: `Dataset group ${group.datasetGroupArn} has no Interactions dataset to record events in: create one first.`,
      }),
    );
  });

  it('serves the events API under a base path', async () => {
    const based = new PersonalizeEventsClient({
      endpoint: `${service.endpoint}/v1`,
      region: REGION,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      await based.send(
        new PutEventsCommand({
          trackingId,
          sessionId: 'based',
          userId: 'based-user',
          eventList: [click('v1', T0)],
        }),
      );
    } finally {
      based.destroy();
    }
    expect((await latest({ userId: 'based-user' })).map((e) => e.itemId)).toEqual(['v1']);
  });
});

describe('events wire format', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${service.endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers success with 200 and an empty body', async () => {
    const response = await post('/events', {
      trackingId,
      sessionId: 'raw',
      eventList: [{ eventType: 'click', itemId: 'x', sentAt: T0 }],
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('names the exception in x-amzn-errortype and puts only the message in the body', async () => {
    const response = await post('/events', { trackingId: 'nope', sessionId: 's', eventList: [] });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidInputException');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      message:
        "1 validation error detected: Value [] at 'eventList' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });

    const missing = await post('/events', {
      trackingId: 'nope',
      sessionId: 's',
      eventList: [{ eventType: 'click', sentAt: T0 }],
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });

  it('answers a GET of an events route as no operation', async () => {
    const response = await fetch(`${service.endpoint}/events`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe(
      'UnknownOperationException',
    );
  });
});
