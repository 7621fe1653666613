/** The compact data Tailor keeps in its bucket, read back whole: jobs work on it in memory. */
import type { ObjectLocation, ObjectStore } from '../store/object-ports';
import type { DatasetType } from './avro-schema';
import { decode, type CompactDataset } from './compact';

/** The field that identifies a record of the datasets that are upserted rather than appended. */
export const RECORD_ID_FIELD: Partial<Record<DatasetType, string>> = {
  USERS: 'USER_ID',
  ITEMS: 'ITEM_ID',
  ACTIONS: 'ACTION_ID',
};

export async function readCompact(
  objects: ObjectStore,
  location: ObjectLocation,
): Promise<CompactDataset | undefined> {
  const body = await objects.read(location);
  if (!body) return undefined;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return decode(Buffer.concat(chunks));
}
