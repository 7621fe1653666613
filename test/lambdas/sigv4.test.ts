/**
 * The Lambda handlers with TAILOR_AUTH=sigv4: proxy events carrying requests signed by the SDK's
 * own signer for the API's execute-api host and stage, keys in the AccessKeys table (dynalite).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  Context as LambdaContext,
} from 'aws-lambda';
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';
import { issueAccessKey } from '../../layers/core/auth/access-keys';
import { DynamoDbAccessKeyStore } from '../../layers/core/store/dynamodb/access-key-store';
import { ensureTables } from '../../layers/core/store/dynamodb/tables';
import { ACCESS_KEYS_TABLE, tableName } from '../../layers/core/store/tables';
import { signWithSmithy, type PlainRequest } from '../helpers/signers';

const PREFIX = 'lambda-auth-test';
const REGION = 'eu-west-1';
const HOST = 'abc123.execute-api.eu-west-1.amazonaws.com';

const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
const savedEnv = process.env;
type Invoke = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
let invokeControl: Invoke;
let invokeEvents: Invoke;
let key: { accessKeyId: string; secretAccessKey: string };

beforeAll(async () => {
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const client = new DynamoDBClient({ endpoint, region: REGION, credentials });
  await ensureTables(client, PREFIX);
  key = await issueAccessKey(
    new DynamoDbAccessKeyStore(client, tableName(PREFIX, ACCESS_KEYS_TABLE)),
  );
  client.destroy();

  process.env = {
    ...savedEnv,
    TAILOR_PREFIX: PREFIX,
    TAILOR_ACCOUNT: '123456789012',
    TAILOR_TOKEN_KEY: 'test-key',
    TAILOR_DATA_BUCKET: 'tailor-data',
    TAILOR_AUTH: 'sigv4',
    AWS_REGION: REGION,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  };
  // The handlers read the environment at import.
  const control = await import('../../lambdas/control');
  invokeControl = (event) => control.handler(event, {} as LambdaContext);
  const events = await import('../../lambdas/events');
  invokeEvents = (event) => events.handler(event, {} as LambdaContext);
});

afterAll(async () => {
  process.env = savedEnv;
  dynamo.closeAllConnections();
  await new Promise((resolve) => dynamo.close(resolve));
});

/** What API Gateway hands the function for a signed request to `/prod{route}`. */
async function signedEvent(
  route: string,
  plain: Omit<PlainRequest, 'method' | 'host' | 'path'>,
  credentials = key,
): Promise<APIGatewayProxyEvent> {
  const signed = await signWithSmithy(
    { ...plain, method: 'POST', host: HOST, path: `/prod${route}` },
    { credentials, region: REGION, service: 'personalize', signingDate: new Date() },
  );
  return {
    resource: route,
    path: route,
    httpMethod: 'POST',
    headers: signed.headers as Record<string, string>,
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      stage: 'prod',
      path: `/prod${route}`,
    } as APIGatewayProxyEvent['requestContext'],
    body: plain.body,
    isBase64Encoded: false,
  };
}

const listDatasetGroups = {
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AmazonPersonalize.ListDatasetGroups',
  },
  body: '{}',
};

describe('the control handler with TAILOR_AUTH=sigv4', () => {
  it('serves a request signed with an issued key for the stage path', async () => {
    // Act
    const response = await invokeControl(await signedEvent('/', listDatasetGroups));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ datasetGroups: [] });
  });

  it('refuses a wrong secret with an AWS JSON InvalidSignatureException', async () => {
    // Act
    const response = await invokeControl(
      await signedEvent('/', listDatasetGroups, { ...key, secretAccessKey: 'x'.repeat(40) }),
    );

    // Assess
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ __type: 'InvalidSignatureException' });
  });

  it('refuses an unsigned request with MissingAuthenticationTokenException', async () => {
    // Prepare
    const event = await signedEvent('/', listDatasetGroups);
    delete event.headers.authorization;

    // Act
    const response = await invokeControl(event);

    // Assess
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body)).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });
});

describe('the events handler with TAILOR_AUTH=sigv4', () => {
  it('refuses an unknown key in restJson1: the exception in x-amzn-errortype', async () => {
    // Act
    const response = await invokeEvents(
      await signedEvent(
        '/events',
        { headers: { 'content-type': 'application/json' }, body: '{"trackingId":"t"}' },
        { accessKeyId: 'TKIANOSUCHKEYNOSUCH2', secretAccessKey: key.secretAccessKey },
      ),
    );

    // Assess
    expect(response.statusCode).toBe(403);
    expect(response.headers).toMatchObject({ 'x-amzn-errortype': 'UnrecognizedClientException' });
    expect(JSON.parse(response.body)).toEqual({
      message: 'The security token included in the request is invalid.',
    });
  });
});
