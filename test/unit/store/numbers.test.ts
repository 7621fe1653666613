/**
 * Every finite double through a real DynamoDB (dynalite) and back, exactly: within DynamoDB's
 * number range as N, beyond it as 8 bytes (issue 12).
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { fromAttributes, toAttributes } from '../../../layers/core/store/dynamodb/numbers';
import { METADATA_TABLE, tableName } from '../../../layers/core/store/tables';
import { startDynamoDb, STORE_CREDENTIALS, type LocalDynamoDb } from '../../helpers/local-stores';

const PREFIX = 'numbers';
let dynamo: LocalDynamoDb;
let client: DynamoDBClient;

beforeAll(async () => {
  dynamo = await startDynamoDb(PREFIX, 'us-east-1');
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: STORE_CREDENTIALS,
  });
});
afterAll(async () => {
  client.destroy();
  await dynamo.stop();
});

const TableName = tableName(PREFIX, METADATA_TABLE);

async function roundTrip(value: unknown): Promise<unknown> {
  const arn = `arn:${JSON.stringify(value)}`;
  await client.send(new PutItemCommand({ TableName, Item: toAttributes({ arn, value }) }));
  const { Item } = await client.send(
    new GetItemCommand({ TableName, Key: toAttributes({ arn }), ConsistentRead: true }),
  );
  return fromAttributes(Item!).value;
}

describe('numbers kept exactly', () => {
  it.each([
    0,
    -1.5,
    2 ** 53 + 2,
    -(2 ** 60),
    0.1,
    1e-130,
    1e125,
    9.999999999999999e125,
    1e126,
    -1e300,
    Number.MAX_VALUE,
    5e-324,
    -1e-131,
  ])('%p', async (value) => {
    expect(await roundTrip(value)).toBe(value);
  });

  it('in maps and lists, beside strings, booleans and nulls', async () => {
    const value = { price: 1e300, tags: ['a', 1e-300, 7], inStock: true, note: null };

    expect(await roundTrip(value)).toEqual(value);
  });

  it('in a map whatever its members are called (a tag key "constructor" or "toString")', async () => {
    const value = JSON.parse(
      '{"constructor": "x", "toString": {"name": "Set"}, "hasOwnProperty": 1}',
    );

    expect(await roundTrip(value)).toEqual(value);
  });
});
