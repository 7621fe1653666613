/** Checksums on Tailor's own objects: whole objects open, damaged ones are named. */
import {
  decodeChecked,
  DamagedObjectError,
  inspect,
  seal,
} from '../../../layers/core/data/checksummed';
import { IMPORTED_DATA } from '../../../layers/core/data/stored-data';
import { CompactBuilder } from '../../../layers/core/data/compact/builder';
import { decode, encode } from '../../../layers/core/data/compact/codec';
import type { Float64Column } from '../../../layers/core/data/compact/columns';

const LOCATION = { bucket: 'tailor-data', key: 'dataset/g/INTERACTIONS/bulk.tlrd' };

function compact(rows: number): Buffer {
  const builder = new CompactBuilder([
    { name: 'USER_ID', type: 'string', nullable: false, categorical: false, textual: false },
    { name: 'TIMESTAMP', type: 'long', nullable: false, categorical: false, textual: false },
  ]);
  for (let r = 0; r < rows; r++) builder.append([`u${r % 7}`, 1_700_000_000 + r]);
  return encode(builder.build());
}

const open = (bytes: Uint8Array) => decodeChecked(bytes, LOCATION, IMPORTED_DATA, decode);

it('opens a sealed object to its content, aligned for typed arrays', () => {
  // Prepare
  const content = compact(1000);
  const sealed = seal(content);
  // Act
  const data = open(sealed);
  // Assess
  expect(data.rowCount).toBe(1000);
  // A view into the object's bytes, not a copy.
  expect((data.columns[1] as Float64Column).values.buffer).toBe(sealed.buffer);
  expect(inspect(seal(content), IMPORTED_DATA).state).toBe('verified');
});

it('fails 4 KiB of noise inside the content, naming the object and the repair', () => {
  const sealed = seal(compact(5000));
  sealed.fill(0x5a, 20_000, 20_000 + 4096);
  expect(() => open(sealed)).toThrow(DamagedObjectError);
  expect(() => open(sealed)).toThrow(
    's3://tailor-data/dataset/g/INTERACTIONS/bulk.tlrd (a dataset\'s imported data) is damaged: its content does not match its SHA-256 checksum. To repair it, import the dataset\'s data again with a FULL dataset import job; or restore the data dir from a backup (docs/local.md, "Backup and restore").',
  );
});

it('fails a truncated object, saying how much is missing', () => {
  const sealed = seal(compact(5000));
  expect(() => open(sealed.subarray(0, sealed.length - 100))).toThrow(
    /is damaged: it holds \d+ bytes of content where \d+ were written \(truncated or extended\)/,
  );
  expect(() => open(sealed.subarray(0, 20))).toThrow(/shorter than its checksum header/);
  expect(() => open(new Uint8Array(0))).toThrow(/starts with neither a checksum header/);
});

it('fails an object whose header is overwritten', () => {
  const sealed = seal(compact(10));
  sealed.fill(0, 0, 8);
  expect(() => open(sealed)).toThrow(/starts with neither a checksum header nor its format/);
});

it('reads an object written before checksums, and names it when it does not decode', () => {
  const legacy = compact(10);
  expect(inspect(legacy, IMPORTED_DATA).state).toBe('unchecked');
  expect(open(legacy).rowCount).toBe(10);
  expect(() => open(legacy.subarray(0, 40))).toThrow(
    /bulk\.tlrd \(a dataset's imported data\) is damaged: Dataset header runs past the end/,
  );
});

it('names the object when whole content fails its decoder', () => {
  expect(() => open(seal(Buffer.from('TLRD not really')))).toThrow(
    /bulk\.tlrd \(a dataset's imported data\) is damaged: /,
  );
});
