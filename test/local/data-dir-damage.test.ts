/**
 * A damaged embedded store refuses to start (issue 12): removing dynamodb/CURRENT or truncating
 * the newest LevelDB log once started an empty or older store, and LevelDB then deleted the old
 * files. `npm start -- --check` reports damage with exit code 1 and passes a healthy data dir.
 */
import { CreateDatasetGroupCommand, ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { open, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DamagedDataDirError } from '../../bin/store-guard';
import { modelLocation } from '../../layers/core/data/locations';
import { startTestService, type TestService } from '../helpers/local-service';
import { spawnLocal } from '../helpers/process';
import { recipeArn } from '../helpers/serving';
import { groupWithInteractions, trainSolution, twoTastesCsv } from '../helpers/training';

const GROUPS = 30;

/** A data dir holding GROUPS dataset groups, its service stopped cleanly. */
async function dataDirWithGroups(): Promise<string> {
  const service = await startTestService();
  for (let i = 0; i < GROUPS; i++) {
    await service.personalize.send(new CreateDatasetGroupCommand({ name: `group-${i}` }));
  }
  await service.stop(true);
  return service.dataDir;
}

const storeDir = (dataDir: string) => join(dataDir, 'dynamodb');

async function groupCount(service: TestService): Promise<number> {
  const { datasetGroups } = await service.personalize.send(
    new ListDatasetGroupsCommand({ maxResults: 100 }),
  );
  return datasetGroups!.length;
}

async function refusal(dataDir: string): Promise<DamagedDataDirError> {
  const error = await startTestService(dataDir).then(
    async (service) => {
      await service.stop(true);
      throw new Error('the service started');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DamagedDataDirError);
  return error as DamagedDataDirError;
}

/** `npm start -- --check` on the data dir: its exit code and what it printed. */
async function check(dataDir: string): Promise<{ code: number | null; output: string }> {
  const local = spawnLocal({ args: ['--check', '--data-dir', dataDir] });
  const code = await local.exited;
  return { code, output: local.stdout() + local.stderr() };
}

describe('the start', () => {
  it('starts a new data dir, then starts it again with everything in it', async () => {
    const dataDir = await dataDirWithGroups();
    const service = await startTestService(dataDir);
    expect(await groupCount(service)).toBe(GROUPS);
    await service.stop();
  });

  it('refuses a store whose CURRENT is missing, and leaves its files as they are', async () => {
    // Prepare
    const dataDir = await dataDirWithGroups();
    await rm(join(storeDir(dataDir), 'CURRENT'));
    const before = (await readdir(storeDir(dataDir))).sort();
    // Act
    const error = await refusal(dataDir);
    // Assess
    expect(error.message).toMatch(
      /^Tailor did not start: the data dir .* is damaged, and was left as it is\.\n {2}- dynamodb\/CURRENT is missing, yet \d+ LevelDB file\(s\) remain \(.*\): LevelDB would start an empty store over them and delete them\.\nRestore the data dir from a backup \(docs\/local\.md, "Backup and restore"\)/,
    );
    expect((await readdir(storeDir(dataDir))).sort()).toEqual(before);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a store emptied of every file while its data dir says it held one', async () => {
    const dataDir = await dataDirWithGroups();
    await rm(storeDir(dataDir), { recursive: true });
    const error = await refusal(dataDir);
    expect(error.problems).toEqual([
      expect.stringMatching(
        /^dynamodb\/CURRENT is missing and the store is empty, yet this data dir has held one since .* \(data-dir\.json\)\.$/,
      ),
    ]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a store whose newest log was truncated after a clean stop', async () => {
    const dataDir = await dataDirWithGroups();
    const logs = (await readdir(storeDir(dataDir))).filter((name) => name.endsWith('.log'));
    const log = logs.sort().pop()!;
    const newest = join(storeDir(dataDir), log);
    const { size } = await stat(newest);
    await truncate(newest, Math.floor(size / 2));
    const error = await refusal(dataDir);
    expect(error.problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^dynamodb/${log.replace('.', '\\.')} is [\\d,]+ bytes; it was ${size.toLocaleString('en-US')} bytes at the last clean stop \\(.*\\)\\.$`,
        ),
      ),
    );
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a manifest LevelDB cannot parse, though its size is as recorded', async () => {
    const dataDir = await dataDirWithGroups();
    const current = await readFile(join(storeDir(dataDir), 'CURRENT'), 'utf8');
    const manifest = join(storeDir(dataDir), current.trim());
    await writeFile(manifest, Buffer.alloc((await stat(manifest)).size, 0x5a));
    const error = await refusal(dataDir);
    expect(error.problems).toEqual([
      expect.stringMatching(/^dynamodb: LevelDB cannot open the store: Corruption: /),
    ]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a CURRENT that names a missing manifest', async () => {
    const dataDir = await dataDirWithGroups();
    await writeFile(join(storeDir(dataDir), 'CURRENT'), 'MANIFEST-999999\n');
    const error = await refusal(dataDir);
    expect(error.problems).toContain('dynamodb/CURRENT names MANIFEST-999999, which is missing.');
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('npm start -- --check', () => {
  let dataDir: string;
  let modelFile: string;
  beforeAll(async () => {
    const service = await startTestService();
    const groupArn = await groupWithInteractions(service, twoTastesCsv());
    const { version } = await trainSolution(service, {
      name: 'checked',
      datasetGroupArn: groupArn,
      recipeArn: recipeArn('aws-popularity-count'),
    });
    const location = modelLocation(service.context.dataBucket, version.solutionVersionArn!);
    modelFile = join(service.dataDir, 's3', location.bucket, `${location.key}._S3rver_object`);
    await service.stop(true);
    dataDir = service.dataDir;
  }, 60_000);
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('passes a healthy data dir and says what it checked', async () => {
    const { code, output } = await check(dataDir);
    expect(output).toMatch(/dynamodb: \d+ LevelDB files; [\d,]+ entries read/);
    expect(output).toMatch(/s3: \d+ objects against their MD5/);
    // The interactions' compact data, the model and its training report.
    expect(output).toContain("Tailor's objects: 3 verified by their SHA-256");
    expect(output).toContain('No damage found.');
    expect(code).toBe(0);
  }, 60_000);

  it('reports a model with noise in it, naming the object, and exits 1', async () => {
    const original = await readFile(modelFile);
    const handle = await open(modelFile, 'r+');
    await handle.write(Buffer.alloc(64, 0x5a), 0, 64, original.length - 100);
    await handle.close();
    const { code, output } = await check(dataDir);
    expect(output).toMatch(
      /s3\/tailor-.*\/model\.tlrm\._S3rver_object: its bytes do not match the MD5 recorded when it was written\./,
    );
    expect(output).toMatch(
      /s3:\/\/tailor-.*\/model\.tlrm \(a solution version's model\) is damaged: its content does not match its SHA-256 checksum\. To repair it, train a new solution version/,
    );
    expect(output).toContain('The data dir is damaged.');
    expect(code).toBe(1);
    await writeFile(modelFile, original);
  }, 60_000);

  it('reports a store without CURRENT and exits 1', async () => {
    const current = join(storeDir(dataDir), 'CURRENT');
    const saved = await readFile(current);
    await rm(current);
    const { code, output } = await check(dataDir);
    expect(output).toContain('dynamodb/CURRENT is missing');
    expect(code).toBe(1);
    await writeFile(current, saved);
    expect((await check(dataDir)).code).toBe(0);
  }, 60_000);
});

it('a fresh data dir is new, not damaged', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tailor-new-'));
  const { code, output } = await check(dataDir);
  expect(output).toContain('No damage found.');
  expect(code).toBe(0);
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);
