import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  DeleteDatasetCommand,
  DeleteDatasetGroupCommand,
  DescribeDatasetCommand,
  InvalidInputException,
  ListDatasetsCommand,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateDatasetCommand,
} from '@aws-sdk/client-personalize';
import { arnOf, createGroup, startTestService, type TestService } from '../helpers/local-service';
import {
  INTERACTIONS_SCHEMA,
  INTERACTIONS_SCHEMA_WIDER,
  ITEMS_SCHEMA,
  USERS_SCHEMA,
} from '../helpers/schemas';

let service: TestService;
const schemas: Record<string, string> = {};

beforeAll(async () => {
  service = await startTestService();
  for (const [name, schema] of Object.entries({
    interactions: INTERACTIONS_SCHEMA,
    wider: INTERACTIONS_SCHEMA_WIDER,
    items: ITEMS_SCHEMA,
    users: USERS_SCHEMA,
  })) {
    const { schemaArn } = await service.personalize.send(new CreateSchemaCommand({ name, schema }));
    schemas[name] = schemaArn!;
  }
});
afterAll(() => service.stop());

const newGroup = (name: string) => createGroup(service, name);

describe('datasets', () => {
  it('creates a dataset of each type in a group and describes, lists and deletes them', async () => {
    const datasetGroupArn = await newGroup('shop');
    const created: Record<string, string> = {};
    for (const [type, schema] of [
      ['Interactions', 'interactions'],
      ['Items', 'items'],
      ['Users', 'users'],
    ] as const) {
      const { datasetArn } = await service.personalize.send(
        new CreateDatasetCommand({
          name: `shop-${schema}`,
          schemaArn: schemas[schema],
          datasetGroupArn,
          datasetType: type,
        }),
      );
      expect(datasetArn).toBe(arnOf('dataset', 'shop', type.toUpperCase()));
      created[type] = datasetArn!;
    }

    const { dataset } = await service.personalize.send(
      new DescribeDatasetCommand({ datasetArn: created.Items }),
    );
    expect(dataset).toMatchObject({
      name: 'shop-items',
      datasetArn: created.Items,
      datasetGroupArn,
      datasetType: 'ITEMS',
      schemaArn: schemas.items,
      status: 'ACTIVE',
    });
    expect(dataset!.trackingId).toBeUndefined();

    const { datasets } = await service.personalize.send(
      new ListDatasetsCommand({ datasetGroupArn }),
    );
    expect(datasets!.map((d) => d.datasetType).sort()).toEqual(['INTERACTIONS', 'ITEMS', 'USERS']);

    await expect(
      service.personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn })),
    ).rejects.toThrow(ResourceInUseException);
    for (const datasetArn of Object.values(created)) {
      await service.personalize.send(new DeleteDatasetCommand({ datasetArn }));
    }
    await service.personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn }));
  });

  it('allows one dataset of each type per group', async () => {
    const datasetGroupArn = await newGroup('single');
    const create = (name: string) =>
      service.personalize.send(
        new CreateDatasetCommand({
          name,
          schemaArn: schemas.interactions,
          datasetGroupArn,
          datasetType: 'INTERACTIONS',
        }),
      );
    await create('first');
    await expect(create('second')).rejects.toThrow(ResourceAlreadyExistsException);
  });

  it('lists only the datasets of the given group, and every dataset without one', async () => {
    const a = await newGroup('list-a');
    const b = await newGroup('list-b');
    for (const datasetGroupArn of [a, b]) {
      await service.personalize.send(
        new CreateDatasetCommand({
          name: 'users',
          schemaArn: schemas.users,
          datasetGroupArn,
          datasetType: 'Users',
        }),
      );
    }
    const inA = await service.personalize.send(new ListDatasetsCommand({ datasetGroupArn: a }));
    expect(inA.datasets!.map((d) => d.datasetArn)).toEqual([arnOf('dataset', 'list-a', 'USERS')]);
    const all = await service.personalize.send(new ListDatasetsCommand({}));
    expect(all.datasets!.map((d) => d.datasetArn)).toEqual(
      expect.arrayContaining([
        arnOf('dataset', 'list-a', 'USERS'),
        arnOf('dataset', 'list-b', 'USERS'),
      ]),
    );
  });

  it('rejects a schema that does not fit the dataset type, naming the field', async () => {
    const datasetGroupArn = await newGroup('misfit');
    await expect(
      service.personalize.send(
        new CreateDatasetCommand({
          name: 'users',
          schemaArn: schemas.users,
          datasetGroupArn,
          datasetType: 'Items',
        }),
      ),
    ).rejects.toThrow(/ITEM_ID/);
  });

  it('rejects an unknown dataset type', async () => {
    const datasetGroupArn = await newGroup('badtype');
    await expect(
      service.personalize.send(
        new CreateDatasetCommand({
          name: 'x',
          schemaArn: schemas.users,
          datasetGroupArn,
          datasetType: 'Clicks',
        }),
      ),
    ).rejects.toThrow(/Value 'Clicks' at 'datasetType' failed to satisfy constraint/);
  });

  it('rejects a schema of another domain than the group', async () => {
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'vod-group', domain: 'VIDEO_ON_DEMAND' }),
    );
    await expect(
      service.personalize.send(
        new CreateDatasetCommand({
          name: 'users',
          schemaArn: schemas.users,
          datasetGroupArn,
          datasetType: 'Users',
        }),
      ),
    ).rejects.toThrow(/custom datasets.*VIDEO_ON_DEMAND domain group/);
  });

  it('reports an unknown group or schema as not found', async () => {
    await expect(
      service.personalize.send(
        new CreateDatasetCommand({
          name: 'x',
          schemaArn: schemas.users,
          datasetGroupArn: arnOf('dataset-group', 'ghost'),
          datasetType: 'Users',
        }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
    const datasetGroupArn = await newGroup('ghost-schema');
    await expect(
      service.personalize.send(
        new CreateDatasetCommand({
          name: 'x',
          schemaArn: arnOf('schema', 'ghost'),
          datasetGroupArn,
          datasetType: 'Users',
        }),
      ),
    ).rejects.toThrow(`Could not find schema with ARN ${arnOf('schema', 'ghost')}.`);
  });

  it('replaces the schema with one that adds a field, and reports the update', async () => {
    const datasetGroupArn = await newGroup('evolve');
    const { datasetArn } = await service.personalize.send(
      new CreateDatasetCommand({
        name: 'events',
        schemaArn: schemas.interactions,
        datasetGroupArn,
        datasetType: 'Interactions',
      }),
    );
    const updated = await service.personalize.send(
      new UpdateDatasetCommand({ datasetArn, schemaArn: schemas.wider }),
    );
    expect(updated.datasetArn).toBe(datasetArn);
    const { dataset } = await service.personalize.send(new DescribeDatasetCommand({ datasetArn }));
    expect(dataset!.schemaArn).toBe(schemas.wider);
    expect(dataset!.latestDatasetUpdate).toMatchObject({
      schemaArn: schemas.wider,
      status: 'ACTIVE',
    });
    expect(dataset!.lastUpdatedDateTime!.getTime()).toBeGreaterThanOrEqual(
      dataset!.creationDateTime!.getTime(),
    );

    await expect(
      service.personalize.send(
        new UpdateDatasetCommand({ datasetArn, schemaArn: schemas.interactions }),
      ),
    ).rejects.toThrow(
      new InvalidInputException({
        $metadata: {},
        message: `Schema ${schemas.interactions} drops the field "DEVICE" of the dataset's current schema; a replacement schema may only add fields.`,
      }),
    );
  });

  it('reports an unknown dataset as not found', async () => {
    const datasetArn = arnOf('dataset', 'ghost', 'USERS');
    await expect(
      service.personalize.send(new DescribeDatasetCommand({ datasetArn })),
    ).rejects.toThrow(`Could not find dataset with ARN ${datasetArn}.`);
    await expect(
      service.personalize.send(new UpdateDatasetCommand({ datasetArn, schemaArn: schemas.users })),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      service.personalize.send(new DeleteDatasetCommand({ datasetArn })),
    ).rejects.toThrow(ResourceNotFoundException);
  });
});
