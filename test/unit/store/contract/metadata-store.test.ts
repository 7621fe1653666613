/**
 * MetadataStore's promises (store/ports.ts), held by every implementation alike: conditional
 * creates and updates, listing order and paging, counting up to a bound, firstChild and
 * findByAttribute; and TrackingIdStore's, which the adapter keeps in the same table.
 */
import { ResourceAlreadyExistsException } from '../../../../layers/core/api/errors';
import type { ResourceKind } from '../../../../layers/core/domain/kinds';
import type { Attributes, PageKey, ResourceRecord } from '../../../../layers/core/domain/records';
import type { MetadataStore } from '../../../../layers/core/store/ports';
import { eachImplementation, unique } from './implementations';

const arnOf = (kind: ResourceKind, name: string) =>
  `arn:aws:personalize:us-east-1:000000000000:${kind}/${name}`;

function recordOf(
  kind: ResourceKind,
  name: string,
  fields: Partial<ResourceRecord> = {},
): ResourceRecord {
  return {
    arn: arnOf(kind, name),
    kind,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    attributes: { name },
    tags: {},
    ...fields,
  };
}

/** Every record of a listing, page by page, and the size of each page. */
async function listAll(
  store: MetadataStore,
  query: { kind: ResourceKind; parentArn?: string },
  limit: number,
) {
  const arns: string[] = [];
  const sizes: number[] = [];
  let startKey: PageKey | undefined;
  do {
    const page = await store.list({ ...query, limit, ...(startKey ? { startKey } : {}) });
    arns.push(...page.records.map((record) => record.arn));
    sizes.push(page.records.length);
    startKey = page.nextKey;
  } while (startKey);
  return { arns, sizes };
}

eachImplementation((stores) => {
  const store = () => stores().metadata;

  describe('create and get', () => {
    it('gives back the record as created, and nothing for an ARN never created', async () => {
      // Prepare
      const parentArn = arnOf('dataset-group', unique('parent'));
      const record = recordOf('dataset', unique('created'), {
        parentArn,
        createdAt: 5,
        updatedAt: 6,
        attributes: { status: 'ACTIVE', count: 3, nested: { list: [1, 'a'], flag: true } },
        tags: { team: 'web' },
      });

      // Act
      await store().create(record);

      // Assess
      expect(await store().get(record.arn)).toEqual(record);
      expect(await store().get(arnOf('dataset', unique('never')))).toBeUndefined();
    });

    it('leaves undefined members out and keeps a member named constructor', async () => {
      const record = recordOf('solution', unique('members'), {
        attributes: { kept: 'yes', gone: undefined, inner: { gone: undefined, constructor: 'c' } },
        tags: { constructor: 'tag' },
      });

      await store().create(record);

      const stored = await store().get(record.arn);
      expect(stored!.attributes).toEqual({ kept: 'yes', inner: { constructor: 'c' } });
      expect(Object.keys(stored!.attributes)).toEqual(expect.not.arrayContaining(['gone']));
      expect(stored!.tags).toEqual({ constructor: 'tag' });
    });

    it('keeps what it stored when the caller changes its objects afterwards', async () => {
      const record = recordOf('filter', unique('copied'), { attributes: { list: ['a'] } });
      await store().create(record);

      (record.attributes.list as string[]).push('b');
      const read = await store().get(record.arn);
      (read!.attributes.list as string[]).push('c');

      expect((await store().get(record.arn))!.attributes).toEqual({ list: ['a'] });
    });

    it('refuses an ARN that is taken, naming it', async () => {
      const record = recordOf('dataset-group', unique('taken'));
      await store().create(record);

      const again = store().create({ ...record, attributes: { other: true } });

      await expect(again).rejects.toThrow(ResourceAlreadyExistsException);
      await expect(again).rejects.toThrow(`A dataset group with ARN ${record.arn} already exists.`);
      expect((await store().get(record.arn))!.attributes).toEqual(record.attributes);
    });

    it('lets exactly one of many concurrent creates of one ARN succeed', async () => {
      const name = unique('race');
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          store().create(recordOf('campaign', name, { attributes: { writer: i } })),
        ),
      );

      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') {
          expect(result.reason).toBeInstanceOf(ResourceAlreadyExistsException);
        }
      }
    });

    it('forgets a deleted record, and deletes one that is not there without an error', async () => {
      const record = recordOf('schema', unique('deleted'));
      await store().create(record);

      await store().delete(record.arn);
      await store().delete(record.arn);

      expect(await store().get(record.arn)).toBeUndefined();
      await store().create(record);
      expect(await store().get(record.arn)).toEqual(record);
    });
  });

  describe('update', () => {
    it('sets and removes attributes and tags, and leaves the others as they were', async () => {
      const record = recordOf('solution', unique('changed'), {
        attributes: { a: 1, b: 2, c: { deep: true } },
        tags: { x: '1', y: '2' },
      });
      await store().create(record);

      const applied = await store().update(record.arn, {
        attributes: { a: 10, b: undefined, d: ['new'] },
        tags: { x: undefined, z: '3' },
        updatedAt: 99,
      });

      expect(applied).toBe(true);
      expect(await store().get(record.arn)).toEqual({
        ...record,
        updatedAt: 99,
        attributes: { a: 10, c: { deep: true }, d: ['new'] },
        tags: { y: '2', z: '3' },
      });
    });

    it('leaves updatedAt as it was when the change does not give it', async () => {
      const record = recordOf('dataset-group', unique('tagged'), { updatedAt: 7 });
      await store().create(record);

      await store().update(record.arn, { tags: { k: 'v' } });

      expect((await store().get(record.arn))!.updatedAt).toBe(7);
    });

    it('answers false for a record that does not exist, and creates none', async () => {
      const arn = arnOf('dataset-group', unique('absent'));

      expect(await store().update(arn, { attributes: { status: 'ACTIVE' } })).toBe(false);
      expect(await store().get(arn)).toBeUndefined();
    });

    it('applies a claim only while the claimed attributes are absent', async () => {
      const record = recordOf('dataset', unique('claimed'), { attributes: { other: 'x' } });
      await store().create(record);
      const claim = (by: string) =>
        store().update(record.arn, { attributes: { claim: by } }, { absent: ['claim'] });

      const results = await Promise.all(['first', 'second', 'third'].map(claim));

      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = ['first', 'second', 'third'][results.indexOf(true)];
      expect((await store().get(record.arn))!.attributes).toEqual({ other: 'x', claim: winner });
    });

    it('applies a step only from one of the given values', async () => {
      const record = recordOf('dataset-import-job', unique('step'), {
        attributes: { status: 'CREATE PENDING' },
      });
      await store().create(record);
      const step = (from: string[], to: string) =>
        store().update(
          record.arn,
          { attributes: { status: to } },
          { oneOf: { name: 'status', values: from } },
        );

      expect(await step(['CREATE IN_PROGRESS'], 'ACTIVE')).toBe(false);
      expect(await step(['CREATE PENDING', 'CREATE IN_PROGRESS'], 'CREATE IN_PROGRESS')).toBe(true);
      expect(await step(['CREATE PENDING'], 'CREATE FAILED')).toBe(false);
      expect((await store().get(record.arn))!.attributes.status).toBe('CREATE IN_PROGRESS');
    });

    it('fails a step from given values when the attribute is missing', async () => {
      const record = recordOf('dataset-export-job', unique('no-status'), { attributes: {} });
      await store().create(record);

      expect(
        await store().update(
          record.arn,
          { attributes: { status: 'ACTIVE' } },
          { oneOf: { name: 'status', values: ['CREATE PENDING'] } },
        ),
      ).toBe(false);
    });

    it('refuses a change that sets and removes nothing', async () => {
      const record = recordOf('dataset-group', unique('no-change'));
      await store().create(record);

      await expect(store().update(record.arn, {})).rejects.toThrow();
      await expect(store().update(record.arn, { attributes: {}, tags: {} })).rejects.toThrow();
    });
  });

  describe('list', () => {
    it('lists a kind newest first, the ARN breaking ties from the end of the alphabet', async () => {
      // Prepare: a kind no other case of this file lists without a parent.
      const prefix = unique('order');
      for (const [name, createdAt] of [
        ['b', 2],
        ['a', 2],
        ['c', 1],
        ['d', 3],
      ] as const) {
        await store().create(
          recordOf('batch-inference-job', `${prefix}-${name}`, { createdAt, updatedAt: 0 }),
        );
      }

      // Act
      const { records } = await store().list({ kind: 'batch-inference-job', limit: 100 });

      // Assess
      expect(records.map((record) => record.arn)).toEqual(
        ['d', 'b', 'a', 'c'].map((name) => arnOf('batch-inference-job', `${prefix}-${name}`)),
      );
    });

    it("lists a parent's children of one kind only, newest first", async () => {
      const parentArn = arnOf('dataset-group', unique('family'));
      const otherParent = arnOf('dataset-group', unique('neighbours'));
      await store().create(recordOf('solution', unique('s'), { parentArn, createdAt: 1 }));
      const newer = recordOf('solution', unique('s'), { parentArn, createdAt: 2 });
      await store().create(newer);
      await store().create(recordOf('filter', unique('f'), { parentArn, createdAt: 3 }));
      await store().create(recordOf('solution', unique('s'), { parentArn: otherParent }));

      const { records, nextKey } = await store().list({ kind: 'solution', parentArn, limit: 10 });

      expect(records.map((record) => record.createdAt)).toEqual([2, 1]);
      expect(records[0]).toEqual(newer);
      expect(nextKey).toBeUndefined();
    });

    it('pages through every record once, with no nextKey after an exactly full last page', async () => {
      const parentArn = arnOf('dataset-group', unique('paged'));
      const created: string[] = [];
      for (let i = 0; i < 9; i++) {
        const record = recordOf('filter', unique('page'), { parentArn, createdAt: 100 + i });
        await store().create(record);
        created.unshift(record.arn);
      }

      expect(await listAll(store(), { kind: 'filter', parentArn }, 4)).toEqual({
        arns: created,
        sizes: [4, 4, 1],
      });
      expect(await listAll(store(), { kind: 'filter', parentArn }, 3)).toEqual({
        arns: created,
        sizes: [3, 3, 3],
      });
    });

    it('resumes after the last record of a page even once it is deleted, and shows no newer record', async () => {
      const parentArn = arnOf('dataset-group', unique('moving'));
      const arns: string[] = [];
      for (let i = 0; i < 6; i++) {
        const record = recordOf('campaign', unique('moving'), { parentArn, createdAt: 10 + i });
        await store().create(record);
        arns.unshift(record.arn);
      }
      const first = await store().list({ kind: 'campaign', parentArn, limit: 3 });

      await store().delete(arns[2]!);
      await store().create(recordOf('campaign', unique('late'), { parentArn, createdAt: 99 }));
      const second = await store().list({
        kind: 'campaign',
        parentArn,
        limit: 3,
        startKey: first.nextKey!,
      });

      expect(first.records.map((record) => record.arn)).toEqual(arns.slice(0, 3));
      expect(second.records.map((record) => record.arn)).toEqual(arns.slice(3));
      expect(second.nextKey).toBeUndefined();
    });

    it('gives a position that is plain data, as a nextToken seals it', async () => {
      const parentArn = arnOf('dataset-group', unique('sealed'));
      for (let i = 0; i < 3; i++) {
        await store().create(recordOf('solution', unique('sealed'), { parentArn, createdAt: i }));
      }

      const { nextKey } = await store().list({ kind: 'solution', parentArn, limit: 1 });
      const revived = JSON.parse(JSON.stringify(nextKey)) as PageKey;
      const next = await store().list({ kind: 'solution', parentArn, limit: 5, startKey: revived });

      expect(next.records.map((record) => record.createdAt)).toEqual([1, 0]);
    });
  });

  describe('count', () => {
    async function family(statuses: string[]): Promise<string> {
      const parentArn = arnOf('dataset-group', unique('counted'));
      for (const status of statuses) {
        await store().create(
          recordOf('dataset-import-job', unique('job'), { parentArn, attributes: { status } }),
        );
      }
      await store().create(recordOf('filter', unique('other-kind'), { parentArn }));
      return parentArn;
    }

    it("counts a parent's children of one kind, up to the bound", async () => {
      const parentArn = await family(['ACTIVE', 'ACTIVE', 'CREATE FAILED', 'CREATE PENDING']);
      const count = (upTo: number) =>
        store().count({ kind: 'dataset-import-job', parentArn, upTo });

      expect(await count(10)).toBe(4);
      expect(await count(4)).toBe(4);
      expect(await count(2)).toBe(2);
      expect(await count(0)).toBe(0);
    });

    it('counts only the records in the given statuses', async () => {
      const parentArn = await family([
        'ACTIVE',
        'CREATE PENDING',
        'CREATE IN_PROGRESS',
        'CREATE PENDING',
      ]);
      const count = (upTo: number) =>
        store().count({
          kind: 'dataset-import-job',
          parentArn,
          statuses: ['CREATE PENDING', 'CREATE IN_PROGRESS'],
          upTo,
        });

      expect(await count(10)).toBe(3);
      // Counting may stop at the bound, or go past it: a quota asks only whether it is reached.
      expect(await count(2)).toBeGreaterThanOrEqual(2);
      expect(await count(0)).toBe(0);
    });

    it('counts every record of a kind without a parent', async () => {
      const before = await store().count({ kind: 'data-deletion-job', upTo: 1000 });
      await store().create(recordOf('data-deletion-job', unique('loose')));
      await store().create(
        recordOf('data-deletion-job', unique('held'), {
          parentArn: arnOf('dataset-group', unique('holder')),
        }),
      );

      expect(await store().count({ kind: 'data-deletion-job', upTo: 1000 })).toBe(before + 2);
    });
  });

  describe('firstChild', () => {
    it('finds a child, of one kind when asked, and none once they are gone', async () => {
      const parentArn = arnOf('dataset-group', unique('parent'));
      const solution = recordOf('solution', unique('child'), { parentArn, createdAt: 1 });
      const filter = recordOf('filter', unique('child'), { parentArn, createdAt: 2 });
      await store().create(solution);
      await store().create(filter);

      // The adapter's index orders children by kind, then age.
      expect(await store().firstChild(parentArn)).toEqual(filter);
      expect(await store().firstChild(parentArn, 'solution')).toEqual(solution);
      expect(await store().firstChild(parentArn, 'campaign')).toBeUndefined();

      await store().delete(solution.arn);
      await store().delete(filter.arn);
      expect(await store().firstChild(parentArn)).toBeUndefined();
    });

    it('finds the oldest child of a kind', async () => {
      const parentArn = arnOf('solution', unique('versions'));
      for (const createdAt of [30, 10, 20]) {
        await store().create(
          recordOf('solution-version', unique('version'), { parentArn, createdAt }),
        );
      }

      expect((await store().firstChild(parentArn, 'solution-version'))!.createdAt).toBe(10);
    });
  });

  describe('findByAttribute', () => {
    it('finds the oldest record of a kind whose attribute equals the value', async () => {
      const value = unique('tracking');
      const match = (name: string, createdAt: number, attributes: Attributes) =>
        recordOf('event-tracker', unique(name), { createdAt, attributes });
      const older = match('older', 1, { trackingId: value });
      await store().create(match('newer', 2, { trackingId: value }));
      await store().create(older);
      await store().create(match('other', 0, { trackingId: `${value}-not` }));
      await store().create(
        recordOf('dataset', unique('other-kind'), {
          createdAt: 0,
          attributes: { trackingId: value },
        }),
      );

      expect(await store().findByAttribute('event-tracker', 'trackingId', value)).toEqual(older);
      expect(
        await store().findByAttribute('event-tracker', 'trackingId', unique('none')),
      ).toBeUndefined();
    });
  });

  describe('tracking IDs', () => {
    it('puts, replaces, gets and deletes a route', async () => {
      const trackingId = unique('tracking-id');
      const route = {
        trackingId,
        datasetGroupArn: arnOf('dataset-group', unique('routed')),
        eventTrackerArn: arnOf('event-tracker', unique('router')),
      };
      const store = stores().trackingIds;

      await store.put(route);
      expect(await store.get(trackingId)).toEqual(route);
      await store.put({ ...route, eventTrackerArn: arnOf('event-tracker', 'replaced') });
      expect((await store.get(trackingId))!.eventTrackerArn).toBe(
        arnOf('event-tracker', 'replaced'),
      );
      await store.delete(trackingId);
      await store.delete(trackingId);
      expect(await store.get(trackingId)).toBeUndefined();
    });
  });
});
