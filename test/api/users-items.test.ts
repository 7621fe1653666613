/** PutUsers and PutItems through the official events client, read back through the store port. */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
} from '@aws-sdk/client-personalize';
import {
  InvalidInputException,
  PersonalizeEventsClient,
  PutItemsCommand,
  PutUsersCommand,
  ResourceNotFoundException,
  type Item,
  type User,
} from '@aws-sdk/client-personalize-events';
import {
  arnOf,
  CREDENTIALS,
  REGION,
  startTestService,
  type TestService,
} from '../helpers/local-service';
import { avroRecord } from '../helpers/schemas';

const USERS = avroRecord('Users', [
  { name: 'USER_ID', type: 'string' },
  { name: 'AGE', type: 'int' },
  { name: 'MEMBERSHIP', type: ['string', 'null'], categorical: true },
]);

const ITEMS = avroRecord('Items', [
  { name: 'ITEM_ID', type: 'string' },
  { name: 'GENRES', type: 'string', categorical: true },
  { name: 'PRICE', type: ['double', 'null'] },
  { name: 'IN_STOCK', type: ['boolean', 'null'] },
  { name: 'CREATION_TIMESTAMP', type: ['long', 'null'] },
  { name: 'DESCRIPTION', type: ['string', 'null'], textual: true },
]);

let service: TestService;
let events: PersonalizeEventsClient;
let usersArn: string;
let itemsArn: string;

beforeAll(async () => {
  service = await startTestService();
  events = new PersonalizeEventsClient({
    endpoint: service.endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  const { datasetGroupArn } = await service.personalize.send(
    new CreateDatasetGroupCommand({ name: 'catalogue' }),
  );
  const dataset = async (type: 'Users' | 'Items', schema: string) => {
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: `catalogue-${type}`, schema }),
    );
    const { datasetArn } = await service.personalize.send(
      new CreateDatasetCommand({
        name: `catalogue-${type}`,
        schemaArn,
        datasetGroupArn,
        datasetType: type,
      }),
    );
    return datasetArn!;
  };
  usersArn = await dataset('Users', USERS);
  itemsArn = await dataset('Items', ITEMS);
});
afterAll(async () => {
  events.destroy();
  await service.stop();
});

const putUsers = (users: User[]) =>
  events.send(new PutUsersCommand({ datasetArn: usersArn, users }));
const putItems = (items: Item[]) =>
  events.send(new PutItemsCommand({ datasetArn: itemsArn, items }));
const stored = async (datasetArn: string, ...ids: string[]) =>
  Object.fromEntries(
    [...(await service.context.datasetRecords.get(datasetArn, ids))].map(([id, r]) => [
      id,
      r.fields,
    ]),
  );

describe('PutUsers', () => {
  it('upserts users: a later put replaces the whole record', async () => {
    await putUsers([
      { userId: 'ann', properties: '{"age": 30, "membership": "gold|early"}' },
      { userId: 'bob', properties: '{"age": "41"}' },
    ]);
    expect(await stored(usersArn, 'ann', 'bob', 'nobody')).toEqual({
      ann: { AGE: 30, MEMBERSHIP: 'gold|early' },
      bob: { AGE: 41 },
    });

    await putUsers([{ userId: 'ann', properties: { age: 31 } }]);
    expect(await stored(usersArn, 'ann')).toEqual({ ann: { AGE: 31 } });
  });

  it('keeps the last of several records with one ID in a call', async () => {
    await putUsers([
      { userId: 'twice', properties: '{"age": 1}' },
      { userId: 'twice', properties: '{"age": 2}' },
    ]);
    expect(await stored(usersArn, 'twice')).toEqual({ twice: { AGE: 2 } });
  });

  it.each([
    [
      'a missing required field',
      { userId: 'x' },
      'users[1].properties: missing "age" (AGE), which the Users schema requires',
    ],
    [
      'a field of the wrong type',
      { userId: 'x', properties: '{"age": "old"}' },
      'users[1].properties: "age" (AGE, int) must be an int (a whole number from -2147483648 to 2147483647), got "old"',
    ],
    [
      'a null for a field that does not allow it',
      { userId: 'x', properties: '{"age": null}' },
      'users[1].properties: "age" (AGE, int) must not be null: AGE is not nullable',
    ],
    [
      'a key that is not a field',
      { userId: 'x', properties: '{"age": 3, "gender": "f"}' },
      'users[1].properties: "gender" is not a field of the Users schema; properties may set "age" (AGE), "membership" (MEMBERSHIP)',
    ],
    [
      'the ID as a property',
      { userId: 'x', properties: '{"age": 3, "USER_ID": "y"}' },
      'users[1].properties: "USER_ID" is reserved; send it as the userId member instead',
    ],
    [
      'a category over 1000 characters',
      { userId: 'x', properties: JSON.stringify({ age: 3, membership: `a|${'b'.repeat(1001)}` }) },
      'users[1].properties: "membership" (MEMBERSHIP, string) has the category "bbbbb',
    ],
    [
      'properties over 24000 characters',
      { userId: 'x', properties: JSON.stringify({ age: 3, membership: 'm'.repeat(24000) }) },
      "at 'users[1].properties' failed to satisfy constraint: Member must have length less than or equal to 24000",
    ],
  ] as [string, User, string][])(
    'rejects %s, naming the record and field',
    async (_, bad, message) => {
      const attempt = putUsers([{ userId: 'fine', properties: '{"age": 5}' }, bad]);
      await expect(attempt).rejects.toThrow(InvalidInputException);
      await expect(attempt).rejects.toThrow(message);
      expect(await stored(usersArn, 'fine')).toEqual({});
    },
  );

  it('takes 1 to 10 users a call', async () => {
    const users = Array.from({ length: 11 }, (_, i) => ({
      userId: `u${i}`,
      properties: '{"age":1}',
    }));
    await expect(putUsers(users)).rejects.toThrow(
      "at 'users' failed to satisfy constraint: Member must have length less than or equal to 10",
    );
    await expect(putUsers([])).rejects.toThrow(InvalidInputException);
  });
});

describe('PutItems', () => {
  it('upserts items, with categorical values joined by |', async () => {
    await putItems([
      {
        itemId: 'film-1',
        properties: JSON.stringify({
          genres: 'drama|comedy',
          price: '9.99',
          inStock: 'true',
          creationTimestamp: 1_700_000_000,
          description: 'A film.',
        }),
      },
      { itemId: 'film-2', properties: '{"genres": "horror"}' },
    ]);
    expect(await stored(itemsArn, 'film-1', 'film-2')).toEqual({
      'film-1': {
        GENRES: 'drama|comedy',
        PRICE: 9.99,
        IN_STOCK: true,
        CREATION_TIMESTAMP: 1_700_000_000,
        DESCRIPTION: 'A film.',
      },
      'film-2': { GENRES: 'horror' },
    });

    await putItems([{ itemId: 'film-2', properties: '{"genres": "horror|thriller", "price": 5}' }]);
    expect(await stored(itemsArn, 'film-2')).toEqual({
      'film-2': { GENRES: 'horror|thriller', PRICE: 5 },
    });
  });

  it('rejects a creation timestamp in milliseconds', async () => {
    await expect(
      putItems([
        { itemId: 'late', properties: '{"genres": "x", "creationTimestamp": 1700000000000}' },
      ]),
    ).rejects.toThrow(
      'items[0].properties: "creationTimestamp" (CREATION_TIMESTAMP, long) looks like epoch milliseconds (1700000000000); times are in epoch seconds',
    );
  });

  it('rejects a boolean that is not true or false', async () => {
    await expect(
      putItems([{ itemId: 'odd', properties: '{"genres": "x", "inStock": "yes"}' }]),
    ).rejects.toThrow(
      'items[0].properties: "inStock" (IN_STOCK, boolean) must be true or false, got "yes"',
    );
  });
});

describe('dataset ARNs', () => {
  it('answers an unknown datasetArn with ResourceNotFoundException', async () => {
    const datasetArn = arnOf('dataset', 'nowhere', 'USERS');
    const attempt = events.send(
      new PutUsersCommand({ datasetArn, users: [{ userId: 'x', properties: '{"age": 1}' }] }),
    );
    await expect(attempt).rejects.toThrow(ResourceNotFoundException);
    await expect(attempt).rejects.toThrow(`Could not find dataset with ARN ${datasetArn}.`);
  });

  it('refuses a dataset of the other type', async () => {
    await expect(
      events.send(new PutItemsCommand({ datasetArn: usersArn, items: [{ itemId: 'x' }] })),
    ).rejects.toThrow(
      new InvalidInputException({
        $metadata: {},
        message: `PutItems records into datasets of type ITEMS; ${usersArn} is of type USERS.`,
      }),
    );
  });
});
