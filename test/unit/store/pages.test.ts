import type { ListQuery, MetadataStore, Page } from '../../../layers/core/store/ports';
import { allRecords, WALK_PAGE_SIZE } from '../../../layers/core/store/pages';
import type { Attributes, ResourceRecord } from '../../../layers/core/domain/records';

const record = (n: number): ResourceRecord => ({
  arn: `arn:aws:personalize:us-east-1:000000000000:solution/s${n}`,
  kind: 'solution',
  parentArn: 'arn:aws:personalize:us-east-1:000000000000:dataset-group/g',
  createdAt: n,
  updatedAt: n,
  attributes: { n },
  tags: {},
});

/** A metadata store's `list` alone, over `count` records, `pageSize` to a page; it keeps the queries. */
function listing(count: number, pageSize: number) {
  const records = Array.from({ length: count }, (_, n) => record(n));
  const queries: ListQuery[] = [];
  const store: Pick<MetadataStore, 'list'> = {
    list: async <A extends Attributes>(query: ListQuery): Promise<Page<A>> => {
      queries.push(query);
      const start = query.startKey ? Number(query.startKey.next) : 0;
      const end = start + pageSize;
      return {
        records: records.slice(start, end) as ResourceRecord<A>[],
        ...(end < count ? { nextKey: { next: end } } : {}),
      };
    },
  };
  return { store, queries };
}

const collect = async <T>(walk: AsyncIterable<T>): Promise<T[]> => {
  const seen: T[] = [];
  for await (const item of walk) seen.push(item);
  return seen;
};

describe('allRecords', () => {
  it('yields every record of every page, in order, passing each nextKey on', async () => {
    // Prepare
    const { store, queries } = listing(7, 3);
    // Act
    const records = await collect(allRecords(store, { kind: 'solution', parentArn: 'g' }));
    // Assess
    expect(records.map((r) => r.attributes.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(queries).toEqual([
      { kind: 'solution', parentArn: 'g', limit: WALK_PAGE_SIZE },
      { kind: 'solution', parentArn: 'g', limit: WALK_PAGE_SIZE, startKey: { next: 3 } },
      { kind: 'solution', parentArn: 'g', limit: WALK_PAGE_SIZE, startKey: { next: 6 } },
    ]);
  });

  it('reads no page after the one where the walk stops', async () => {
    const { store, queries } = listing(9, 3);
    let found: number | undefined;
    for await (const r of allRecords(store, { kind: 'solution' })) {
      if (r.attributes.n === 4) {
        found = r.attributes.n;
        break;
      }
    }
    expect(found).toBe(4);
    expect(queries).toHaveLength(2);
  });

  it('reads the next page only when the walk goes past the last record of this one', async () => {
    const { store, queries } = listing(6, 3);
    const walk = allRecords(store, { kind: 'solution' });
    for (let n = 0; n < 3; n++) await walk.next();
    expect(queries).toHaveLength(1);
    await walk.next();
    expect(queries).toHaveLength(2);
  });

  it('yields nothing from an empty listing, after one query', async () => {
    const { store, queries } = listing(0, 3);
    expect(await collect(allRecords(store, { kind: 'solution' }))).toEqual([]);
    expect(queries).toHaveLength(1);
  });
});
