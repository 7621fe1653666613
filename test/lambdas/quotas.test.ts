/**
 * The control function enforces the quotas the stack passes it as TAILOR_QUOTAS (the `quotas`
 * prop, docs/quotas.md), through its real handler on dynalite.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  LAMBDA_ACCOUNT,
  LAMBDA_REGION,
  startLambdaHandlers,
  type LambdaHandlers,
} from '../helpers/lambda-handlers';

let handlers: LambdaHandlers;

beforeAll(async () => {
  handlers = await startLambdaHandlers({
    prefix: 'lambda-quotas',
    env: { TAILOR_QUOTAS: 'datasetGroups=1' },
  });
});
afterAll(() => handlers.stop());

const createGroup = (name: string) =>
  handlers.control({
    resource: '/',
    path: '/',
    httpMethod: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AmazonPersonalize.CreateDatasetGroup',
    },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { stage: 'prod', path: '/prod/' } as APIGatewayProxyEvent['requestContext'],
    body: JSON.stringify({ name }),
    isBase64Encoded: false,
  });

it('refuses a dataset group past the quota in TAILOR_QUOTAS', async () => {
  const first = await createGroup('only');
  expect(JSON.parse(first.body)).toEqual({
    datasetGroupArn: `arn:aws:personalize:${LAMBDA_REGION}:${LAMBDA_ACCOUNT}:dataset-group/only`,
  });

  const second = await createGroup('second');

  expect(second.statusCode).toBe(400);
  expect(JSON.parse(second.body)).toEqual({
    __type: 'LimitExceededException',
    message:
      'The account already has 1 dataset groups, the most it can have (quota datasetGroups); delete one first.',
  });
});
