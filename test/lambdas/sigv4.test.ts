/**
 * The Lambda handlers with TAILOR_AUTH=sigv4: proxy events carrying requests signed by the SDK's
 * own signer for the API's execute-api host and stage, keys in the AccessKeys table (dynalite).
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { issueAccessKey } from '../../layers/core/auth/access-keys';
import {
  LAMBDA_REGION as REGION,
  startLambdaHandlers,
  type LambdaHandlers,
} from '../helpers/lambda-handlers';
import { signWithSmithy, type PlainRequest } from '../helpers/signers';

const PREFIX = 'lambda-auth-test';
const HOST = 'abc123.execute-api.eu-west-1.amazonaws.com';

let handlers: LambdaHandlers;
let key: { accessKeyId: string; secretAccessKey: string };
/** A key whose policy allows GetRecommendations alone (docs/auth.md#key-policies). */
let browserKey: { accessKeyId: string; secretAccessKey: string };
const invokeControl = (event: APIGatewayProxyEvent) => handlers.control(event);
const invokeEvents = (event: APIGatewayProxyEvent) => handlers.events(event);

beforeAll(async () => {
  handlers = await startLambdaHandlers({
    prefix: PREFIX,
    env: { TAILOR_AUTH: 'sigv4' },
    prepare: async (keys) => {
      key = await issueAccessKey(keys);
      browserKey = await issueAccessKey(keys, {
        policy: { actions: ['personalize:GetRecommendations'] },
      });
    },
  });
});
afterAll(() => handlers.stop());

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

describe('a captured control request replayed with another X-Amz-Target (issue 12)', () => {
  it('is refused with IncompleteSignatureException: the target must be signed', async () => {
    // Prepare: signed as a listing without its target, then sent as a delete.
    const event = await signedEvent('/', {
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    event.headers['x-amz-target'] = 'AmazonPersonalize.DeleteDatasetGroup';

    // Act
    const response = await invokeControl(event);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      __type: 'IncompleteSignatureException',
      message: "'x-amz-target' must be a 'SignedHeader' in the AWS Authorization.",
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

describe('a key with a policy, through the control handler', () => {
  it('is refused an operation its policy does not allow, as IAM refuses it', async () => {
    // Act
    const response = await invokeControl(await signedEvent('/', listDatasetGroups, browserKey));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      __type: 'AccessDeniedException',
      message: `User: ${browserKey.accessKeyId} is not authorized to perform: personalize:ListDatasetGroups on resource: *`,
    });
  });
});
