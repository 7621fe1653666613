import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  DeleteDatasetCommand,
  DeleteSchemaCommand,
  DescribeSchemaCommand,
  InvalidInputException,
  ListSchemasCommand,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-personalize';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import { INTERACTIONS_SCHEMA, USERS_SCHEMA } from '../helpers/schemas';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

describe('schemas', () => {
  it('creates, describes, lists and deletes a schema, returning the Avro JSON unchanged', async () => {
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: 'interactions', schema: INTERACTIONS_SCHEMA }),
    );
    expect(schemaArn).toBe(arnOf('schema', 'interactions'));

    const { schema } = await service.personalize.send(new DescribeSchemaCommand({ schemaArn }));
    expect(schema).toMatchObject({ name: 'interactions', schemaArn, schema: INTERACTIONS_SCHEMA });
    expect(schema!.creationDateTime).toBeInstanceOf(Date);

    const { schemas } = await service.personalize.send(new ListSchemasCommand({}));
    expect(schemas!.find((s) => s.schemaArn === schemaArn)).toMatchObject({
      name: 'interactions',
    });

    await service.personalize.send(new DeleteSchemaCommand({ schemaArn }));
    await expect(
      service.personalize.send(new DescribeSchemaCommand({ schemaArn })),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('records the domain of a domain schema', async () => {
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: 'vod', schema: USERS_SCHEMA, domain: 'VIDEO_ON_DEMAND' }),
    );
    const { schema } = await service.personalize.send(new DescribeSchemaCommand({ schemaArn }));
    expect(schema!.domain).toBe('VIDEO_ON_DEMAND');
  });

  it('rejects a duplicate name', async () => {
    await service.personalize.send(new CreateSchemaCommand({ name: 'dup', schema: USERS_SCHEMA }));
    await expect(
      service.personalize.send(new CreateSchemaCommand({ name: 'dup', schema: USERS_SCHEMA })),
    ).rejects.toThrow(ResourceAlreadyExistsException);
  });

  it('rejects JSON that is not a Personalize Avro record, naming the problem', async () => {
    await expect(
      service.personalize.send(new CreateSchemaCommand({ name: 'broken', schema: '{"type":' })),
    ).rejects.toThrow(InvalidInputException);
    const nested = JSON.stringify({
      type: 'record',
      name: 'Items',
      namespace: 'com.amazonaws.personalize.schema',
      fields: [
        { name: 'ITEM_ID', type: 'string' },
        { name: 'TAGS', type: { type: 'array', items: 'string' } },
      ],
    });
    await expect(
      service.personalize.send(new CreateSchemaCommand({ name: 'nested', schema: nested })),
    ).rejects.toThrow(/TAGS/);
  });

  it('rejects a schema longer than 20000 characters, as the model bounds it', async () => {
    await expect(
      service.personalize.send(
        new CreateSchemaCommand({ name: 'huge', schema: ' '.repeat(20001) }),
      ),
    ).rejects.toThrow(
      /at 'schema' failed to satisfy constraint: Member must have length less than or equal to 20000/,
    );
  });

  it('refuses to delete a schema a dataset uses, until the dataset is gone', async () => {
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: 'in-use', schema: INTERACTIONS_SCHEMA }),
    );
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'schema-user' }),
    );
    const { datasetArn } = await service.personalize.send(
      new CreateDatasetCommand({
        name: 'events',
        schemaArn,
        datasetGroupArn,
        datasetType: 'Interactions',
      }),
    );
    await expect(service.personalize.send(new DeleteSchemaCommand({ schemaArn }))).rejects.toThrow(
      new ResourceInUseException({
        $metadata: {},
        message: `Cannot delete schema ${schemaArn}: dataset ${datasetArn} uses it.`,
      }),
    );
    await service.personalize.send(new DeleteDatasetCommand({ datasetArn }));
    await service.personalize.send(new DeleteSchemaCommand({ schemaArn }));
  });

  it('reports an unknown schema as not found', async () => {
    await expect(
      service.personalize.send(new DeleteSchemaCommand({ schemaArn: arnOf('schema', 'none') })),
    ).rejects.toThrow(ResourceNotFoundException);
  });
});
