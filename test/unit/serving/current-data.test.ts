/** The runtime's imported data, refreshed by version, on the local S3 (s3rver). */
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CompactBuilder } from '../../../layers/core/data/compact/builder';
import { encode } from '../../../layers/core/data/compact/codec';
import { currentCompact, rowsById } from '../../../layers/core/serving/current-data';
import { startTestService, type TestService } from '../../helpers/local-service';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
  await service.s3.send(new CreateBucketCommand({ Bucket: 'current' }));
});
afterAll(() => service.stop());

const LOCATION = { bucket: 'current', key: 'items/bulk.tlrd' };

function items(...ids: string[]): Buffer {
  const builder = new CompactBuilder([
    { name: 'ITEM_ID', type: 'string', nullable: false, categorical: false, textual: false },
  ]);
  for (const id of ids) builder.append([id]);
  return encode(builder.build());
}

it('decodes an object again only when its version changed', async () => {
  const objects = service.context.objects;
  expect(await currentCompact(objects, LOCATION)).toBeUndefined();

  await objects.write(LOCATION, items('a', 'b', 'a'));
  const first = await currentCompact(objects, LOCATION);
  expect(first?.rowCount).toBe(3);
  // Unchanged: the same dataset, and so the same index built from it.
  expect(await currentCompact(objects, LOCATION)).toBe(first);
  const rows = rowsById('ITEM_ID');
  expect(rows(first!)).toBe(rows(first!));
  expect([...rows(first!)]).toEqual([
    ['a', 2],
    ['b', 1],
  ]);

  await objects.write(LOCATION, items('c'));
  const second = await currentCompact(objects, LOCATION);
  expect(second).not.toBe(first);
  expect([...rows(second!)]).toEqual([['c', 0]]);

  await objects.delete(LOCATION);
  expect(await currentCompact(objects, LOCATION)).toBeUndefined();
});
