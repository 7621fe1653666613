/**
 * The store check's rules on LevelDB-shaped files (bin/store-guard.ts): what a crash may leave is
 * accepted, what only damage leaves is refused. The service-level cases are in
 * data-dir-damage.test.ts.
 */
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORD_FILE, readRecord, storeProblems } from '../../bin/store-guard';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tailor-guard-'));
  await mkdir(join(dataDir, 'dynamodb'));
  await writeFile(join(dataDir, 'dynamodb', 'CURRENT'), 'MANIFEST-000004\n');
  await writeFile(join(dataDir, 'dynamodb', 'MANIFEST-000004'), Buffer.alloc(50));
  await writeFile(join(dataDir, 'dynamodb', '000005.log'), Buffer.alloc(4000));
  await writeFile(join(dataDir, 'dynamodb', '000003.ldb'), Buffer.alloc(2000));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

async function recorded(state: 'open' | 'closed', files: Record<string, number>) {
  await writeFile(
    join(dataDir, RECORD_FILE),
    JSON.stringify({
      format: 1,
      createdAt: '2026-12-01T00:00:00.000Z',
      store: { state, recordedAt: '2026-12-05T08:00:00.000Z', files },
    }),
  );
  return storeProblems(dataDir, await readRecord(dataDir));
}

it('accepts a store that grew and lost files while running, as LevelDB does', async () => {
  expect(await recorded('open', { '000005.log': 3000, '000002.ldb': 900 })).toEqual([]);
});

it('refuses a log shorter than recorded while running: cut after a crash', async () => {
  await truncate(join(dataDir, 'dynamodb', '000005.log'), 1000);
  expect(await recorded('open', { '000005.log': 3000 })).toEqual([
    'dynamodb/000005.log is 1,000 bytes; it was 3,000 bytes when last recorded while the service ran (2026-12-05T08:00:00.000Z).',
  ]);
});

it('refuses any change since a clean stop, a missing file included', async () => {
  const problems = await recorded('closed', {
    CURRENT: 16,
    'MANIFEST-000004': 50,
    '000005.log': 3000,
    '000002.ldb': 900,
  });
  expect(problems).toEqual([
    'dynamodb/000005.log is 4,000 bytes; it was 3,000 bytes at the last clean stop (2026-12-05T08:00:00.000Z).',
    'dynamodb/000002.ldb is missing; it was 900 bytes at the last clean stop (2026-12-05T08:00:00.000Z).',
  ]);
});

it('takes a store with no record as it is, if its structure holds', async () => {
  expect(await storeProblems(dataDir, undefined)).toEqual([]);
  await rm(join(dataDir, 'dynamodb', 'MANIFEST-000004'));
  expect(await storeProblems(dataDir, undefined)).toEqual([
    'dynamodb/CURRENT names MANIFEST-000004, which is missing.',
  ]);
});

it('refuses an empty manifest and a CURRENT that names none', async () => {
  await writeFile(join(dataDir, 'dynamodb', 'MANIFEST-000004'), '');
  expect(await storeProblems(dataDir, undefined)).toEqual([
    'dynamodb/CURRENT names MANIFEST-000004, which is empty.',
  ]);
  await writeFile(join(dataDir, 'dynamodb', 'CURRENT'), 'garbage');
  expect(await storeProblems(dataDir, undefined)).toEqual([
    'dynamodb/CURRENT does not name a manifest: "garbage".',
  ]);
});

it('refuses a record that is not JSON, saying how to make it again', async () => {
  await writeFile(join(dataDir, RECORD_FILE), '{"format": 1, "creat');
  await expect(readRecord(dataDir)).rejects.toThrow(
    /data-dir\.json is not valid JSON .*; it records the store's files\. If the store is known good, delete data-dir\.json and it is made again\./,
  );
});
