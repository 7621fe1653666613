import {
  CreateDatasetCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  DeleteDatasetGroupCommand,
  DeleteEventTrackerCommand,
  DescribeDatasetCommand,
  DescribeEventTrackerCommand,
  ListEventTrackersCommand,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-personalize';
import {
  ACCOUNT,
  arnOf,
  createGroup,
  startTestService,
  type TestService,
} from '../helpers/local-service';
import { INTERACTIONS_SCHEMA } from '../helpers/schemas';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

const newGroup = (name: string) => createGroup(service, name);

describe('event trackers', () => {
  it('creates a tracker whose trackingId the group’s Interactions dataset shows', async () => {
    const datasetGroupArn = await newGroup('tracked');
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: 'tracked-interactions', schema: INTERACTIONS_SCHEMA }),
    );
    const { datasetArn } = await service.personalize.send(
      new CreateDatasetCommand({
        name: 'events',
        schemaArn,
        datasetGroupArn,
        datasetType: 'Interactions',
      }),
    );

    const created = await service.personalize.send(
      new CreateEventTrackerCommand({ name: 'web', datasetGroupArn }),
    );
    expect(created.eventTrackerArn).toBe(arnOf('event-tracker', 'web'));
    expect(created.trackingId).toMatch(/^[0-9a-f-]{36}$/);

    const { eventTracker } = await service.personalize.send(
      new DescribeEventTrackerCommand({ eventTrackerArn: created.eventTrackerArn }),
    );
    expect(eventTracker).toMatchObject({
      name: 'web',
      eventTrackerArn: created.eventTrackerArn,
      accountId: ACCOUNT,
      trackingId: created.trackingId,
      datasetGroupArn,
      status: 'ACTIVE',
    });

    const { dataset } = await service.personalize.send(new DescribeDatasetCommand({ datasetArn }));
    expect(dataset!.trackingId).toBe(created.trackingId);

    const { eventTrackers } = await service.personalize.send(
      new ListEventTrackersCommand({ datasetGroupArn }),
    );
    expect(eventTrackers!.map((t) => t.name)).toEqual(['web']);

    await service.personalize.send(
      new DeleteEventTrackerCommand({ eventTrackerArn: created.eventTrackerArn }),
    );
    const after = await service.personalize.send(new DescribeDatasetCommand({ datasetArn }));
    expect(after.dataset!.trackingId).toBeUndefined();
  });

  it('allows one tracker per group, also under concurrent creates', async () => {
    const datasetGroupArn = await newGroup('one-tracker');
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd', 'e'].map((name) =>
        service.personalize.send(
          new CreateEventTrackerCommand({ name: `t-${name}`, datasetGroupArn }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason).toBeInstanceOf(ResourceAlreadyExistsException);
        expect(result.reason.message).toMatch(/already has the event tracker/);
      }
    }
  });

  it('frees the group when a create fails on a taken tracker name', async () => {
    const first = await newGroup('name-a');
    const second = await newGroup('name-b');
    await service.personalize.send(
      new CreateEventTrackerCommand({ name: 'shared', datasetGroupArn: first }),
    );
    await expect(
      service.personalize.send(
        new CreateEventTrackerCommand({ name: 'shared', datasetGroupArn: second }),
      ),
    ).rejects.toThrow(ResourceAlreadyExistsException);
    const retry = await service.personalize.send(
      new CreateEventTrackerCommand({ name: 'other', datasetGroupArn: second }),
    );
    expect(retry.eventTrackerArn).toBe(arnOf('event-tracker', 'other'));
  });

  it('keeps a group with a tracker from being deleted', async () => {
    const datasetGroupArn = await newGroup('busy');
    const { eventTrackerArn } = await service.personalize.send(
      new CreateEventTrackerCommand({ name: 'busy-tracker', datasetGroupArn }),
    );
    await expect(
      service.personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn })),
    ).rejects.toThrow(
      new ResourceInUseException({
        $metadata: {},
        message: `Cannot delete dataset group ${datasetGroupArn}: delete its event tracker ${eventTrackerArn} first.`,
      }),
    );
  });

  it('reports an unknown group or tracker as not found', async () => {
    await expect(
      service.personalize.send(
        new CreateEventTrackerCommand({
          name: 'lost',
          datasetGroupArn: arnOf('dataset-group', 'ghost'),
        }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      service.personalize.send(
        new DescribeEventTrackerCommand({ eventTrackerArn: arnOf('event-tracker', 'ghost') }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('does not take another kind of resource for a dataset group', async () => {
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: 'not-a-group', schema: INTERACTIONS_SCHEMA }),
    );
    await expect(
      service.personalize.send(
        new CreateEventTrackerCommand({ name: 'confused', datasetGroupArn: schemaArn }),
      ),
    ).rejects.toThrow(`Could not find dataset group with ARN ${schemaArn}.`);
  });
});
