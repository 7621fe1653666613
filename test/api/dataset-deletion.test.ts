/**
 * DeleteDataset takes all of the dataset's data with it (layers/core/operations/datasets): the
 * imported data in Tailor's bucket, the records PutUsers sent it and, for Interactions, the
 * events PutEvents recorded in its group. The official clients drive the local service; the
 * stores are read back through their ports.
 */
import {
  CreateDatasetCommand,
  CreateDatasetImportJobCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateDatasetCommand,
} from '@aws-sdk/client-personalize';
import {
  PutEventsCommand,
  PutUsersCommand,
  ResourceNotFoundException as EventsResourceNotFoundException,
} from '@aws-sdk/client-personalize-events';
import { datasetFolder } from '../../layers/core/data/locations';
import { DELETING } from '../../layers/core/domain/dataset';
import type { RecordedEvent } from '../../layers/core/store/event-ports';
import { importCsv, interactionsCsv, putObject, ROLE_ARN, storedData } from '../helpers/import';
import { createGroup, startTestService, type TestService } from '../helpers/local-service';
import { INTERACTIONS_SCHEMA, USERS_SCHEMA } from '../helpers/schemas';

let service: TestService;
const schemas: Record<string, string> = {};
beforeAll(async () => {
  service = await startTestService();
  for (const [name, schema] of Object.entries({
    interactions: INTERACTIONS_SCHEMA,
    users: USERS_SCHEMA,
  })) {
    const { schemaArn } = await service.personalize.send(new CreateSchemaCommand({ name, schema }));
    schemas[name] = schemaArn!;
  }
});
afterAll(() => service.stop());

const createDataset = async (datasetGroupArn: string, type: 'Interactions' | 'Users') =>
  (
    await service.personalize.send(
      new CreateDatasetCommand({
        name: `${type.toLowerCase()}`,
        datasetGroupArn,
        datasetType: type,
        schemaArn: schemas[type.toLowerCase()],
      }),
    )
  ).datasetArn!;

const deleteDataset = (datasetArn: string) =>
  service.personalize.send(new DeleteDatasetCommand({ datasetArn }));

const expectGone = async (datasetArn: string) =>
  expect(service.personalize.send(new DescribeDatasetCommand({ datasetArn }))).rejects.toThrow(
    ResourceNotFoundException,
  );

/** The keys left under the dataset's folder in Tailor's bucket. */
const objectsOf = (datasetArn: string) => {
  const folder = datasetFolder(service.context.dataBucket, datasetArn);
  return service.context.objects.list(folder.bucket, folder.key);
};

async function recorded(datasetGroupArn: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of service.context.events.recordedUntil(datasetGroupArn, Date.now())) {
    out.push(event);
  }
  return out;
}

async function recordsOf(datasetArn: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const record of service.context.datasetRecords.list(datasetArn)) ids.push(record.id);
  return ids;
}

/** Events of many users through the port: more than one batch of the deletion. */
const manyEvents = (datasetGroupArn: string, count: number): RecordedEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    datasetGroupArn,
    eventId: `bulk-${i}`,
    eventType: 'click',
    sessionId: `bulk-session-${i % 50}`,
    userId: `bulk-user-${i % 100}`,
    itemId: `i${i % 20}`,
    timestamp: 1_700_000_000_000 + i,
    recordedAt: Date.now(),
    properties: {},
  }));

describe('DeleteDataset', () => {
  it("removes an Interactions dataset's imported data and every event of its group, and no other group's", async () => {
    const datasetGroupArn = await createGroup(service, 'deleted-interactions');
    const otherGroupArn = await createGroup(service, 'kept-interactions');
    const datasetArn = await createDataset(datasetGroupArn, 'Interactions');
    await createDataset(otherGroupArn, 'Interactions');
    await putObject(service, 'deletion', 'interactions.csv', interactionsCsv(200));
    await importCsv(service, datasetArn, 'deleted-import', 's3://deletion/interactions.csv');
    const { trackingId } = await service.personalize.send(
      new CreateEventTrackerCommand({ name: 'deleted-tracker', datasetGroupArn }),
    );
    const { trackingId: otherTrackingId } = await service.personalize.send(
      new CreateEventTrackerCommand({ name: 'kept-tracker', datasetGroupArn: otherGroupArn }),
    );
    const sentAt = new Date(1_700_000_100_000);
    // Anonymous events, then one naming the user: the session's events become the user's.
    for (const [tracking, userId] of [
      [trackingId, undefined],
      [trackingId, 'u-linked'],
      [otherTrackingId, 'u-kept'],
    ] as const) {
      await service.events.send(
        new PutEventsCommand({
          trackingId: tracking!,
          sessionId: `session-${userId ?? 'anonymous'}`,
          ...(userId ? { userId } : {}),
          eventList: [{ eventType: 'click', itemId: 'i1', sentAt }],
        }),
      );
    }
    await service.events.send(
      new PutEventsCommand({
        trackingId: trackingId!,
        sessionId: 'session-anonymous',
        userId: 'u-linked',
        eventList: [{ eventType: 'click', itemId: 'i2', sentAt }],
      }),
    );
    await service.context.events.record(manyEvents(datasetGroupArn, 1_200));
    expect((await storedData(service, datasetArn))!.rowCount).toBe(200);
    expect(await objectsOf(datasetArn)).toHaveLength(1);

    await deleteDataset(datasetArn);

    await expectGone(datasetArn);
    expect(await storedData(service, datasetArn)).toBeUndefined();
    expect(await objectsOf(datasetArn)).toEqual([]);
    expect(await recorded(datasetGroupArn)).toEqual([]);
    const latest = (subject: { userId: string } | { sessionId: string }) =>
      service.context.events.latest(datasetGroupArn, subject, 10);
    expect(await latest({ userId: 'u-linked' })).toEqual([]);
    // The session's originals, which the training index no longer holds once linked.
    expect(await latest({ sessionId: 'session-anonymous' })).toEqual([]);
    expect(await latest({ userId: 'bulk-user-7' })).toEqual([]);
    expect((await recorded(otherGroupArn)).map((event) => event.userId)).toEqual(['u-kept']);

    // A new Interactions dataset of the group gets the same ARN, and none of the old data.
    expect(await createDataset(datasetGroupArn, 'Interactions')).toBe(datasetArn);
    expect(await storedData(service, datasetArn)).toBeUndefined();
    expect(await recorded(datasetGroupArn)).toEqual([]);
  });

  it("removes a Users dataset's PutUsers records and imported data", async () => {
    const datasetGroupArn = await createGroup(service, 'deleted-users');
    const datasetArn = await createDataset(datasetGroupArn, 'Users');
    await putObject(service, 'deletion', 'users.csv', 'USER_ID,AGE\nu1,30\nu2,40\n');
    await importCsv(service, datasetArn, 'users-import', 's3://deletion/users.csv');
    await service.events.send(
      new PutUsersCommand({
        datasetArn,
        users: [{ userId: 'u3', properties: JSON.stringify({ age: 50 }) }],
      }),
    );
    await service.context.datasetRecords.put(
      Array.from({ length: 1_100 }, (_, i) => ({
        datasetArn,
        id: `bulk-${i}`,
        fields: { AGE: i % 90 },
        updatedAt: Date.now(),
      })),
    );
    expect(await recordsOf(datasetArn)).toHaveLength(1_101);

    await deleteDataset(datasetArn);

    await expectGone(datasetArn);
    expect(await recordsOf(datasetArn)).toEqual([]);
    expect(await objectsOf(datasetArn)).toEqual([]);
  });

  it('shows a deletion cut short as DELETE IN_PROGRESS, refuses data for it, and finishes it when asked again', async () => {
    const datasetGroupArn = await createGroup(service, 'resumed');
    const datasetArn = await createDataset(datasetGroupArn, 'Users');
    await service.events.send(
      new PutUsersCommand({
        datasetArn,
        users: [{ userId: 'u1', properties: JSON.stringify({ age: 20 }) }],
      }),
    );
    // What a DeleteDataset that died after claiming the dataset leaves.
    await service.context.metadata.update(datasetArn, {
      attributes: { importJobArn: datasetArn, status: DELETING },
    });

    const { dataset } = await service.personalize.send(new DescribeDatasetCommand({ datasetArn }));
    expect(dataset!.status).toBe('DELETE IN_PROGRESS');
    await expect(
      service.events.send(
        new PutUsersCommand({
          datasetArn,
          users: [{ userId: 'u2', properties: JSON.stringify({ age: 30 }) }],
        }),
      ),
    ).rejects.toThrow(EventsResourceNotFoundException);
    await expect(
      service.personalize.send(new UpdateDatasetCommand({ datasetArn, schemaArn: schemas.users })),
    ).rejects.toThrow(ResourceInUseException);
    await expect(
      service.personalize.send(
        new CreateDatasetImportJobCommand({
          jobName: 'too-late',
          datasetArn,
          dataSource: { dataLocation: 's3://deletion/users.csv' },
          roleArn: ROLE_ARN,
        }),
      ),
    ).rejects.toThrow(ResourceInUseException);

    await deleteDataset(datasetArn);

    await expectGone(datasetArn);
    expect(await recordsOf(datasetArn)).toEqual([]);
    await expect(deleteDataset(datasetArn)).rejects.toThrow(ResourceNotFoundException);
  });
});
