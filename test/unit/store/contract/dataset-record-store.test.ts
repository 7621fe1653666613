/**
 * DatasetRecordStore's promises (store/event-ports.ts), held by every implementation alike:
 * upserts by dataset and ID, reads of the IDs asked, listing in ID order (DynamoDB's byte order),
 * and the bounded, resumable deletion.
 */
import type { DatasetRecord, DatasetRecordStore } from '../../../../layers/core/store/event-ports';
import { eachImplementation, unique } from './implementations';

const datasetArn = () =>
  `arn:aws:personalize:us-east-1:000000000000:dataset/${unique('records')}/USERS`;

const recordOf = (dataset: string, id: string, fields: DatasetRecord['fields'] = {}) => ({
  datasetArn: dataset,
  id,
  fields,
  updatedAt: 1_700_000_000_000,
});

async function listAll(store: DatasetRecordStore, dataset: string): Promise<DatasetRecord[]> {
  const records: DatasetRecord[] = [];
  for await (const record of store.list(dataset)) records.push(record);
  return records;
}

eachImplementation((stores) => {
  const store = () => stores().datasetRecords;

  it('replaces a record whole, and reads back only the IDs that have one', async () => {
    // Prepare
    const dataset = datasetArn();
    await store().put([recordOf(dataset, 'u1', { AGE: 30, CITY: 'Paris' })]);

    // Act
    await store().put([
      recordOf(dataset, 'u1', { AGE: 31 }),
      recordOf(dataset, 'u2', { AGE: null }),
    ]);

    // Assess
    const found = await store().get(dataset, ['u1', 'u2', 'u1', 'ghost']);
    expect([...found.keys()].sort()).toEqual(['u1', 'u2']);
    expect(found.get('u1')).toEqual(recordOf(dataset, 'u1', { AGE: 31 }));
    expect(found.get('u2')).toEqual(recordOf(dataset, 'u2', { AGE: null }));
    expect((await store().get(datasetArn(), ['u1'])).size).toBe(0);
  });

  it("lists a dataset's records in the byte order of their IDs", async () => {
    const dataset = datasetArn();
    // U+FF5E sorts before U+1F600 in UTF-8, after it in JavaScript's UTF-16 order.
    const ids = ['b', 'A', '\u{1F600}', 'a', '\uFF5E', '10', '9'];
    await store().put(ids.map((id) => recordOf(dataset, id)));
    await store().put([recordOf(datasetArn(), 'elsewhere')]);

    const listed = await listAll(store(), dataset);

    expect(listed.map((record) => record.id)).toEqual([
      '10',
      '9',
      'A',
      'a',
      'b',
      '\uFF5E',
      '\u{1F600}',
    ]);
  });

  it('deletes the IDs asked and names those that had a record', async () => {
    const dataset = datasetArn();
    await store().put(['u1', 'u2', 'u3'].map((id) => recordOf(dataset, id)));

    const deleted = await store().delete(dataset, ['u1', 'ghost', 'u3']);

    expect(deleted.sort()).toEqual(['u1', 'u3']);
    expect((await listAll(store(), dataset)).map((record) => record.id)).toEqual(['u2']);
    expect(await store().delete(dataset, ['u1'])).toEqual([]);
  });

  it('deletes a dataset in bounded calls until none is left', async () => {
    const dataset = datasetArn();
    const other = datasetArn();
    await store().put(Array.from({ length: 7 }, (_, i) => recordOf(dataset, `u${i}`)));
    await store().put([recordOf(other, 'kept')]);

    const counts: number[] = [];
    for (;;) {
      const count = await store().deleteSome(dataset, 3);
      counts.push(count);
      if (count === 0) break;
    }

    expect(counts).toEqual([3, 3, 1, 0]);
    expect(await listAll(store(), dataset)).toEqual([]);
    expect(await listAll(store(), other)).toHaveLength(1);
  });

  it('refuses one call that names a record twice', async () => {
    const dataset = datasetArn();

    await expect(
      store().put([recordOf(dataset, 'u1'), recordOf(dataset, 'u1', { AGE: 2 })]),
    ).rejects.toThrow();
  });
});
