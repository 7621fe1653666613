/** Issuing, listing, revoking and looking up keys, through the DynamoDB adapter on dynalite. */
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  issueAccessKey,
  listAccessKeys,
  newAccessKey,
  revokeAccessKey,
  secretLookup,
} from '../../../layers/core/auth/access-keys';
import { DynamoDbAccessKeyStore } from '../../../layers/core/store/dynamodb/access-key-store';
import { createTableInput } from '../../../layers/core/store/dynamodb/tables';
import { ACCESS_KEYS_TABLE, tableName } from '../../../layers/core/store/tables';

const TABLE = tableName('keys', ACCESS_KEYS_TABLE);
let server: Server;
let client: DynamoDBClient;
let store: DynamoDbAccessKeyStore;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await client.send(new CreateTableCommand(createTableInput('keys', ACCESS_KEYS_TABLE)));
  store = new DynamoDbAccessKeyStore(client, TABLE);
});
afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('issueAccessKey', () => {
  it('stores only the key, its secret, status, creation time and description', async () => {
    // Act
    const key = await issueAccessKey(store, { description: 'ci', now: 1_700_000_000_000 });

    // Assess
    const { Item } = await client.send(
      new GetItemCommand({ TableName: TABLE, Key: { accessKeyId: { S: key.accessKeyId } } }),
    );
    expect(Object.keys(Item!).sort()).toEqual(
      ['accessKeyId', 'createdAt', 'description', 'secretAccessKey', 'status'].sort(),
    );
    expect(key).toMatchObject({
      status: 'Active',
      createdAt: 1_700_000_000_000,
      description: 'ci',
    });
  });

  it('gives each key its own ID and secret', async () => {
    // Act
    const keys = await Promise.all([1, 2, 3].map(() => issueAccessKey(store)));

    // Assess
    expect(new Set(keys.map((k) => k.accessKeyId)).size).toBe(3);
    expect(new Set(keys.map((k) => k.secretAccessKey)).size).toBe(3);
  });
});

describe('listAccessKeys', () => {
  it('lists keys without their secrets, oldest first', async () => {
    // Prepare
    const older = await issueAccessKey(store, { now: 1 });

    // Act
    const listed = await listAccessKeys(store);

    // Assess
    expect(listed[0]).toEqual({ accessKeyId: older.accessKeyId, status: 'Active', createdAt: 1 });
    expect(JSON.stringify(listed)).not.toContain(older.secretAccessKey);
  });
});

describe('revokeAccessKey', () => {
  it('makes the key unknown to the lookup but keeps it listed as Inactive', async () => {
    // Prepare
    const key = await issueAccessKey(store);
    const secretOf = secretLookup(store);

    // Act
    const before = await secretOf(key.accessKeyId);
    await revokeAccessKey(store, key.accessKeyId);
    const after = await secretOf(key.accessKeyId);

    // Assess
    expect(before).toBe(key.secretAccessKey);
    expect(after).toBeUndefined();
    expect(await listAccessKeys(store)).toContainEqual(
      expect.objectContaining({ accessKeyId: key.accessKeyId, status: 'Inactive' }),
    );
  });

  it('fails for a key that was never issued', async () => {
    await expect(revokeAccessKey(store, 'TKIANEVERISSUED22222')).rejects.toThrow(
      'There is no access key TKIANEVERISSUED22222.',
    );
  });
});

describe('secretLookup with a cache', () => {
  it('keeps answering with a found secret until the time to live has passed', async () => {
    // Prepare
    let now = 0;
    const key = await issueAccessKey(store);
    const secretOf = secretLookup(store, { ttlMs: 60_000, now: () => now });
    await secretOf(key.accessKeyId);
    await revokeAccessKey(store, key.accessKeyId);

    // Act
    now = 59_999;
    const cached = await secretOf(key.accessKeyId);
    now = 60_000;
    const expired = await secretOf(key.accessKeyId);

    // Assess
    expect(cached).toBe(key.secretAccessKey);
    expect(expired).toBeUndefined();
  });

  it('never caches an unknown key, so a key created next works at once', async () => {
    // Prepare
    const secretOf = secretLookup(store, { ttlMs: 60_000 });
    const key = newAccessKey(Date.now());
    const unknown = await secretOf(key.accessKeyId);

    // Act
    await store.create(key);
    const known = await secretOf(key.accessKeyId);

    // Assess
    expect(unknown).toBeUndefined();
    expect(known).toBe(key.secretAccessKey);
  });
});
