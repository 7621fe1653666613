/**
 * Error messages quote at most 100 characters of an offending value, then "…" (issue 12): a
 * request of a megabyte no longer comes back whole in its error.
 */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
} from '@aws-sdk/client-personalize';
import { PutItemsCommand } from '@aws-sdk/client-personalize-events';
import { createGroup, startTestService, type TestService } from '../helpers/local-service';
import { ITEMS_SCHEMA } from '../helpers/schemas';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

async function refusal(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect((error as Error).name).toBe('InvalidInputException');
  return (error as Error).message;
}

it('quotes the first 100 characters of a 500,000-character name', async () => {
  const message = await refusal(
    service.personalize.send(new CreateDatasetGroupCommand({ name: 'n'.repeat(500_000) })),
  );

  expect(message).toBe(
    `1 validation error detected: Value '${'n'.repeat(100)}…' at 'name' failed to satisfy constraint: Member must have length less than or equal to 63`,
  );
});

it('cuts at a character, never inside a surrogate pair', async () => {
  const message = await refusal(
    service.personalize.send(new CreateDatasetGroupCommand({ name: '😀'.repeat(150) })),
  );

  expect(message).toContain(`Value '${'😀'.repeat(100)}…' at 'name'`);
});

it('quotes a value of exactly 100 characters whole', async () => {
  const message = await refusal(
    service.personalize.send(new CreateDatasetGroupCommand({ name: '-'.repeat(100) })),
  );

  expect(message).toContain(`Value '${'-'.repeat(100)}' at 'name'`);
});

it('quotes the start of a long unknown properties key', async () => {
  const datasetGroupArn = await createGroup(service, 'quoted');
  const { schemaArn } = await service.personalize.send(
    new CreateSchemaCommand({ name: 'quoted-items', schema: ITEMS_SCHEMA }),
  );
  const { datasetArn } = await service.personalize.send(
    new CreateDatasetCommand({ name: 'items', schemaArn, datasetGroupArn, datasetType: 'Items' }),
  );
  const key = 'k'.repeat(20_000);

  const message = await refusal(
    service.events.send(
      new PutItemsCommand({
        datasetArn,
        items: [{ itemId: 'i1', properties: JSON.stringify({ [key]: 1 }) }],
      }),
    ),
  );

  expect(message).toMatch(new RegExp(`^items\\[0\\]\\.properties: "k{100}…" is not a field`));
  expect(message.length).toBeLessThan(500);
});

it('refuses a map with more entries than the model allows, quoting only its start', async () => {
  const datasetGroupArn = await createGroup(service, 'many-parameters');
  const featureTransformationParameters = Object.fromEntries(
    Array.from({ length: 101 }, (_, i) => [`p${i}`, 'x'.repeat(1000)]),
  );

  const message = await refusal(
    service.personalize.send(
      new CreateSolutionCommand({
        name: 'many-parameters',
        datasetGroupArn,
        recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization',
        solutionConfig: { featureTransformationParameters },
      }),
    ),
  );

  expect(message).toBe(
    `1 validation error detected: Value {"p0":"${'x'.repeat(93)}… at 'solutionConfig.featureTransformationParameters' failed to satisfy constraint: Member must have length less than or equal to 100`,
  );
});

describe('a value nested thousands of levels deep (found by the fuzzer, issue 12)', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('is quoted in part in a validation error, not a 500', async () => {
    const response = await fetch(service.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonPersonalize.CreateSolutionVersion',
      },
      body: `{"solutionArn":"arn:aws:personalize:us-east-1:000000000000:solution/s","trainingMode":${deep(5000)}}`,
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'InvalidInputException',
      message: `1 validation error detected: Value ${'['.repeat(100)}… at 'trainingMode' failed to satisfy constraint: Member must satisfy enum value set: [FULL, UPDATE]`,
    });
  });

  it('is quoted in part in a properties error', async () => {
    const datasetGroupArn = await createGroup(service, 'deep');
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: 'deep-items', schema: ITEMS_SCHEMA }),
    );
    const { datasetArn } = await service.personalize.send(
      new CreateDatasetCommand({ name: 'items', schemaArn, datasetGroupArn, datasetType: 'Items' }),
    );

    const message = await refusal(
      service.events.send(
        new PutItemsCommand({
          datasetArn,
          items: [{ itemId: 'i1', properties: `{"genres":${deep(12_000)}}` }],
        }),
      ),
    );

    expect(message).toBe(
      `items[0].properties: "genres" (GENRES, string) must be a string, got ${'['.repeat(100)}…; items[0].properties: missing "creationTimestamp" (CREATION_TIMESTAMP), which the Items schema requires`,
    );
  });
});

it('quotes the start of an unknown operation given in a long X-Amz-Target', async () => {
  const target = `AmazonPersonalize.${'Create'.repeat(2000)}`;

  const response = await fetch(service.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: '{}',
  });

  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({
    __type: 'UnknownOperationException',
    message: `Unknown operation ${target.slice(0, 100)}….`,
  });
});
