/**
 * Batch writes against dynalite, with DynamoDB's partial and throttled answers
 * injected into the real client's middleware, since dynalite never gives them.
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  type BatchWriteItemCommandInput,
  type BatchWriteItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import dynalite from 'dynalite';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  backoffDelay,
  batchWrite,
  type RetryPolicy,
} from '../../../layers/core/store/dynamodb/batch';
import { createTableInput } from '../../../layers/core/store/dynamodb/tables';
import { DATASET_RECORDS_TABLE, tableName } from '../../../layers/core/store/tables';

const TABLE = tableName('batch', DATASET_RECORDS_TABLE);
const FAST: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 5 };

let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = newClient();
  await client.send(new CreateTableCommand(createTableInput('batch', DATASET_RECORDS_TABLE)));
  client.destroy();
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function newClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
}

type Fault = 'half-unprocessed' | 'throttle';

/** A client whose next BatchWriteItem calls suffer these faults, in order. */
function faultyClient(faults: Fault[]): { client: DynamoDBClient; calls: () => number } {
  const client = newClient();
  let calls = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'BatchWriteItemCommand') return next(args);
      calls++;
      const fault = faults.shift();
      if (fault === 'throttle') {
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
          name: 'ProvisionedThroughputExceededException',
        });
      }
      if (fault !== 'half-unprocessed') return next(args);
      const requests = (args.input as BatchWriteItemCommandInput).RequestItems![TABLE]!;
      const half = Math.ceil(requests.length / 2);
      const result = await next({
        ...args,
        input: { RequestItems: { [TABLE]: requests.slice(0, half) } },
      });
      (result.output as BatchWriteItemCommandOutput).UnprocessedItems = {
        [TABLE]: requests.slice(half),
      };
      return result;
    },
    { step: 'initialize', name: 'injectFaults' },
  );
  return { client, calls: () => calls };
}

const puts = (datasetArn: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    PutRequest: { Item: marshall({ datasetArn, id: `id-${i}`, fields: {} }) },
  }));

async function storedCount(datasetArn: string): Promise<number> {
  const client = newClient();
  const { Items = [] } = await client.send(new ScanCommand({ TableName: TABLE }));
  client.destroy();
  return Items.filter((item) => item.datasetArn?.S === datasetArn).length;
}

describe('batchWrite', () => {
  it('sends what DynamoDB left unprocessed again until every item is stored', async () => {
    const { client, calls } = faultyClient([
      'half-unprocessed',
      'half-unprocessed',
      'half-unprocessed',
    ]);
    await batchWrite(client, TABLE, puts('partial', 20), FAST);
    client.destroy();
    expect(await storedCount('partial')).toBe(20);
    expect(calls()).toBe(4);
  });

  it('retries a throttled batch', async () => {
    const { client, calls } = faultyClient(['throttle', 'throttle']);
    await batchWrite(client, TABLE, puts('throttled', 10), FAST);
    client.destroy();
    expect(await storedCount('throttled')).toBe(10);
    expect(calls()).toBe(3);
  });

  it('splits more than 25 writes into batches', async () => {
    const { client, calls } = faultyClient([]);
    await batchWrite(client, TABLE, puts('large', 60), FAST);
    client.destroy();
    expect(await storedCount('large')).toBe(60);
    expect(calls()).toBe(3);
  });

  it('fails once the attempts run out, so the caller acknowledges nothing', async () => {
    const { client } = faultyClient(Array<Fault>(FAST.maxAttempts).fill('throttle'));
    await expect(batchWrite(client, TABLE, puts('lost', 3), FAST)).rejects.toThrow(
      `3 writes to ${TABLE} were still not done after 5 attempts`,
    );
    client.destroy();
  });

  it('does not retry an error that retrying cannot fix', async () => {
    const { client, calls } = faultyClient([]);
    const noKey = [{ PutRequest: { Item: marshall({ datasetArn: 'bad' }) } }];
    await expect(batchWrite(client, TABLE, noKey, FAST)).rejects.toThrow(/key/i);
    expect(calls()).toBe(1);
    client.destroy();
  });
});

describe('backoffDelay', () => {
  const policy: RetryPolicy = { maxAttempts: 8, baseDelayMs: 25, maxDelayMs: 2000 };

  it('doubles its ceiling each retry up to the cap', () => {
    expect([0, 1, 2, 3, 6, 7].map((retry) => backoffDelay(retry, policy, () => 1))).toEqual([
      25, 50, 100, 200, 1600, 2000,
    ]);
  });

  it('draws the delay anywhere below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(100);
  });
});
