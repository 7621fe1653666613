/**
 * Schemas' and datasets' rules through the wire's own dispatch on the in-memory stores: names,
 * one dataset per type, schemas that fit their type and domain, replacement schemas, and the
 * order deletions must follow.
 */
import {
  arnOf,
  createDataset,
  createGroup,
  createSchema,
  failure,
  memoryApi,
  type MemoryApi,
} from '../../helpers/memory-api';
import {
  avroRecord,
  INTERACTIONS_SCHEMA,
  INTERACTIONS_SCHEMA_WIDER,
  ITEMS_SCHEMA,
  USERS_SCHEMA,
} from '../../helpers/schemas';

/** A service with one schema of each kind, by name. */
async function withSchemas(api: MemoryApi) {
  return {
    interactions: await createSchema(api, 'interactions', INTERACTIONS_SCHEMA),
    wider: await createSchema(api, 'wider', INTERACTIONS_SCHEMA_WIDER),
    items: await createSchema(api, 'items', ITEMS_SCHEMA),
    users: await createSchema(api, 'users', USERS_SCHEMA),
  };
}

describe('schemas', () => {
  it('creates, describes, lists and deletes a schema, returning the Avro JSON unchanged', async () => {
    const api = memoryApi();

    const schemaArn = await createSchema(api, 'interactions', INTERACTIONS_SCHEMA);
    const { schema } = await api.call('DescribeSchema', { schemaArn });
    const { schemas } = await api.call('ListSchemas');
    await api.call('DeleteSchema', { schemaArn });

    expect(schemaArn).toBe(arnOf('schema', 'interactions'));
    expect(schema).toMatchObject({ name: 'interactions', schemaArn, schema: INTERACTIONS_SCHEMA });
    expect(schemas.map((listed: { schemaArn: string }) => listed.schemaArn)).toEqual([schemaArn]);
    expect(await failure(api.call('DescribeSchema', { schemaArn }))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Could not find schema with ARN ${schemaArn}.`,
    });
  });

  it('rejects a duplicate name', async () => {
    const api = memoryApi();
    await createSchema(api, 'dup', USERS_SCHEMA);

    expect((await failure(createSchema(api, 'dup', USERS_SCHEMA))).name).toBe(
      'ResourceAlreadyExistsException',
    );
  });

  it('rejects JSON that is not a Personalize Avro record, naming the field', async () => {
    const api = memoryApi();
    const nested = avroRecord('Items', [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TAGS', type: { type: 'array', items: 'string' } },
    ]);

    expect((await failure(createSchema(api, 'broken', '{"type":'))).name).toBe(
      'InvalidInputException',
    );
    const error = await failure(createSchema(api, 'nested', nested));
    expect(error.name).toBe('InvalidInputException');
    expect(error.message).toMatch(/TAGS/);
  });

  it('rejects a schema longer than 20000 characters, as the model bounds it', async () => {
    const api = memoryApi();

    expect((await failure(createSchema(api, 'huge', ' '.repeat(20001)))).message).toMatch(
      /at 'schema' failed to satisfy constraint: Member must have length less than or equal to 20000/,
    );
  });

  it('refuses to delete a schema a dataset uses, until the dataset is gone', async () => {
    // Prepare
    const api = memoryApi();
    const schemaArn = await createSchema(api, 'in-use', INTERACTIONS_SCHEMA);
    const datasetGroupArn = await createGroup(api, 'schema-user');
    const datasetArn = await createDataset(api, datasetGroupArn, 'Interactions', schemaArn);

    // Act
    const refused = await failure(api.call('DeleteSchema', { schemaArn }));
    await api.call('DeleteDataset', { datasetArn });
    await api.call('DeleteSchema', { schemaArn });

    // Assess
    expect(refused).toMatchObject({
      name: 'ResourceInUseException',
      message: `Cannot delete schema ${schemaArn}: dataset ${datasetArn} uses it.`,
    });
  });
});

describe('datasets', () => {
  it('creates a dataset of each type in a group and describes, lists and deletes them', async () => {
    // Prepare
    const api = memoryApi();
    const schemas = await withSchemas(api);
    const datasetGroupArn = await createGroup(api, 'shop');

    // Act
    const created = {
      Interactions: await createDataset(api, datasetGroupArn, 'Interactions', schemas.interactions),
      Items: await createDataset(api, datasetGroupArn, 'Items', schemas.items),
      Users: await createDataset(api, datasetGroupArn, 'Users', schemas.users),
    };
    const { dataset } = await api.call('DescribeDataset', { datasetArn: created.Items });
    const { datasets } = await api.call('ListDatasets', { datasetGroupArn });

    // Assess
    expect(created.Items).toBe(arnOf('dataset', 'shop', 'ITEMS'));
    expect(dataset).toMatchObject({
      datasetArn: created.Items,
      datasetGroupArn,
      datasetType: 'ITEMS',
      schemaArn: schemas.items,
      status: 'ACTIVE',
    });
    expect(dataset.trackingId).toBeUndefined();
    expect(datasets.map((d: { datasetType: string }) => d.datasetType).sort()).toEqual([
      'INTERACTIONS',
      'ITEMS',
      'USERS',
    ]);
    expect((await failure(api.call('DeleteDatasetGroup', { datasetGroupArn }))).name).toBe(
      'ResourceInUseException',
    );
    for (const datasetArn of Object.values(created)) {
      await api.call('DeleteDataset', { datasetArn });
    }
    await api.call('DeleteDatasetGroup', { datasetGroupArn });
  });

  it('allows one dataset of each type per group', async () => {
    const api = memoryApi();
    const schemas = await withSchemas(api);
    const datasetGroupArn = await createGroup(api, 'single');
    const create = (name: string) =>
      api.call('CreateDataset', {
        name,
        schemaArn: schemas.interactions,
        datasetGroupArn,
        datasetType: 'INTERACTIONS',
      });
    await create('first');

    expect((await failure(create('second'))).name).toBe('ResourceAlreadyExistsException');
  });

  it('lists only the datasets of the given group, and every dataset without one', async () => {
    const api = memoryApi();
    const schemas = await withSchemas(api);
    const a = await createGroup(api, 'list-a');
    const b = await createGroup(api, 'list-b');
    for (const group of [a, b]) await createDataset(api, group, 'Users', schemas.users);

    const inA = await api.call('ListDatasets', { datasetGroupArn: a });
    const all = await api.call('ListDatasets');

    expect(inA.datasets.map((d: { datasetArn: string }) => d.datasetArn)).toEqual([
      arnOf('dataset', 'list-a', 'USERS'),
    ]);
    expect(all.datasets.map((d: { datasetArn: string }) => d.datasetArn)).toEqual([
      arnOf('dataset', 'list-b', 'USERS'),
      arnOf('dataset', 'list-a', 'USERS'),
    ]);
  });

  it('rejects a schema that does not fit the dataset type, naming the field', async () => {
    const api = memoryApi();
    const schemas = await withSchemas(api);
    const datasetGroupArn = await createGroup(api, 'misfit');

    const error = await failure(createDataset(api, datasetGroupArn, 'Items', schemas.users));

    expect(error.name).toBe('InvalidInputException');
    expect(error.message).toMatch(/ITEM_ID/);
  });

  it('rejects an unknown dataset type', async () => {
    const api = memoryApi();
    const schemas = await withSchemas(api);
    const datasetGroupArn = await createGroup(api, 'badtype');

    const error = await failure(
      api.call('CreateDataset', {
        name: 'x',
        schemaArn: schemas.users,
        datasetGroupArn,
        datasetType: 'Clicks',
      }),
    );

    expect(error.message).toMatch(/Value 'Clicks' at 'datasetType' failed to satisfy constraint/);
  });

  it('rejects a schema of another domain than the group', async () => {
    const api = memoryApi();
    const schemas = await withSchemas(api);
    const datasetGroupArn = await createGroup(api, 'vod-group', { domain: 'VIDEO_ON_DEMAND' });

    const error = await failure(createDataset(api, datasetGroupArn, 'Users', schemas.users));

    expect(error.name).toBe('InvalidInputException');
    expect(error.message).toMatch(/custom datasets.*VIDEO_ON_DEMAND domain group/);
  });

  it('reports an unknown group or schema as not found', async () => {
    const api = memoryApi();
    const schemas = await withSchemas(api);
    const datasetGroupArn = await createGroup(api, 'ghost-schema');

    expect(
      await failure(createDataset(api, arnOf('dataset-group', 'ghost'), 'Users', schemas.users)),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Could not find dataset group with ARN ${arnOf('dataset-group', 'ghost')}.`,
    });
    expect(
      await failure(createDataset(api, datasetGroupArn, 'Users', arnOf('schema', 'ghost'))),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Could not find schema with ARN ${arnOf('schema', 'ghost')}.`,
    });
  });

  it('replaces the schema with one that adds a field, and refuses one that drops a field', async () => {
    // Prepare
    const api = memoryApi();
    const schemas = await withSchemas(api);
    const datasetGroupArn = await createGroup(api, 'evolve');
    const datasetArn = await createDataset(
      api,
      datasetGroupArn,
      'Interactions',
      schemas.interactions,
    );

    // Act
    const updated = await api.call('UpdateDataset', { datasetArn, schemaArn: schemas.wider });
    const { dataset } = await api.call('DescribeDataset', { datasetArn });
    const narrower = await failure(
      api.call('UpdateDataset', { datasetArn, schemaArn: schemas.interactions }),
    );

    // Assess
    expect(updated).toEqual({ datasetArn });
    expect(dataset.schemaArn).toBe(schemas.wider);
    expect(dataset.latestDatasetUpdate).toMatchObject({
      schemaArn: schemas.wider,
      status: 'ACTIVE',
    });
    expect(dataset.lastUpdatedDateTime).toBeGreaterThan(dataset.creationDateTime);
    expect(narrower).toMatchObject({
      name: 'InvalidInputException',
      message: `Schema ${schemas.interactions} drops the field "DEVICE" of the dataset's current schema; a replacement schema may only add fields.`,
    });
  });

  it('reports an unknown dataset as not found', async () => {
    const api = memoryApi();
    const datasetArn = arnOf('dataset', 'ghost', 'USERS');
    const schemaArn = await createSchema(api, 'users', USERS_SCHEMA);

    expect(await failure(api.call('DescribeDataset', { datasetArn }))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Could not find dataset with ARN ${datasetArn}.`,
    });
    expect((await failure(api.call('UpdateDataset', { datasetArn, schemaArn }))).name).toBe(
      'ResourceNotFoundException',
    );
    expect((await failure(api.call('DeleteDataset', { datasetArn }))).name).toBe(
      'ResourceNotFoundException',
    );
  });
});

describe('datasets of a domain dataset group', () => {
  async function domainDataset(
    domain: 'VIDEO_ON_DEMAND' | 'ECOMMERCE',
    datasetType: 'Interactions' | 'Items',
    schema: string,
  ) {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, `${domain.toLowerCase()}-group`, { domain });
    const { schemaArn } = await api.call('CreateSchema', { name: 'domain', schema, domain });
    return createDataset(api, datasetGroupArn, datasetType, schemaArn as string);
  }

  it('takes the domain schemas', async () => {
    await expect(domainDataset('VIDEO_ON_DEMAND', 'Items', ITEMS_SCHEMA)).resolves.toMatch(
      /dataset\//,
    );
    await expect(domainDataset('ECOMMERCE', 'Interactions', INTERACTIONS_SCHEMA)).resolves.toMatch(
      /dataset\//,
    );
  });

  it.each([
    [
      'interactions without EVENT_TYPE',
      'VIDEO_ON_DEMAND' as const,
      'Interactions' as const,
      avroRecord('Interactions', [
        { name: 'USER_ID', type: 'string' },
        { name: 'ITEM_ID', type: 'string' },
        { name: 'TIMESTAMP', type: 'long' },
      ]),
      'Schema is missing the required field "EVENT_TYPE" for an INTERACTIONS dataset of the VIDEO_ON_DEMAND domain',
    ],
    [
      'video items without GENRES',
      'VIDEO_ON_DEMAND' as const,
      'Items' as const,
      avroRecord('Items', [
        { name: 'ITEM_ID', type: 'string' },
        { name: 'YEAR', type: 'int' },
      ]),
      'Schema is missing the required field "GENRES" for an ITEMS dataset of the VIDEO_ON_DEMAND domain',
    ],
    [
      'video items whose GENRES is not categorical',
      'VIDEO_ON_DEMAND' as const,
      'Items' as const,
      avroRecord('Items', [
        { name: 'ITEM_ID', type: 'string' },
        { name: 'GENRES', type: 'string' },
      ]),
      'Schema field "GENRES" must be categorical for an ITEMS dataset of the VIDEO_ON_DEMAND domain',
    ],
    [
      'shop items without PRICE and CATEGORY_L1',
      'ECOMMERCE' as const,
      'Items' as const,
      ITEMS_SCHEMA,
      'Schema is missing the required field "PRICE" for an ITEMS dataset of the ECOMMERCE domain; Schema is missing the required field "CATEGORY_L1" for an ITEMS dataset of the ECOMMERCE domain',
    ],
  ])('refuses %s', async (_, domain, datasetType, schema, message) => {
    const error = await failure(domainDataset(domain, datasetType, schema));
    expect(error.name).toBe('InvalidInputException');
    expect(error.message).toBe(message);
  });
});
