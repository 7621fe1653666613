/**
 * Issue 12, as the probe found it: `npm start` killed with SIGKILL, the newest LevelDB log then
 * truncated. The next start once opened an older store and LevelDB deleted the rest; now it
 * refuses, naming the file, and `npm start -- --check` agrees.
 */
import { CreateDatasetGroupCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { readdir, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDataDir, spawnLocal, startLocal } from '../helpers/process';

/** Longer than the running service takes to record its store's files (store-guard.ts). */
const RECORD_WAIT_MS = 6_000;

it('refuses to start on a log cut after a crash, and --check reports it', async () => {
  // Prepare: a store with groups, recorded while running, then killed.
  const dataDir = await makeDataDir();
  const service = await startLocal({ dataDir, env: { TAILOR_QUOTAS: 'datasetGroups=100' } });
  const personalize = new PersonalizeClient({
    endpoint: service.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    for (let i = 0; i < 50; i++) {
      await personalize.send(new CreateDatasetGroupCommand({ name: `before-crash-${i}` }));
    }
    await new Promise((wake) => setTimeout(wake, RECORD_WAIT_MS));
  } finally {
    personalize.destroy();
    await service.stop('SIGKILL');
  }
  const store = join(dataDir, 'dynamodb');
  const newest = (await readdir(store))
    .filter((name) => name.endsWith('.log'))
    .sort()
    .pop()!;
  await truncate(join(store, newest), Math.floor((await stat(join(store, newest))).size / 2));
  const filesBefore = (await readdir(store)).sort();

  // Act
  const start = spawnLocal({ args: ['--port', '0', '--s3-port', '0', '--data-dir', dataDir] });
  const code = await start.exited;
  const check = spawnLocal({ args: ['--check', '--data-dir', dataDir] });
  const checkCode = await check.exited;

  // Assess
  expect(code).toBe(1);
  expect(start.stderr()).toContain(`the data dir ${dataDir} is damaged, and was left as it is.`);
  expect(start.stderr()).toMatch(
    new RegExp(
      `dynamodb/${newest.replace('.', '\\.')} is [\\d,]+ bytes; it was [\\d,]+ bytes when last recorded while the service ran`,
    ),
  );
  expect((await readdir(store)).sort()).toEqual(filesBefore);
  expect(checkCode).toBe(1);
  expect(check.stdout()).toContain(`dynamodb/${newest} is `);
  await rm(dataDir, { recursive: true, force: true });
}, 120_000);
