/**
 * PutUsers' and PutItems' records in memory, by dataset and ID, with the DynamoDB adapter's
 * promises: a put replaces a record whole, a listing goes in ID order (DynamoDB's byte order).
 */
import type { DatasetRecord, DatasetRecordStore } from '../event-ports';
import { compareKeys, requireDistinctKeys, storedCopy } from './stored';

/** A record as the adapter reads one back: its four members, fields always set. */
const kept = (record: DatasetRecord): DatasetRecord => ({
  datasetArn: record.datasetArn,
  id: record.id,
  fields: storedCopy(record.fields ?? {}),
  updatedAt: record.updatedAt,
});

export class MemoryDatasetRecordStore implements DatasetRecordStore {
  private readonly datasets = new Map<string, Map<string, DatasetRecord>>();

  async put(records: readonly DatasetRecord[]): Promise<void> {
    requireDistinctKeys(records, (record) => `${record.datasetArn}\n${record.id}`);
    for (const record of records) {
      let dataset = this.datasets.get(record.datasetArn);
      if (!dataset) this.datasets.set(record.datasetArn, (dataset = new Map()));
      dataset.set(record.id, kept(record));
    }
  }

  async get(datasetArn: string, ids: readonly string[]): Promise<Map<string, DatasetRecord>> {
    const dataset = this.datasets.get(datasetArn);
    const found = new Map<string, DatasetRecord>();
    for (const id of ids) {
      const record = dataset?.get(id);
      if (record) found.set(id, kept(record));
    }
    return found;
  }

  /** The records as they were when the listing began. */
  async *list(datasetArn: string): AsyncIterable<DatasetRecord> {
    for (const id of this.ids(datasetArn)) {
      const record = this.datasets.get(datasetArn)?.get(id);
      if (record) yield kept(record);
    }
  }

  async delete(datasetArn: string, ids: readonly string[]): Promise<string[]> {
    const found = [...(await this.get(datasetArn, ids)).keys()];
    for (const id of found) this.datasets.get(datasetArn)?.delete(id);
    this.dropIfEmpty(datasetArn);
    return found;
  }

  async deleteSome(datasetArn: string, limit: number): Promise<number> {
    if (limit < 1) throw new RangeError(`A deletion reads at least 1 record, not ${limit}.`);
    const ids = this.ids(datasetArn).slice(0, limit);
    for (const id of ids) this.datasets.get(datasetArn)?.delete(id);
    this.dropIfEmpty(datasetArn);
    return ids.length;
  }

  private ids(datasetArn: string): string[] {
    return [...(this.datasets.get(datasetArn)?.keys() ?? [])].sort(compareKeys);
  }

  private dropIfEmpty(datasetArn: string): void {
    if (this.datasets.get(datasetArn)?.size === 0) this.datasets.delete(datasetArn);
  }
}
