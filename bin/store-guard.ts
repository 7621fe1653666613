/**
 * Refuses to open a damaged embedded DynamoDB. dynalite keeps its tables in LevelDB under
 * `<dataDir>/dynamodb`, and LevelDB repairs by forgetting: without CURRENT it starts an empty
 * store and deletes the old files; a truncated log quietly loses what it held. So before dynalite
 * opens the store, the data dir's own record (data-dir.json) is compared with the files:
 *
 * - A data dir that never held a store (no record, no LevelDB files) is new, and fine.
 * - CURRENT missing while the record says a store was made, or while LevelDB files remain, is
 *   damage; so is a CURRENT that names a missing manifest.
 * - LevelDB never shrinks a file (logs and manifests are appended to, tables written once), so a
 *   file smaller than the record says is damage. After a clean stop nothing may have changed at
 *   all: every recorded file is there at its recorded size.
 * - Last, LevelDB itself (classic-level, the binding dynalite's `level` uses) opens the store
 *   without leave to create one: a manifest it cannot parse is damage.
 *
 * While the service runs the record is refreshed every few seconds (sizes then are lower
 * bounds), so a log cut after a crash is caught too, short of its last seconds. See
 * docs/local.md, "Integrity" and "Backup and restore".
 */
import { ClassicLevel } from 'classic-level';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const RECORD_FILE = 'data-dir.json';
const STORE_DIR = 'dynamodb';
/** How often a running service records its store's files: what a crash can lose unseen. */
const REFRESH_MS = 5_000;

const RESTORE =
  'Restore the data dir from a backup (docs/local.md, "Backup and restore"); `npm start -- --check` reports everything it finds.';

interface StoreRecord {
  /** `closed` after a clean stop; `open` while the service runs, or after it crashed. */
  state: 'open' | 'closed';
  recordedAt: string;
  /** Each LevelDB file's size in bytes. */
  files: Record<string, number>;
}

interface DataDirRecord {
  format: 1;
  createdAt: string;
  store: StoreRecord;
}

/** Thrown when the data dir is damaged; its message lists what is and how to restore. */
export class DamagedDataDirError extends Error {
  override readonly name = 'DamagedDataDirError';

  constructor(
    readonly dataDir: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Tailor did not start: the data dir ${dataDir} is damaged, and was left as it is.\n${problems
        .map((problem) => `  - ${problem}`)
        .join('\n')}\n${RESTORE}`,
    );
  }
}

/** Files LevelDB writes for its data; LOCK and its info LOG hold none. */
const isStoreFile = (name: string) =>
  name === 'CURRENT' || /^MANIFEST-\d+$/.test(name) || /^\d+\.(log|ldb|sst)$/.test(name);

/** The store's files and their sizes, as they are now. */
export async function storeFiles(dataDir: string): Promise<Record<string, number>> {
  const dir = join(dataDir, STORE_DIR);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files: Record<string, number> = {};
  for (const name of names.filter(isStoreFile).sort()) {
    // LevelDB deletes obsolete files as it runs: one gone since readdir is no longer its.
    const size = await stat(join(dir, name)).then(
      (found) => found.size,
      () => undefined,
    );
    if (size !== undefined) files[name] = size;
  }
  return files;
}

export async function readRecord(dataDir: string): Promise<DataDirRecord | undefined> {
  const text = await readFile(join(dataDir, RECORD_FILE), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as DataDirRecord;
  } catch (error) {
    throw new DamagedDataDirError(dataDir, [
      `${RECORD_FILE} is not valid JSON (${(error as Error).message}); it records the store's files. If the store is known good, delete ${RECORD_FILE} and it is made again.`,
    ]);
  }
}

const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;

/** What is wrong with the store's files, found without opening it; empty when nothing is. */
export async function storeProblems(
  dataDir: string,
  record: DataDirRecord | undefined,
): Promise<string[]> {
  const files = await storeFiles(dataDir);
  const problems: string[] = [];
  const names = Object.keys(files);
  if (files.CURRENT === undefined) {
    if (names.length > 0) {
      problems.push(
        `${STORE_DIR}/CURRENT is missing, yet ${names.length} LevelDB file(s) remain (${names.slice(0, 4).join(', ')}): LevelDB would start an empty store over them and delete them.`,
      );
    } else if (record) {
      problems.push(
        `${STORE_DIR}/CURRENT is missing and the store is empty, yet this data dir has held one since ${record.createdAt} (${RECORD_FILE}).`,
      );
    }
  } else {
    const current = await readFile(join(dataDir, STORE_DIR, 'CURRENT'), 'utf8');
    const manifest = /^(MANIFEST-\d+)\n$/.exec(current)?.[1];
    if (!manifest) {
      problems.push(
        `${STORE_DIR}/CURRENT does not name a manifest: ${JSON.stringify(current.slice(0, 40))}.`,
      );
    } else if (!files[manifest]) {
      problems.push(
        `${STORE_DIR}/CURRENT names ${manifest}, which is ${files[manifest] === 0 ? 'empty' : 'missing'}.`,
      );
    }
  }
  // An empty store was said to be so above; CURRENT's absence too.
  if (record && names.length > 0) {
    const recorded = Object.entries(record.store.files).filter(([name]) => name !== 'CURRENT');
    problems.push(...changedFiles({ ...record.store, files: Object.fromEntries(recorded) }, files));
  }
  return problems;
}

function changedFiles(store: StoreRecord, files: Record<string, number>): string[] {
  const problems: string[] = [];
  const when =
    store.state === 'closed'
      ? `at the last clean stop (${store.recordedAt})`
      : `when last recorded while the service ran (${store.recordedAt})`;
  for (const [name, recorded] of Object.entries(store.files)) {
    const size = files[name];
    const path = `${STORE_DIR}/${name}`;
    if (size === undefined) {
      // A running LevelDB deletes files it no longer needs; a stopped one deletes nothing.
      if (store.state === 'closed')
        problems.push(`${path} is missing; it was ${bytes(recorded)} ${when}.`);
    } else if (size < recorded || (store.state === 'closed' && size !== recorded)) {
      problems.push(`${path} is ${bytes(size)}; it was ${bytes(recorded)} ${when}.`);
    }
  }
  return problems;
}

async function writeRecord(dataDir: string, record: DataDirRecord): Promise<void> {
  const file = join(dataDir, RECORD_FILE);
  // Renamed into place, so a crash mid-write never leaves half a record.
  await writeFile(`${file}.tmp`, JSON.stringify(record, null, 2), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

/** LevelDB's own reading of the store's manifest: an error message when it cannot open it. */
async function openFailure(dir: string, createIfMissing: boolean): Promise<string | undefined> {
  const db = new ClassicLevel(dir, { createIfMissing });
  try {
    await db.open();
    return undefined;
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    return (cause ?? (error as Error)).message;
  } finally {
    await db.close();
  }
}

/**
 * Holds the data dir with `lock` and checks its store before anything opens it; throws
 * DamagedDataDirError, the lock released, when it is damaged. The release it returns records the
 * store as cleanly stopped: call it once the store is closed.
 */
export async function checkedDataDir(
  dataDir: string,
  lock: (dataDir: string) => Promise<() => Promise<void>>,
): Promise<() => Promise<void>> {
  const release = await lock(dataDir);
  try {
    const record = await readRecord(dataDir);
    const problems = await storeProblems(dataDir, record);
    if (problems.length === 0) {
      const held = record !== undefined || Object.keys(await storeFiles(dataDir)).length > 0;
      const failure = await openFailure(join(dataDir, STORE_DIR), !held);
      if (failure) problems.push(`${STORE_DIR}: LevelDB cannot open the store: ${failure}`);
    }
    if (problems.length > 0) throw new DamagedDataDirError(dataDir, problems);
    return await recordWhileOpen(dataDir, record?.createdAt ?? new Date().toISOString(), release);
  } catch (error) {
    await release();
    throw error;
  }
}

async function recordWhileOpen(
  dataDir: string,
  createdAt: string,
  release: () => Promise<void>,
): Promise<() => Promise<void>> {
  const record = async (state: StoreRecord['state']) =>
    writeRecord(dataDir, {
      format: 1,
      createdAt,
      store: { state, recordedAt: new Date().toISOString(), files: await storeFiles(dataDir) },
    });
  let writing = record('open');
  await writing;
  const timer = setInterval(() => {
    // A refresh that fails leaves the previous record, which still holds: sizes only grow.
    writing = writing.then(() => record('open')).catch(() => undefined);
  }, REFRESH_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await writing;
    await record('closed');
    await release();
  };
}
