/**
 * Numbers at the edges of the model's types, through the official clients (issue 12): a number
 * any `double` or `float` member allows is kept as Personalize keeps it, and one out of range is
 * an InvalidInputException, never a 500.
 */
import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  DescribeSolutionCommand,
  InvalidInputException,
  ListDatasetGroupsCommand,
} from '@aws-sdk/client-personalize';
import {
  InvalidInputException as EventsInvalidInputException,
  PutEventsCommand,
  PutItemsCommand,
} from '@aws-sdk/client-personalize-events';
import { createGroup, startTestService, type TestService } from '../helpers/local-service';
import { avroRecord, BASE_INTERACTION_FIELDS } from '../helpers/schemas';

let service: TestService;
let datasetGroupArn: string;
let itemsArn: string;
let trackingId: string;

const T0 = 1_700_000_000;

beforeAll(async () => {
  service = await startTestService();
  datasetGroupArn = await createGroup(service, 'numbers');
  const dataset = async (type: 'Interactions' | 'Items', fields: object[]) => {
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: `numbers-${type}`, schema: avroRecord(type, fields) }),
    );
    const { datasetArn } = await service.personalize.send(
      new CreateDatasetCommand({
        name: `numbers-${type}`,
        schemaArn,
        datasetGroupArn,
        datasetType: type,
      }),
    );
    return datasetArn!;
  };
  await dataset('Interactions', [
    ...BASE_INTERACTION_FIELDS,
    { name: 'EVENT_VALUE', type: ['float', 'null'] },
    { name: 'RATING', type: ['double', 'null'] },
  ]);
  itemsArn = await dataset('Items', [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'PRICE', type: ['double', 'null'] },
    { name: 'WEIGHT', type: ['float', 'null'] },
  ]);
  ({ trackingId } = (await service.personalize.send(
    new CreateEventTrackerCommand({ name: 'numbers-tracker', datasetGroupArn }),
  )) as { trackingId: string });
});
afterAll(() => service.stop());

/** A raw request, for JSON numbers no SDK writes (1e400, past a double's range). */
async function post(path: string, body: string, target?: string) {
  const response = await fetch(`${service.endpoint}${path}`, {
    method: 'POST',
    headers: target
      ? { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }
      : { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  // PutEvents answers 200 with an empty body.
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, string>,
  };
}

const putEvent = (userId: string, event: Record<string, unknown>) =>
  service.events.send(
    new PutEventsCommand({
      trackingId,
      userId,
      sessionId: `${userId}-session`,
      eventList: [{ eventType: 'click', itemId: 'i1', sentAt: new Date(T0 * 1000), ...event }],
    }),
  );

const latestEvent = async (userId: string) =>
  (await service.context.events.latest(datasetGroupArn, { userId }, 1))[0]!;

describe('PutEvents eventValue, a 32-bit float in the model', () => {
  it('takes 1e16 and keeps the float nearest to it, as Personalize reads it', async () => {
    await putEvent('big-value', { eventValue: 1e16 });

    expect((await latestEvent('big-value')).eventValue).toBe(Math.fround(1e16));
  });

  it('takes 2^53 + 1 (read as a double, then as a float)', async () => {
    const reply = await post(
      '/events',
      `{"trackingId":"${trackingId}","userId":"odd","sessionId":"s-odd","eventList":[{"eventType":"click","sentAt":${T0},"eventValue":9007199254740993}]}`,
    );

    expect(reply.status).toBe(200);
    expect((await latestEvent('odd')).eventValue).toBe(Math.fround(2 ** 53));
  });

  it('refuses 1e300, beyond a float, with InvalidInputException', async () => {
    const attempt = putEvent('huge-value', { eventValue: 1e300 });

    await expect(attempt).rejects.toThrow(EventsInvalidInputException);
    await expect(attempt).rejects.toThrow(
      "1 validation error detected: Value 1e+300 at 'eventList[0].eventValue' failed to satisfy constraint: Member must have value less than or equal to 3.4028234663852886e+38",
    );
  });

  it('refuses a JSON number beyond a double (1e400) with InvalidInputException', async () => {
    const reply = await post(
      '/events',
      `{"trackingId":"${trackingId}","sessionId":"s","eventList":[{"eventType":"click","sentAt":${T0},"eventValue":-1e400}]}`,
    );

    expect(reply).toEqual({
      status: 400,
      body: {
        message:
          "1 validation error detected: Value -Infinity at 'eventList[0].eventValue' failed to satisfy constraint: Member must be a number no larger in magnitude than 1.7976931348623157e+308",
      },
    });
  });
});

describe('double and float fields in properties', () => {
  it.each([1e300, 2 ** 53 + 2, -1e-300, 5e-324, 1e125, -Number.MAX_VALUE])(
    'keeps %p in a double field exactly',
    async (price) => {
      await service.events.send(
        new PutItemsCommand({
          datasetArn: itemsArn,
          items: [{ itemId: 'priced', properties: JSON.stringify({ price, weight: 1.5 }) }],
        }),
      );

      const stored = await service.context.datasetRecords.get(itemsArn, ['priced']);
      expect(stored.get('priced')!.fields).toEqual({ PRICE: price, WEIGHT: 1.5 });
    },
  );

  it('keeps 1e300 in an event property of type double', async () => {
    await putEvent('rated', { properties: JSON.stringify({ rating: 1e300 }) });

    expect((await latestEvent('rated')).properties).toEqual({ RATING: 1e300 });
  });

  it('refuses 1e39 in a float field with InvalidInputException', async () => {
    const attempt = service.events.send(
      new PutItemsCommand({
        datasetArn: itemsArn,
        items: [{ itemId: 'heavy', properties: '{"price":1,"weight":1e39}' }],
      }),
    );

    await expect(attempt).rejects.toThrow(EventsInvalidInputException);
    await expect(attempt).rejects.toThrow(
      'items[0].properties: "weight" (WEIGHT, float) is out of range for a float (at most 3.4028234663852886e+38 in magnitude), got 1e+39',
    );
  });

  it('refuses a JSON number beyond a double in a double field', async () => {
    const attempt = service.events.send(
      new PutItemsCommand({
        datasetArn: itemsArn,
        items: [{ itemId: 'endless', properties: '{"price":1e400}' }],
      }),
    );

    await expect(attempt).rejects.toThrow(
      'items[0].properties: "price" (PRICE, double) is out of range for a double (at most 1.7976931348623157e+308 in magnitude), got a number too large for a double',
    );
  });
});

describe('numeric members of the control plane', () => {
  it('keeps a double member of 1e300 (eventValueThreshold) and describes it back', async () => {
    const { solutionArn } = await service.personalize.send(
      new CreateSolutionCommand({
        name: 'numbers-threshold',
        datasetGroupArn,
        recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization',
        solutionConfig: {
          eventsConfig: {
            eventParametersList: [{ eventType: 'click', eventValueThreshold: 1e300 }],
          },
        },
      }),
    );

    const { solution } = await service.personalize.send(
      new DescribeSolutionCommand({ solutionArn }),
    );
    expect(solution?.solutionConfig?.eventsConfig?.eventParametersList).toEqual([
      { eventType: 'click', eventValueThreshold: 1e300 },
    ]);
  });

  it('refuses an integer member past its 32-bit range with its bound', async () => {
    const attempt = service.personalize.send(
      new CreateCampaignCommand({
        name: 'numbers-campaign',
        solutionVersionArn: 'arn:aws:personalize:us-east-1:000000000000:solution/none/1',
        minProvisionedTPS: 1e16,
      }),
    );

    await expect(attempt).rejects.toThrow(InvalidInputException);
    await expect(attempt).rejects.toThrow(
      "1 validation error detected: Value 10000000000000000 at 'minProvisionedTPS' failed to satisfy constraint: Member must have value less than or equal to 2147483647",
    );
  });

  it('names only the declared bound of a huge maxResults', async () => {
    const attempt = service.personalize.send(new ListDatasetGroupsCommand({ maxResults: 1e300 }));

    await expect(attempt).rejects.toThrow(
      "1 validation error detected: Value 1e+300 at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it('refuses HPO bounds outside the model ranges', async () => {
    const attempt = service.personalize.send(
      new CreateSolutionCommand({
        name: 'numbers-hpo',
        datasetGroupArn,
        recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization',
        performHPO: true,
        solutionConfig: {
          hpoConfig: {
            algorithmHyperParameterRanges: {
              integerHyperParameterRanges: [
                { name: 'hidden_dimension', minValue: 8, maxValue: 2_000_000 },
              ],
            },
          },
        },
      }),
    );

    await expect(attempt).rejects.toThrow(
      "1 validation error detected: Value 2000000 at 'solutionConfig.hpoConfig.algorithmHyperParameterRanges.integerHyperParameterRanges[0].maxValue' failed to satisfy constraint: Member must have value less than or equal to 1000000",
    );
  });
});
