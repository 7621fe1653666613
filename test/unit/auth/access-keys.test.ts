/** Issuing, listing, revoking and looking up keys, through the DynamoDB adapter on dynalite. */
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  issueAccessKey,
  listAccessKeys,
  newAccessKey,
  revokeAccessKey,
  keyLookup,
  setAccessKeyPolicy,
  showAccessKey,
} from '../../../layers/core/auth/access-keys';
import { DynamoDbAccessKeyStore } from '../../../layers/core/store/dynamodb/access-key-store';
import { createTableInput } from '../../../layers/core/store/dynamodb/tables';
import { localSealer } from '../../../layers/core/store/secret-sealer';
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
  store = new DynamoDbAccessKeyStore(client, TABLE, localSealer(randomBytes(32)));
});
afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('issueAccessKey', () => {
  it('stores the key, its sealed secret, status, creation time, description and roles', async () => {
    // Prepare
    const roleArns = ['arn:aws:iam::123456789012:role/personalize-*'];

    // Act
    const key = await issueAccessKey(store, {
      description: 'ci',
      roleArns,
      now: 1_700_000_000_000,
    });

    // Assess
    const { Item } = await client.send(
      new GetItemCommand({ TableName: TABLE, Key: { accessKeyId: { S: key.accessKeyId } } }),
    );
    expect(Object.keys(Item!).sort()).toEqual(
      ['accessKeyId', 'createdAt', 'description', 'roleArns', 'sealedSecret', 'status'].sort(),
    );
    // The table holds no trace of the secret in clear.
    expect(JSON.stringify(Item)).not.toContain(key.secretAccessKey);
    expect(await store.get(key.accessKeyId)).toEqual(key);
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

describe('sealed secrets', () => {
  it('open only with the key that sealed them', async () => {
    // Prepare
    const key = await issueAccessKey(store);
    const otherKey = new DynamoDbAccessKeyStore(client, TABLE, localSealer(randomBytes(32)));

    // Act, Assess
    await expect(otherKey.get(key.accessKeyId)).rejects.toThrow();
  });

  it('do not open on another key’s item', async () => {
    // Prepare
    const [first, second] = await Promise.all([issueAccessKey(store), issueAccessKey(store)]);
    const read = (id: string) =>
      client.send(new GetItemCommand({ TableName: TABLE, Key: { accessKeyId: { S: id } } }));
    const sealed = (await read(first.accessKeyId)).Item!.sealedSecret!;
    await client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { accessKeyId: { S: second.accessKeyId } },
        UpdateExpression: 'SET sealedSecret = :sealed',
        ExpressionAttributeValues: { ':sealed': sealed },
      }),
    );

    // Act, Assess
    await expect(store.get(second.accessKeyId)).rejects.toThrow(
      `The sealed secret of ${second.accessKeyId} was sealed for another key.`,
    );
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
    const keyOf = keyLookup(store);

    // Act
    const before = (await keyOf(key.accessKeyId))?.secretAccessKey;
    await revokeAccessKey(store, key.accessKeyId);
    const after = (await keyOf(key.accessKeyId))?.secretAccessKey;

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

describe('keyLookup with a cache', () => {
  it('keeps answering with a found secret until the time to live has passed', async () => {
    // Prepare
    let now = 0;
    const key = await issueAccessKey(store);
    const keyOf = keyLookup(store, { ttlMs: 60_000, now: () => now });
    await keyOf(key.accessKeyId);
    await revokeAccessKey(store, key.accessKeyId);

    // Act
    now = 59_999;
    const cached = (await keyOf(key.accessKeyId))?.secretAccessKey;
    now = 60_000;
    const expired = (await keyOf(key.accessKeyId))?.secretAccessKey;

    // Assess
    expect(cached).toBe(key.secretAccessKey);
    expect(expired).toBeUndefined();
  });

  it('never caches an unknown key, so a key created next works at once', async () => {
    // Prepare
    const keyOf = keyLookup(store, { ttlMs: 60_000 });
    const key = newAccessKey(Date.now());
    const unknown = (await keyOf(key.accessKeyId))?.secretAccessKey;

    // Act
    await store.create(key);
    const known = (await keyOf(key.accessKeyId))?.secretAccessKey;

    // Assess
    expect(unknown).toBeUndefined();
    expect(known).toBe(key.secretAccessKey);
  });
});

describe('key policies in the store', () => {
  const policy = {
    actions: ['personalize:GetRecommendations'],
    datasetGroups: ['arn:aws:personalize:us-east-1:000000000000:dataset-group/shop-*'],
  };

  it('are kept with the key, shown without its secret and replaced or removed', async () => {
    // Prepare
    const key = await issueAccessKey(store, { policy });

    // Act
    const shown = await showAccessKey(store, key.accessKeyId);
    await setAccessKeyPolicy(store, key.accessKeyId, { actions: ['personalize:PutEvents'] });
    const replaced = await store.get(key.accessKeyId);
    await setAccessKeyPolicy(store, key.accessKeyId, undefined);
    const cleared = await store.get(key.accessKeyId);

    // Assess
    expect(shown).toEqual({
      accessKeyId: key.accessKeyId,
      status: 'Active',
      createdAt: key.createdAt,
      policy,
    });
    expect(replaced!.policy).toEqual({ actions: ['personalize:PutEvents'] });
    expect(cleared!.policy).toBeUndefined();
    expect((await listAccessKeys(store)).find((k) => k.accessKeyId === key.accessKeyId)).toEqual({
      accessKeyId: key.accessKeyId,
      status: 'Active',
      createdAt: key.createdAt,
    });
  });

  it('cannot be set on a key that does not exist', async () => {
    await expect(setAccessKeyPolicy(store, 'TKIANOSUCHKEY', policy)).rejects.toThrow(
      'There is no access key TKIANOSUCHKEY.',
    );
    await expect(showAccessKey(store, 'TKIANOSUCHKEY')).rejects.toThrow(
      'There is no access key TKIANOSUCHKEY.',
    );
  });
});
