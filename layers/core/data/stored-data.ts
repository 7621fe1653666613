/**
 * The compact data Tailor keeps in its bucket, read back whole (jobs work on it in memory) and
 * checked against its checksum on every read (checksummed.ts).
 */
import type { ObjectLocation, ObjectStore } from '../store/object-ports';
import type { DatasetType } from '../domain/dataset';
import { readChecked, writeChecked, type ArtifactKind } from './checksummed';
import { decode, encode, MAGIC } from './compact/codec';
import type { CompactDataset } from './compact/columns';

/** The field that identifies a record of the datasets that are upserted rather than appended. */
export const RECORD_ID_FIELD: Partial<Record<DatasetType, string>> = {
  USERS: 'USER_ID',
  ITEMS: 'ITEM_ID',
  ACTIONS: 'ACTION_ID',
};

export const IMPORTED_DATA: ArtifactKind = {
  describe: "a dataset's imported data",
  legacyMagic: MAGIC,
  remedy: "import the dataset's data again with a FULL dataset import job",
};

export function readCompact(
  objects: ObjectStore,
  location: ObjectLocation,
): Promise<CompactDataset | undefined> {
  return readChecked(objects, location, IMPORTED_DATA, decode);
}

export function writeCompact(
  objects: ObjectStore,
  location: ObjectLocation,
  dataset: CompactDataset,
): Promise<void> {
  return writeChecked(objects, location, encode(dataset));
}
