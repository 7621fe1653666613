/**
 * The Lambdas' real handlers against a real (in-process, in-memory)
 * DynamoDB: dynalite, with the tables the local service creates.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  LAMBDA_ACCOUNT,
  LAMBDA_REGION,
  startLambdaHandlers,
  type LambdaHandlers,
} from '../helpers/lambda-handlers';

let handlers: LambdaHandlers;
const invoke = (event: APIGatewayProxyEvent) => handlers.control(event);
const invokeEvents = (event: APIGatewayProxyEvent) => handlers.events(event);

beforeAll(async () => {
  handlers = await startLambdaHandlers({ prefix: 'lambda-test' });
});
afterAll(() => handlers.stop());

/** A REST API proxy event as API Gateway sends it for `POST /prod/`: header case as sent. */
const controlEvent = (
  operation: string,
  input: unknown,
  overrides: Partial<APIGatewayProxyEvent> = {},
): APIGatewayProxyEvent => ({
  resource: '/',
  path: '/',
  httpMethod: 'POST',
  headers: {
    'Content-Type': 'application/x-amz-json-1.1',
    'X-Amz-Target': `AmazonPersonalize.${operation}`,
  },
  multiValueHeaders: {},
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: null,
  stageVariables: null,
  requestContext: { stage: 'prod', path: '/prod/' } as APIGatewayProxyEvent['requestContext'],
  body: JSON.stringify(input),
  isBase64Encoded: false,
  ...overrides,
});

const arn = (name: string) =>
  `arn:aws:personalize:${LAMBDA_REGION}:${LAMBDA_ACCOUNT}:dataset-group/${name}`;

describe('control Lambda handler', () => {
  it('creates a dataset group and describes it', async () => {
    const created = await invoke(
      controlEvent('CreateDatasetGroup', { name: 'movies', domain: 'VIDEO_ON_DEMAND' }),
    );

    expect(created.statusCode).toBe(200);
    expect(created.headers).toMatchObject({ 'content-type': 'application/x-amz-json-1.1' });
    expect(JSON.parse(created.body)).toEqual({
      datasetGroupArn: arn('movies'),
      domain: 'VIDEO_ON_DEMAND',
    });

    const described = await invoke(
      controlEvent('DescribeDatasetGroup', { datasetGroupArn: arn('movies') }),
    );

    expect(described.statusCode).toBe(200);
    const { datasetGroup } = JSON.parse(described.body);
    expect(datasetGroup).toMatchObject({
      name: 'movies',
      datasetGroupArn: arn('movies'),
      status: 'ACTIVE',
      domain: 'VIDEO_ON_DEMAND',
    });
    expect(typeof datasetGroup.creationDateTime).toBe('number');
  });

  it.each([
    ['another account', 'arn:aws:sts::999999999999:assumed-role/Admin/jane'],
    ['a federated user', `arn:aws:sts::${LAMBDA_ACCOUNT}:federated-user/jane`],
  ])(
    'refuses a roleArn from %s, whose policies it cannot read, as IAM words it',
    async (_case, userArn) => {
      const role = `arn:aws:iam::${LAMBDA_ACCOUNT}:role/personalize-kms`;
      const event = controlEvent(
        'CreateDatasetGroup',
        { name: 'denied', roleArn: role, kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' },
        {
          requestContext: {
            stage: 'prod',
            path: '/prod/',
            identity: { userArn },
          } as APIGatewayProxyEvent['requestContext'],
        },
      );

      const refused = await invoke(event);

      expect(refused.statusCode).toBe(400);
      expect(JSON.parse(refused.body)).toEqual({
        __type: 'AccessDeniedException',
        message: `User: ${userArn} is not authorized to perform: iam:PassRole on resource: ${role}`,
      });
    },
  );

  it('decodes a base64-encoded body', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'encoded' })).toString('base64');

    const created = await invoke(
      controlEvent('CreateDatasetGroup', undefined, { body, isBase64Encoded: true }),
    );

    expect(created.statusCode).toBe(200);
    expect(JSON.parse(created.body)).toEqual({ datasetGroupArn: arn('encoded') });
  });

  it('answers an unknown target with a 400 UnknownOperationException', async () => {
    const response = await invoke(controlEvent('CreateNothing', {}));

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ __type: 'UnknownOperationException' });
    expect(response.headers).toMatchObject({ 'x-amzn-errortype': 'UnknownOperationException' });
  });

  it('lets no browser origin read its answers without TAILOR_CONSOLE_ORIGIN', async () => {
    const response = await invoke(controlEvent('ListDatasetGroups', {}));

    expect(response.statusCode).toBe(200);
    expect(
      Object.keys(response.headers ?? {}).filter((name) => /^access-control-/i.test(name)),
    ).toEqual([]);
  });

  it('answers an event whose headers are null, as in console tests', async () => {
    const event = controlEvent('ListDatasetGroups', {}, {
      headers: null,
    } as unknown as Partial<APIGatewayProxyEvent>);

    const response = await invoke(event);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ __type: 'UnknownOperationException' });
  });
});

describe('events Lambda handler', () => {
  const eventsEvent = (body: unknown): APIGatewayProxyEvent =>
    controlEvent('', body, {
      resource: '/events',
      path: '/events',
      headers: { 'Content-Type': 'application/json' },
    });

  it('records events for a tracker that the control handler created', async () => {
    const group = JSON.parse(
      (await invoke(controlEvent('CreateDatasetGroup', { name: 'events-lambda' }))).body,
    ).datasetGroupArn;
    const schemaArn = JSON.parse(
      (
        await invoke(
          controlEvent('CreateSchema', {
            name: 'events-lambda',
            schema: JSON.stringify({
              type: 'record',
              name: 'Interactions',
              namespace: 'com.amazonaws.personalize.schema',
              fields: [
                { name: 'USER_ID', type: 'string' },
                { name: 'ITEM_ID', type: 'string' },
                { name: 'TIMESTAMP', type: 'long' },
                { name: 'EVENT_TYPE', type: 'string' },
              ],
            }),
          }),
        )
      ).body,
    ).schemaArn;
    await invoke(
      controlEvent('CreateDataset', {
        name: 'events-lambda',
        datasetGroupArn: group,
        schemaArn,
        datasetType: 'Interactions',
      }),
    );
    const { trackingId } = JSON.parse(
      (
        await invoke(
          controlEvent('CreateEventTracker', { name: 'events-lambda', datasetGroupArn: group }),
        )
      ).body,
    );

    const recorded = await invokeEvents(
      eventsEvent({
        trackingId,
        userId: 'u1',
        sessionId: 's1',
        eventList: [{ eventType: 'click', itemId: 'i1', sentAt: 1_700_000_000 }],
      }),
    );
    expect(recorded.statusCode).toBe(200);
  });

  it('answers an unknown trackingId with a restJson1 ResourceNotFoundException', async () => {
    const result = await invokeEvents(
      eventsEvent({
        trackingId: '00000000-0000-0000-0000-000000000000',
        sessionId: 's1',
        eventList: [{ eventType: 'click', itemId: 'i1', sentAt: 1_700_000_000 }],
      }),
    );
    expect(result.statusCode).toBe(404);
    expect(result.headers!['x-amzn-errortype']).toBe('ResourceNotFoundException');
  });
});
