/**
 * EventStore's promises (store/event-ports.ts), held by every implementation alike: replacement by
 * subject, timestamp and eventId, each subject's latest events, the training read by recordedAt,
 * sessions linked to users, and the bounded, resumable deletions.
 */
import type { EventStore, RecordedEvent } from '../../../../layers/core/store/event-ports';
import { eachImplementation, unique } from './implementations';

const groupArn = () =>
  `arn:aws:personalize:us-east-1:000000000000:dataset-group/${unique('events')}`;

let events = 0;

function eventOf(
  datasetGroupArn: string,
  fields: Partial<RecordedEvent> & { timestamp: number },
): RecordedEvent {
  return {
    datasetGroupArn,
    eventId: `e${String(++events).padStart(6, '0')}`,
    eventType: 'click',
    sessionId: 's1',
    recordedAt: fields.timestamp,
    properties: {},
    ...fields,
  };
}

async function readUntil(store: EventStore, datasetGroupArn: string, until: number) {
  const read: RecordedEvent[] = [];
  for await (const event of store.recordedUntil(datasetGroupArn, until)) read.push(event);
  return read;
}

eachImplementation((stores) => {
  const store = () => stores().events;

  describe('record and latest', () => {
    it("gives a subject's latest events, newest timestamp first, as many as asked", async () => {
      // Prepare
      const group = groupArn();
      const stored = [3, 1, 4, 2].map((timestamp) =>
        eventOf(group, {
          userId: 'u1',
          timestamp,
          itemId: `i${timestamp}`,
          eventValue: 0.5,
          impression: ['i1', 'i2'],
          properties: { DEVICE: 'phone', PRICE: 1e300 },
        }),
      );

      // Act
      await store().record([
        ...stored,
        eventOf(group, { userId: 'u2', timestamp: 9 }),
        eventOf(group, { sessionId: 'anonymous', timestamp: 9 }),
      ]);

      // Assess
      const latest = await store().latest(group, { userId: 'u1' }, 3);
      expect(latest.map((event) => event.timestamp)).toEqual([4, 3, 2]);
      expect(latest[0]).toEqual(stored[2]);
      expect(await store().latest(group, { sessionId: 'anonymous' }, 10)).toHaveLength(1);
      expect(await store().latest(groupArn(), { userId: 'u1' }, 10)).toEqual([]);
    });

    it('replaces an event of the same subject, timestamp and eventId, so a retry stores it once', async () => {
      const group = groupArn();
      const event = eventOf(group, { userId: 'u1', timestamp: 5, itemId: 'first' });

      await store().record([event]);
      await store().record([{ ...event, itemId: 'retried', recordedAt: 6 }]);

      expect(await store().latest(group, { userId: 'u1' }, 10)).toEqual([
        { ...event, itemId: 'retried', recordedAt: 6 },
      ]);
      expect(await readUntil(store(), group, 100)).toHaveLength(1);
    });

    it('leaves absent optional members absent', async () => {
      const group = groupArn();
      await store().record([eventOf(group, { sessionId: 'bare', timestamp: 1 })]);

      const [event] = await store().latest(group, { sessionId: 'bare' }, 1);

      expect(Object.keys(event!).sort()).toEqual(
        [
          'datasetGroupArn',
          'eventId',
          'eventType',
          'properties',
          'recordedAt',
          'sessionId',
          'timestamp',
        ].sort(),
      );
    });

    it('refuses one call that names an event twice', async () => {
      const group = groupArn();
      const event = eventOf(group, { userId: 'u1', timestamp: 5 });

      await expect(store().record([event, { ...event, itemId: 'again' }])).rejects.toThrow();
    });
  });

  describe('recordedUntil', () => {
    it("reads a group's events recorded up to a moment, inclusive, oldest recordedAt first", async () => {
      const group = groupArn();
      const at = (recordedAt: number, eventId: string, userId: string) =>
        eventOf(group, { userId, eventId, timestamp: 1000 - recordedAt, recordedAt });
      await store().record([
        at(30, 'b', 'u1'),
        at(10, 'z', 'u2'),
        at(20, 'y', 'u1'),
        at(20, 'x', 'u3'),
        at(31, 'late', 'u1'),
      ]);
      await store().record([eventOf(groupArn(), { userId: 'u1', timestamp: 1, recordedAt: 1 })]);

      const read = await readUntil(store(), group, 30);

      expect(read.map((event) => event.eventId)).toEqual(['z', 'x', 'y', 'b']);
    });
  });

  describe('recordedAfter', () => {
    it('tells whether the group has an event recorded after a moment, exclusive', async () => {
      const group = groupArn();
      await store().record([eventOf(group, { userId: 'u1', timestamp: 1, recordedAt: 20 })]);
      await store().record([eventOf(groupArn(), { userId: 'u1', timestamp: 1, recordedAt: 90 })]);

      const answers = await Promise.all(
        [0, 19, 20, 21].map((after) => store().recordedAfter(group, after)),
      );

      expect(answers).toEqual([true, true, false, false]);
    });

    it("counts a session's events once linked to a user, as of the link", async () => {
      const group = groupArn();
      await store().record([eventOf(group, { sessionId: 'visit', timestamp: 1, recordedAt: 5 })]);

      await store().linkSession(group, 'visit', 'u1', 50);

      expect(await store().recordedAfter(group, 40)).toBe(true);
      expect(await store().recordedAfter(group, 50)).toBe(false);
    });
  });

  describe('linkSession', () => {
    it("makes a session's anonymous events the user's, once each, as of the link", async () => {
      // Prepare
      const group = groupArn();
      const anonymous = [1, 2].map((timestamp) =>
        eventOf(group, { sessionId: 'visit', timestamp, recordedAt: 100 + timestamp }),
      );
      const signedIn = eventOf(group, {
        sessionId: 'visit',
        userId: 'u1',
        timestamp: 3,
        recordedAt: 103,
      });
      await store().record([...anonymous, signedIn]);

      // Act
      await store().linkSession(group, 'visit', 'u1', 200);
      await store().linkSession(group, 'visit', 'u1', 300);

      // Assess
      const theirs = await store().latest(group, { userId: 'u1' }, 10);
      expect(theirs.map((event) => [event.timestamp, event.userId, event.recordedAt])).toEqual([
        [3, 'u1', 103],
        [2, 'u1', 200],
        [1, 'u1', 200],
      ]);
      const read = await readUntil(store(), group, 1000);
      expect(read.map((event) => [event.eventId, event.userId, event.recordedAt])).toEqual([
        [signedIn.eventId, 'u1', 103],
        [anonymous[0]!.eventId, 'u1', 200],
        [anonymous[1]!.eventId, 'u1', 200],
      ]);
      expect(await readUntil(store(), group, 199)).toHaveLength(1);
    });

    it('does nothing for a session without anonymous events', async () => {
      const group = groupArn();

      await store().linkSession(group, 'never-seen', 'u1', 5);

      expect(await store().latest(group, { userId: 'u1' }, 10)).toEqual([]);
    });
  });

  describe('deleteUserEvents', () => {
    it("deletes a user's events, their sessions' events included, and names the users who had any", async () => {
      // Prepare
      const group = groupArn();
      await store().record([
        eventOf(group, { sessionId: 'shared', timestamp: 1 }),
        eventOf(group, { sessionId: 'shared', userId: 'u1', timestamp: 2 }),
        eventOf(group, { sessionId: 'own', userId: 'u2', timestamp: 3 }),
      ]);
      await store().linkSession(group, 'shared', 'u1', 10);
      await store().record([eventOf(group, { sessionId: 'shared', timestamp: 11 })]);

      // Act
      const found = await store().deleteUserEvents(group, ['u1', 'u1', 'nobody']);

      // Assess
      expect(found).toEqual(['u1']);
      expect(await store().latest(group, { userId: 'u1' }, 10)).toEqual([]);
      expect(await store().latest(group, { sessionId: 'shared' }, 10)).toEqual([]);
      expect(await store().latest(group, { userId: 'u2' }, 10)).toHaveLength(1);
      expect((await readUntil(store(), group, 100)).map((event) => event.userId)).toEqual(['u2']);
      expect(await store().deleteUserEvents(group, ['u1'])).toEqual([]);
    });
  });

  describe('deleteGroupEvents', () => {
    it("deletes a group's events in bounded calls until it finds none, and no other group's", async () => {
      // Prepare
      const group = groupArn();
      const other = groupArn();
      await store().record(
        Array.from({ length: 7 }, (_, i) =>
          eventOf(group, { userId: `u${i % 3}`, sessionId: `s${i % 2}`, timestamp: i }),
        ),
      );
      await store().record([
        eventOf(group, { sessionId: 'linked', timestamp: 20 }),
        eventOf(other, { userId: 'u0', timestamp: 1 }),
      ]);
      await store().linkSession(group, 'linked', 'u9', 30);

      // Act
      const counts: number[] = [];
      for (;;) {
        const count = await store().deleteGroupEvents(group, 3);
        counts.push(count);
        if (count === 0) break;
      }

      // Assess
      expect(counts.every((count) => count <= 3)).toBe(true);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(8);
      expect(await readUntil(store(), group, 1000)).toEqual([]);
      for (const subject of [{ userId: 'u9' }, { sessionId: 'linked' }, { userId: 'u0' }]) {
        expect(await store().latest(group, subject, 10)).toEqual([]);
      }
      expect(await readUntil(store(), other, 1000)).toHaveLength(1);
    });
  });
});
