/**
 * Event trackers' and filters' rules through the wire's own dispatch on the in-memory stores: one
 * tracker per group, its trackingId on the Interactions dataset, filter expressions checked
 * against the group's schemas, the filter quota under concurrent creates, and deletion order.
 */
import {
  arnOf,
  createDataset,
  createGroup,
  createSchema,
  failure,
  memoryApi,
  type MemoryApi,
} from '../../helpers/memory-api';
import { INTERACTIONS_SCHEMA, ITEMS_SCHEMA, USERS_SCHEMA } from '../../helpers/schemas';

const createTracker = (api: MemoryApi, name: string, datasetGroupArn: string) =>
  api.call('CreateEventTracker', { name, datasetGroupArn });

const createFilter = (
  api: MemoryApi,
  name: string,
  datasetGroupArn: string,
  filterExpression = 'EXCLUDE ItemID WHERE Items.A IN ("x")',
) => api.call('CreateFilter', { name, datasetGroupArn, filterExpression });

describe('event trackers', () => {
  it('creates a tracker whose trackingId the group’s Interactions dataset shows until it is deleted', async () => {
    // Prepare
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'tracked');
    const schemaArn = await createSchema(api, 'tracked', INTERACTIONS_SCHEMA);
    const datasetArn = await createDataset(api, datasetGroupArn, 'Interactions', schemaArn);

    // Act
    const created = await createTracker(api, 'web', datasetGroupArn);
    const { eventTracker } = await api.call('DescribeEventTracker', {
      eventTrackerArn: created.eventTrackerArn,
    });
    const shown = (await api.call('DescribeDataset', { datasetArn })).dataset.trackingId;
    const { eventTrackers } = await api.call('ListEventTrackers', { datasetGroupArn });
    await api.call('DeleteEventTracker', { eventTrackerArn: created.eventTrackerArn });
    const after = (await api.call('DescribeDataset', { datasetArn })).dataset.trackingId;

    // Assess
    expect(created.eventTrackerArn).toBe(arnOf('event-tracker', 'web'));
    expect(created.trackingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(eventTracker).toMatchObject({
      name: 'web',
      eventTrackerArn: created.eventTrackerArn,
      accountId: '000000000000',
      trackingId: created.trackingId,
      datasetGroupArn,
      status: 'ACTIVE',
    });
    expect(shown).toBe(created.trackingId);
    expect(eventTrackers.map((t: { name: string }) => t.name)).toEqual(['web']);
    expect(after).toBeUndefined();
  });

  it('allows one tracker per group, also under concurrent creates', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'one-tracker');

    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd', 'e'].map((name) => createTracker(api, `t-${name}`, datasetGroupArn)),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason.name).toBe('ResourceAlreadyExistsException');
        expect(result.reason.message).toMatch(/already has the event tracker/);
      }
    }
  });

  it('frees the group when a create fails on a taken tracker name', async () => {
    const api = memoryApi();
    const first = await createGroup(api, 'name-a');
    const second = await createGroup(api, 'name-b');
    await createTracker(api, 'shared', first);

    const taken = await failure(createTracker(api, 'shared', second));
    const retry = await createTracker(api, 'other', second);

    expect(taken.name).toBe('ResourceAlreadyExistsException');
    expect(retry.eventTrackerArn).toBe(arnOf('event-tracker', 'other'));
  });

  it('keeps a group with a tracker from being deleted, naming the tracker', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'busy');
    const { eventTrackerArn } = await createTracker(api, 'busy-tracker', datasetGroupArn);

    expect(await failure(api.call('DeleteDatasetGroup', { datasetGroupArn }))).toMatchObject({
      name: 'ResourceInUseException',
      message: `Cannot delete dataset group ${datasetGroupArn}: delete its event tracker ${eventTrackerArn} first.`,
    });
  });

  it('does not take another kind of resource for a dataset group', async () => {
    const api = memoryApi();
    const schemaArn = await createSchema(api, 'not-a-group', INTERACTIONS_SCHEMA);

    expect(await failure(createTracker(api, 'confused', schemaArn))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Could not find dataset group with ARN ${schemaArn}.`,
    });
  });
});

describe('filters', () => {
  const GENRE_FILTER =
    'INCLUDE ItemID WHERE Items.GENRES IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")';

  it('creates, describes, lists, tags and deletes a filter', async () => {
    // Prepare
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'filtered');

    // Act
    const { filterArn } = await api.call('CreateFilter', {
      name: 'by-genre',
      datasetGroupArn,
      filterExpression: GENRE_FILTER,
      tags: [{ tagKey: 'team', tagValue: 'web' }],
    });
    const { filter } = await api.call('DescribeFilter', { filterArn });
    const listed = await api.call('ListFilters', { datasetGroupArn });
    const { tags } = await api.call('ListTagsForResource', { resourceArn: filterArn });
    await api.call('DeleteFilter', { filterArn });

    // Assess
    expect(filter).toEqual({
      name: 'by-genre',
      filterArn: arnOf('filter', 'by-genre'),
      datasetGroupArn,
      filterExpression: GENRE_FILTER,
      status: 'ACTIVE',
      creationDateTime: expect.any(Number),
      lastUpdatedDateTime: expect.any(Number),
    });
    const { filterExpression, ...summary } = filter;
    expect(filterExpression).toBe(GENRE_FILTER);
    expect(listed).toEqual({ Filters: [summary] });
    expect(tags).toEqual([{ tagKey: 'team', tagValue: 'web' }]);
    expect(await api.call('ListFilters', { datasetGroupArn })).toEqual({ Filters: [] });
  });

  it('rejects an expression that does not parse, naming the character, and keeps nothing', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'bad-syntax');

    const error = await failure(
      createFilter(api, 'bad', datasetGroupArn, 'INCLUDE ItemID WHERE Items.GENRES HAS ("comedy")'),
    );

    expect(error).toMatchObject({
      name: 'InvalidInputException',
      message:
        'Invalid filter expression at character 35: expected IN, NOT IN or a comparison after Items.GENRES, found "HAS".',
    });
    expect(await api.call('ListFilters', { datasetGroupArn })).toEqual({ Filters: [] });
  });

  it('rejects a field that the group’s Items or Users schema lacks', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'schema-checked');
    await createDataset(api, datasetGroupArn, 'Items', await createSchema(api, 'i', ITEMS_SCHEMA));
    await createDataset(api, datasetGroupArn, 'Users', await createSchema(api, 'u', USERS_SCHEMA));

    expect(
      (
        await failure(
          createFilter(
            api,
            'typo',
            datasetGroupArn,
            'EXCLUDE ItemID WHERE Items.GENRE IN ("horror")',
          ),
        )
      ).message,
    ).toBe(
      'Invalid filter expression at character 28: the ITEMS schema has no field GENRE; its fields are ITEM_ID, GENRES, CREATION_TIMESTAMP.',
    );
    expect(
      (
        await failure(
          createFilter(
            api,
            'user-typo',
            datasetGroupArn,
            'EXCLUDE ItemID WHERE Items.GENRES IN ("horror") IF CurrentUser.AGES < 18',
          ),
        )
      ).message,
    ).toBe(
      'Invalid filter expression at character 64: the USERS schema has no field AGES; its fields are USER_ID, AGE.',
    );
    expect(
      (
        await createFilter(
          api,
          'fits',
          datasetGroupArn,
          'EXCLUDE ItemID WHERE Items.GENRES IN ("horror") IF CurrentUser.AGE < 18',
        )
      ).filterArn,
    ).toBe(arnOf('filter', 'fits'));
  });

  it('rejects more parameters than filterValues can hold', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'many-parameters');
    const parameters = Array.from({ length: 26 }, (_, i) => `$P${i}`).join(', ');

    const error = await failure(
      createFilter(
        api,
        'many',
        datasetGroupArn,
        `INCLUDE ItemID WHERE Items.GENRES IN (${parameters})`,
      ),
    );

    expect(error.message).toBe(
      'Invalid filter expression: it has 26 parameters; filterValues can give values to at most 25.',
    );
  });

  it('rejects an expression longer than 2500 characters', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'long-winded');
    const values = Array.from({ length: 400 }, (_, i) => `"v${i}"`).join(', ');

    const error = await failure(
      createFilter(api, 'long', datasetGroupArn, `EXCLUDE ItemID WHERE Items.A IN (${values})`),
    );

    expect(error.message).toMatch(
      /at 'filterExpression' failed to satisfy constraint: Member must have length less than or equal to 2500/,
    );
  });

  it('allows 10 filters per group, also under concurrent creates, and one more once one is deleted', async () => {
    // Prepare
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'crowded');

    // Act
    const results = await Promise.allSettled(
      Array.from({ length: 13 }, (_, i) => createFilter(api, `crowd-${i}`, datasetGroupArn)),
    );

    // Assess
    const created = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.filterArn] : []));
    expect(created).toHaveLength(10);
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason).toMatchObject({
          name: 'LimitExceededException',
          message: `Dataset group ${datasetGroupArn} already has 10 filters, the most it can have (quota filtersPerDatasetGroup); delete one first.`,
        });
      }
    }
    await api.call('DeleteFilter', { filterArn: created[0] });
    await createFilter(api, 'crowd-again', datasetGroupArn);
    expect((await failure(createFilter(api, 'crowd-extra', datasetGroupArn))).name).toBe(
      'LimitExceededException',
    );
  });

  it('counts filters per group', async () => {
    const api = memoryApi();
    const busy = await createGroup(api, 'busy-limit');
    const quiet = await createGroup(api, 'quiet-limit');
    for (let i = 0; i < 10; i++) await createFilter(api, `busy-${i}`, busy);

    expect((await createFilter(api, 'quiet-1', quiet)).filterArn).toBe(arnOf('filter', 'quiet-1'));
  });

  it('rejects a duplicate name without using up a place in the group', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'duplicates');
    await createFilter(api, 'twice', datasetGroupArn, 'EXCLUDE ItemID WHERE Items.A IN ("x")');

    for (let i = 0; i < 10; i++) {
      expect(
        (
          await failure(
            createFilter(api, 'twice', datasetGroupArn, 'EXCLUDE ItemID WHERE Items.A IN ("y")'),
          )
        ).name,
      ).toBe('ResourceAlreadyExistsException');
    }

    const { filter } = await api.call('DescribeFilter', { filterArn: arnOf('filter', 'twice') });
    expect(filter.filterExpression).toBe('EXCLUDE ItemID WHERE Items.A IN ("x")');
    for (let i = 0; i < 9; i++) await createFilter(api, `twice-${i}`, datasetGroupArn);
  });

  it('keeps a group with a filter from being deleted, naming the filter', async () => {
    const api = memoryApi();
    const datasetGroupArn = await createGroup(api, 'kept');
    const { filterArn } = await createFilter(api, 'keeper', datasetGroupArn);

    expect(await failure(api.call('DeleteDatasetGroup', { datasetGroupArn }))).toMatchObject({
      name: 'ResourceInUseException',
      message: `Cannot delete dataset group ${datasetGroupArn}: delete its filter ${filterArn} first.`,
    });
    await api.call('DeleteFilter', { filterArn });
    await api.call('DeleteDatasetGroup', { datasetGroupArn });
  });

  it('reports an unknown group or filter as not found', async () => {
    const api = memoryApi();
    const filterArn = arnOf('filter', 'ghost');

    expect(
      (await failure(createFilter(api, 'orphan', arnOf('dataset-group', 'ghost')))).message,
    ).toBe(`Could not find dataset group with ARN ${arnOf('dataset-group', 'ghost')}.`);
    expect((await failure(api.call('DescribeFilter', { filterArn }))).message).toBe(
      `Could not find filter with ARN ${filterArn}.`,
    );
    expect((await failure(api.call('DeleteFilter', { filterArn }))).name).toBe(
      'ResourceNotFoundException',
    );
  });
});
