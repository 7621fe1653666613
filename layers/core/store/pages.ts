/**
 * The one walk over a listing's pages: the metadata store answers `list` a page at a time, and
 * code that needs every record (or the first that matches) reads them through `allRecords`.
 */
import type { Attributes, PageKey, ResourceRecord } from '../domain/records';
import type { ListQuery, MetadataStore } from './ports';

/** How many records a walk asks for at a time. */
export const WALK_PAGE_SIZE = 100;

/**
 * Every record the query lists, in the listing's order, reading a page only when the walk
 * reaches it: a `for await` that returns or breaks early leaves the later pages unread.
 */
export async function* allRecords<A extends Attributes = Attributes>(
  metadata: Pick<MetadataStore, 'list'>,
  query: Omit<ListQuery, 'limit' | 'startKey'>,
): AsyncGenerator<ResourceRecord<A>, void, undefined> {
  let startKey: PageKey | undefined;
  do {
    const page = await metadata.list<A>({
      ...query,
      limit: WALK_PAGE_SIZE,
      ...(startKey ? { startKey } : {}),
    });
    yield* page.records;
    startKey = page.nextKey;
  } while (startKey);
}
