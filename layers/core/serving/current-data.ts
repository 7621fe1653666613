/**
 * The imported data the runtime keeps (Items, Users, Interactions), refreshed in the background
 * every minute: each refresh asks S3 for the object's version (a HEAD, no bytes) and decodes the
 * object again only when it changed. An unchanged object gives back the same CompactDataset, so
 * what is built from it (row indexes, filters' field indexes) is kept too, and a large dataset
 * costs no decoding, and no pause of the event loop, once a minute.
 */
import { readCompact } from '../data/stored-data';
import { findColumn, NULL_INDEX, type CompactDataset } from '../data/compact/columns';
import { s3Url, type ObjectLocation, type ObjectStore } from '../store/object-ports';

/** By store (one per process or test service), the last version read of each object. */
const lastRead = new WeakMap<ObjectStore, Map<string, { version: string; data: CompactDataset }>>();

export async function currentCompact(
  objects: ObjectStore,
  location: ObjectLocation,
): Promise<CompactDataset | undefined> {
  let known = lastRead.get(objects);
  if (!known) lastRead.set(objects, (known = new Map()));
  const key = s3Url(location);
  // Taken before the read: a change in between is read again at the next refresh.
  const version = await objects.version(location);
  if (version === undefined) {
    known.delete(key);
    return undefined;
  }
  const last = known.get(key);
  if (last?.version === version) return last.data;
  const data = await readCompact(objects, location);
  if (data) known.set(key, { version, data });
  return data;
}

/** Each ID's row in the data: a later row of an ID replaces an earlier one, as upserts do. */
export function rowsById(field: string): (data: CompactDataset) => ReadonlyMap<string, number> {
  return derivedOnce((data) => {
    const rows = new Map<string, number>();
    const ids = findColumn(data, field);
    if (ids?.kind === 'string') {
      for (let r = 0; r < data.rowCount; r++) {
        if (ids.indices[r] !== NULL_INDEX) rows.set(ids.dictionary[ids.indices[r]!]!, r);
      }
    }
    return rows;
  });
}

/** What is built from a dataset, once per dataset object: an index, say. */
export function derivedOnce<T>(build: (data: CompactDataset) => T): (data: CompactDataset) => T {
  const built = new WeakMap<CompactDataset, T>();
  return (data) => {
    let found = built.get(data);
    if (found === undefined) built.set(data, (found = build(data)));
    return found;
  };
}
