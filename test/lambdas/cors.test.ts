/**
 * The handlers with the console's origin set (TAILOR_CONSOLE_ORIGIN, TailorProps.console): every
 * answer lets that origin read it, a refusal the signature check returns early included.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { issueAccessKey } from '../../layers/core/auth/access-keys';
import {
  LAMBDA_REGION,
  startLambdaHandlers,
  type LambdaHandlers,
} from '../helpers/lambda-handlers';
import { signWithSmithy } from '../helpers/signers';

const ORIGIN = 'https://d111111abcdef8.cloudfront.net';

let handlers: LambdaHandlers;
let key: { accessKeyId: string; secretAccessKey: string };

beforeAll(async () => {
  handlers = await startLambdaHandlers({
    prefix: 'lambda-cors-test',
    env: { TAILOR_AUTH: 'sigv4', TAILOR_CONSOLE_ORIGIN: ORIGIN },
    prepare: async (keys) => {
      key = await issueAccessKey(keys);
    },
  });
});
afterAll(() => handlers.stop());

/** A request from the console's page as API Gateway hands it over. */
const browserEvent = (path: string, headers: Record<string, string>): APIGatewayProxyEvent => ({
  resource: path,
  path,
  httpMethod: 'POST',
  headers: { origin: ORIGIN, ...headers },
  multiValueHeaders: {},
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: null,
  stageVariables: null,
  requestContext: { stage: 'prod', path: `/prod${path}` } as APIGatewayProxyEvent['requestContext'],
  body: '{}',
  isBase64Encoded: false,
});

const CORS_HEADERS = {
  'access-control-allow-origin': ORIGIN,
  'access-control-expose-headers': 'date,x-amzn-errortype,x-amzn-requestid',
  vary: 'Origin',
};

const LIST_DATASET_GROUPS = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'AmazonPersonalize.ListDatasetGroups',
};

describe('the handlers with TAILOR_CONSOLE_ORIGIN', () => {
  it("lets the console's origin read the control plane's answer to a signed request", async () => {
    // Prepare
    const host = 'abc123.execute-api.eu-west-1.amazonaws.com';
    const signed = await signWithSmithy(
      { method: 'POST', host, path: '/prod/', headers: LIST_DATASET_GROUPS, body: '{}' },
      { credentials: key, region: LAMBDA_REGION, service: 'personalize', signingDate: new Date() },
    );

    // Act
    const response = await handlers.control(
      browserEvent('/', signed.headers as Record<string, string>),
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject(CORS_HEADERS);
  });

  it("lets the console's origin read the control plane's refusal of an unsigned request", async () => {
    // Act
    const response = await handlers.control(browserEvent('/', LIST_DATASET_GROUPS));

    // Assess
    expect(response.statusCode).toBe(403);
    expect(response.headers).toMatchObject({
      ...CORS_HEADERS,
      'x-amzn-errortype': expect.any(String),
      'x-amzn-requestid': expect.any(String),
    });
  });

  it("lets the console's origin read the events API's refusal", async () => {
    // Act
    const response = await handlers.events(
      browserEvent('/events', { 'content-type': 'application/json' }),
    );

    // Assess
    expect(response.statusCode).toBe(403);
    expect(response.headers).toMatchObject(CORS_HEADERS);
  });
});
