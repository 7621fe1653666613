import {
  CreateDatasetCommand,
  CreateFilterCommand,
  CreateSchemaCommand,
  DeleteDatasetGroupCommand,
  DeleteFilterCommand,
  DescribeFilterCommand,
  InvalidInputException,
  LimitExceededException,
  ListFiltersCommand,
  ListTagsForResourceCommand,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-personalize';
import { loadFilter } from '../../layers/core/serving/loaded-filters';
import { arnOf, createGroup, startTestService, type TestService } from '../helpers/local-service';
import { ITEMS_SCHEMA, USERS_SCHEMA } from '../helpers/schemas';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

const newGroup = (name: string) => createGroup(service, name);

const createFilter = (name: string, datasetGroupArn: string, filterExpression: string) =>
  service.personalize.send(new CreateFilterCommand({ name, datasetGroupArn, filterExpression }));

const GENRE_FILTER =
  'INCLUDE ItemID WHERE Items.GENRES IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")';

describe('filters', () => {
  it('creates, describes, lists and deletes a filter', async () => {
    const datasetGroupArn = await newGroup('filtered');
    const before = Date.now();
    const { filterArn } = await service.personalize.send(
      new CreateFilterCommand({
        name: 'by-genre',
        datasetGroupArn,
        filterExpression: GENRE_FILTER,
        tags: [{ tagKey: 'team', tagValue: 'web' }],
      }),
    );
    expect(filterArn).toBe(arnOf('filter', 'by-genre'));

    const { filter } = await service.personalize.send(new DescribeFilterCommand({ filterArn }));
    expect(filter).toEqual({
      name: 'by-genre',
      filterArn,
      datasetGroupArn,
      filterExpression: GENRE_FILTER,
      status: 'ACTIVE',
      creationDateTime: expect.any(Date),
      lastUpdatedDateTime: expect.any(Date),
    });
    expect(filter!.creationDateTime!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const listed = await service.personalize.send(new ListFiltersCommand({ datasetGroupArn }));
    expect(listed.Filters).toEqual([
      {
        name: 'by-genre',
        filterArn,
        datasetGroupArn,
        status: 'ACTIVE',
        creationDateTime: filter!.creationDateTime,
        lastUpdatedDateTime: filter!.lastUpdatedDateTime,
      },
    ]);
    expect(listed.nextToken).toBeUndefined();

    const { tags } = await service.personalize.send(
      new ListTagsForResourceCommand({ resourceArn: filterArn }),
    );
    expect(tags).toEqual([{ tagKey: 'team', tagValue: 'web' }]);

    const loaded = await loadFilter(service.context, filterArn!);
    expect(loaded.datasetGroupArn).toBe(datasetGroupArn);
    expect(loaded.filter.expressions.map((e) => e.action)).toEqual(['INCLUDE', 'EXCLUDE']);

    await service.personalize.send(new DeleteFilterCommand({ filterArn }));
    await expect(
      service.personalize.send(new DescribeFilterCommand({ filterArn })),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(loadFilter(service.context, filterArn!)).rejects.toThrow(
      `Could not find filter with ARN ${filterArn}.`,
    );
    const after = await service.personalize.send(new ListFiltersCommand({ datasetGroupArn }));
    expect(after.Filters).toEqual([]);
  });

  it('pages through the filters of every group', async () => {
    const first = await newGroup('paged-a');
    const second = await newGroup('paged-b');
    await createFilter('paged-1', first, 'EXCLUDE ItemID WHERE Items.A IN ("1")');
    await createFilter('paged-2', second, 'EXCLUDE ItemID WHERE Items.A IN ("2")');
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await service.personalize.send(
        new ListFiltersCommand({ maxResults: 1, nextToken }),
      );
      names.push(...page.Filters!.map((f) => f.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(names).toEqual(expect.arrayContaining(['paged-1', 'paged-2']));
  });

  it('rejects an expression that does not parse, naming the character', async () => {
    const datasetGroupArn = await newGroup('bad-syntax');
    await expect(
      createFilter('bad', datasetGroupArn, 'INCLUDE ItemID WHERE Items.GENRES HAS ("comedy")'),
    ).rejects.toThrow(
      new InvalidInputException({
        $metadata: {},
        message:
          'Invalid filter expression at character 35: expected IN, NOT IN or a comparison after Items.GENRES, found "HAS".',
      }),
    );
    const { Filters } = await service.personalize.send(new ListFiltersCommand({ datasetGroupArn }));
    expect(Filters).toEqual([]);
  });

  it('rejects a field that the group’s Items or Users schema lacks', async () => {
    const datasetGroupArn = await newGroup('schema-checked');
    for (const [type, schema] of [
      ['Items', ITEMS_SCHEMA],
      ['Users', USERS_SCHEMA],
    ]) {
      const { schemaArn } = await service.personalize.send(
        new CreateSchemaCommand({ name: `checked-${type.toLowerCase()}`, schema }),
      );
      await service.personalize.send(
        new CreateDatasetCommand({ name: type, schemaArn, datasetGroupArn, datasetType: type }),
      );
    }
    await expect(
      createFilter('typo', datasetGroupArn, 'EXCLUDE ItemID WHERE Items.GENRE IN ("horror")'),
    ).rejects.toThrow(
      'Invalid filter expression at character 28: the ITEMS schema has no field GENRE; its fields are ITEM_ID, GENRES, CREATION_TIMESTAMP.',
    );
    await expect(
      createFilter(
        'user-typo',
        datasetGroupArn,
        'EXCLUDE ItemID WHERE Items.GENRES IN ("horror") IF CurrentUser.AGES < 18',
      ),
    ).rejects.toThrow(
      'Invalid filter expression at character 64: the USERS schema has no field AGES; its fields are USER_ID, AGE.',
    );
    const { filterArn } = await createFilter(
      'fits',
      datasetGroupArn,
      'EXCLUDE ItemID WHERE Items.GENRES IN ("horror") IF CurrentUser.AGE < 18',
    );
    expect(filterArn).toBe(arnOf('filter', 'fits'));
  });

  it('matches dataset and field names in any case, and describes the expression as given', async () => {
    const datasetGroupArn = await newGroup('any-case');
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: 'any-case-items', schema: ITEMS_SCHEMA }),
    );
    await service.personalize.send(
      new CreateDatasetCommand({ name: 'items', schemaArn, datasetGroupArn, datasetType: 'Items' }),
    );
    const filterExpression =
      'EXCLUDE ItemID WHERE ITEMS.genres IN ($GENRES) | INCLUDE ItemID WHERE Interactions.event_type IN ("watch")';
    const { filterArn } = await createFilter('any-case', datasetGroupArn, filterExpression);
    const { filter } = await service.personalize.send(new DescribeFilterCommand({ filterArn }));
    expect(filter!.filterExpression).toBe(filterExpression);
  });

  it('rejects a parameter whose name filterValues could never give (issue 12)', async () => {
    const datasetGroupArn = await newGroup('long-parameter');
    const name = 'P'.repeat(51);
    const attempt = createFilter(
      'long-parameter',
      datasetGroupArn,
      `INCLUDE ItemID WHERE Items.GENRES IN ($${name})`,
    );

    await expect(attempt).rejects.toThrow(InvalidInputException);
    await expect(attempt).rejects.toThrow(
      `Invalid filter expression at character 39: the parameter name ${'P'.repeat(50)}… is 51 characters long; filterValues keys, which give parameters their values, have at most 50.`,
    );
    const fits = `INCLUDE ItemID WHERE Items.GENRES IN ($${'P'.repeat(50)})`;
    expect((await createFilter('longest-parameter', datasetGroupArn, fits)).filterArn).toBe(
      arnOf('filter', 'longest-parameter'),
    );
  });

  it('rejects more parameters than filterValues can hold', async () => {
    const datasetGroupArn = await newGroup('many-parameters');
    const parameters = Array.from({ length: 26 }, (_, i) => `$P${i}`).join(', ');

    await expect(
      createFilter('many', datasetGroupArn, `INCLUDE ItemID WHERE Items.GENRES IN (${parameters})`),
    ).rejects.toThrow(
      'Invalid filter expression: it has 26 parameters; filterValues can give values to at most 25.',
    );
  });

  it('rejects an expression longer than 2500 characters', async () => {
    const datasetGroupArn = await newGroup('long-winded');
    const values = Array.from({ length: 400 }, (_, i) => `"v${i}"`).join(', ');
    await expect(
      createFilter('long', datasetGroupArn, `EXCLUDE ItemID WHERE Items.A IN (${values})`),
    ).rejects.toThrow(
      /at 'filterExpression' failed to satisfy constraint: Member must have length less than or equal to 2500/,
    );
  });

  it('allows 10 filters per group, also under concurrent creates', async () => {
    const datasetGroupArn = await newGroup('crowded');
    const results = await Promise.allSettled(
      Array.from({ length: 13 }, (_, i) =>
        createFilter(`crowd-${i}`, datasetGroupArn, `EXCLUDE ItemID WHERE Items.A IN ("${i}")`),
      ),
    );
    const created = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.filterArn!] : []));
    expect(created).toHaveLength(10);
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason).toBeInstanceOf(LimitExceededException);
        expect(result.reason.message).toBe(
          `Dataset group ${datasetGroupArn} already has 10 filters, the most it can have (quota filtersPerDatasetGroup); delete one first.`,
        );
      }
    }
    const { Filters } = await service.personalize.send(new ListFiltersCommand({ datasetGroupArn }));
    expect(Filters!.map((f) => f.filterArn).sort()).toEqual([...created].sort());

    // Deleting one makes room for one more, and no more.
    await service.personalize.send(new DeleteFilterCommand({ filterArn: created[0] }));
    await createFilter('crowd-again', datasetGroupArn, 'EXCLUDE ItemID WHERE Items.A IN ("x")');
    await expect(
      createFilter('crowd-extra', datasetGroupArn, 'EXCLUDE ItemID WHERE Items.A IN ("y")'),
    ).rejects.toThrow(LimitExceededException);
  });

  it('counts filters per group', async () => {
    const busy = await newGroup('busy-limit');
    const quiet = await newGroup('quiet-limit');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        createFilter(`busy-${i}`, busy, 'EXCLUDE ItemID WHERE Items.A IN ("x")'),
      ),
    );
    const { filterArn } = await createFilter(
      'quiet-1',
      quiet,
      'EXCLUDE ItemID WHERE Items.A IN ("x")',
    );
    expect(filterArn).toBe(arnOf('filter', 'quiet-1'));
  });

  it('rejects a duplicate name without using up a place in the group', async () => {
    const datasetGroupArn = await newGroup('duplicates');
    await createFilter('twice', datasetGroupArn, 'EXCLUDE ItemID WHERE Items.A IN ("x")');
    for (let i = 0; i < 10; i++) {
      await expect(
        createFilter('twice', datasetGroupArn, 'EXCLUDE ItemID WHERE Items.A IN ("y")'),
      ).rejects.toThrow(ResourceAlreadyExistsException);
    }
    const { filter } = await service.personalize.send(
      new DescribeFilterCommand({ filterArn: arnOf('filter', 'twice') }),
    );
    expect(filter!.filterExpression).toBe('EXCLUDE ItemID WHERE Items.A IN ("x")');
    await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        createFilter(`twice-${i}`, datasetGroupArn, 'EXCLUDE ItemID WHERE Items.A IN ("x")'),
      ),
    );
  });

  it('reports an unknown group or filter as not found', async () => {
    await expect(
      createFilter(
        'orphan',
        arnOf('dataset-group', 'ghost'),
        'EXCLUDE ItemID WHERE Items.A IN ("x")',
      ),
    ).rejects.toThrow(`Could not find dataset group with ARN ${arnOf('dataset-group', 'ghost')}.`);
    const filterArn = arnOf('filter', 'ghost');
    await expect(
      service.personalize.send(new DescribeFilterCommand({ filterArn })),
    ).rejects.toThrow(`Could not find filter with ARN ${filterArn}.`);
    await expect(service.personalize.send(new DeleteFilterCommand({ filterArn }))).rejects.toThrow(
      ResourceNotFoundException,
    );
  });

  it('keeps a group with a filter from being deleted', async () => {
    const datasetGroupArn = await newGroup('kept');
    const { filterArn } = await createFilter(
      'keeper',
      datasetGroupArn,
      'EXCLUDE ItemID WHERE Items.A IN ("x")',
    );
    await expect(
      service.personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn })),
    ).rejects.toThrow(
      new ResourceInUseException({
        $metadata: {},
        message: `Cannot delete dataset group ${datasetGroupArn}: delete its filter ${filterArn} first.`,
      }),
    );
    await service.personalize.send(new DeleteFilterCommand({ filterArn }));
    await service.personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn }));
  });
});
