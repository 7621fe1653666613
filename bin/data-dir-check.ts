/**
 * `npm start -- --check`: verifies a stopped service's data dir and reports what it finds.
 *
 * - dynamodb/: what the start refuses (store-guard.ts), then every entry read back by LevelDB
 *   (classic-level) from a copy, so the check changes nothing: opening a LevelDB store replays
 *   its log into new files.
 * - s3/: each object's bytes against the MD5 s3rver recorded when it was written, and its
 *   metadata file readable.
 * - Tailor's own objects in its bucket (compact data, models, training reports) against their
 *   SHA-256 (layers/core/data/checksummed.ts).
 *
 * Damage makes the exit code 1; objects written before checksums are warnings only.
 */
import { ClassicLevel } from 'classic-level';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { DamagedObjectError, inspect, type ArtifactKind } from '../layers/core/data/checksummed';
import { BULK_DATA_FILE, MODEL_FILE, TRAINING_REPORT_FILE } from '../layers/core/data/locations';
import { IMPORTED_DATA } from '../layers/core/data/stored-data';
import { bucketName, DATA_BUCKET } from '../layers/core/store/buckets';
import { MODEL, TRAINING_REPORT } from '../layers/core/training/trained-artifacts';
import { LOCAL_PREFIX, lockDataDir } from './local-service';
import { DamagedDataDirError, readRecord, storeFiles, storeProblems } from './store-guard';

export interface CheckReport {
  /** What was checked, one line per part. */
  checked: string[];
  damage: string[];
  warnings: string[];
}

/** s3rver keeps each object as `<key>._S3rver_object`, beside its MD5 and metadata. */
const OBJECT = '._S3rver_object';
const MD5 = '._S3rver_object.md5';
const METADATA = '._S3rver_metadata.json';

const ARTIFACTS: Record<string, ArtifactKind> = {
  [BULK_DATA_FILE]: IMPORTED_DATA,
  [MODEL_FILE]: MODEL,
  [TRAINING_REPORT_FILE]: TRAINING_REPORT,
};

export async function checkDataDir(dataDir: string): Promise<CheckReport> {
  if (!(await stat(dataDir).catch(() => undefined))?.isDirectory()) {
    return { checked: [], damage: [`There is no data dir at ${dataDir}.`], warnings: [] };
  }
  // Refuses while a service holds the data dir: its files change under a check.
  const release = await lockDataDir(dataDir);
  try {
    const report: CheckReport = { checked: [], damage: [], warnings: [] };
    await checkStore(dataDir, report);
    await checkObjects(dataDir, report);
    return report;
  } finally {
    await release();
  }
}

async function checkStore(dataDir: string, report: CheckReport): Promise<void> {
  let record;
  try {
    record = await readRecord(dataDir);
  } catch (error) {
    if (!(error instanceof DamagedDataDirError)) throw error;
    report.damage.push(...error.problems);
  }
  const problems = await storeProblems(dataDir, record);
  report.damage.push(...problems);
  const files = await storeFiles(dataDir);
  if (problems.length > 0 || files.CURRENT === undefined) {
    report.checked.push(`dynamodb: ${Object.keys(files).length} LevelDB files; not read`);
    return;
  }
  const copy = await mkdtemp(join(tmpdir(), 'tailor-check-'));
  try {
    await cp(join(dataDir, 'dynamodb'), copy, {
      recursive: true,
      filter: (source) => !source.endsWith(`${sep}LOCK`),
    });
    const { entries, failure } = await readEveryEntry(copy);
    if (failure) report.damage.push(`dynamodb: LevelDB cannot read the store: ${failure}`);
    report.checked.push(
      `dynamodb: ${Object.keys(files).length} LevelDB files; ${entries.toLocaleString('en-US')} entries read`,
    );
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/** Reads every entry, each value as the JSON dynalite writes. */
async function readEveryEntry(dir: string): Promise<{ entries: number; failure?: string }> {
  const db = new ClassicLevel<Buffer, string>(dir, {
    createIfMissing: false,
    keyEncoding: 'buffer',
    valueEncoding: 'utf8',
  });
  let entries = 0;
  try {
    await db.open();
    for await (const [key, value] of db.iterator()) {
      try {
        JSON.parse(value);
      } catch {
        return {
          entries,
          failure: `the value of ${JSON.stringify(key.toString('latin1'))} is not JSON`,
        };
      }
      entries++;
    }
    return { entries };
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    return {
      entries,
      failure: `${(cause ?? (error as Error)).message} (after ${entries} entries)`,
    };
  } finally {
    await db.close();
  }
}

async function checkObjects(dataDir: string, report: CheckReport): Promise<void> {
  const root = join(dataDir, 's3');
  const files = await readdir(root, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const present = new Set(files);
  const dataBucket = bucketName(LOCAL_PREFIX, DATA_BUCKET);
  let objects = 0;
  let sealed = 0;
  for (const file of [...present].sort()) {
    const path = `s3/${file.split(sep).join('/')}`;
    if (file.endsWith(MD5) || file.endsWith(METADATA)) {
      const object = file.endsWith(MD5)
        ? file.slice(0, -MD5.length) + OBJECT
        : file.slice(0, -METADATA.length) + OBJECT;
      if (!present.has(object)) report.damage.push(`${path} is left without its object.`);
      continue;
    }
    if (!file.endsWith(OBJECT)) continue;
    objects++;
    const bytes = await readFile(join(root, file));
    const md5 = await readFile(join(root, file.slice(0, -OBJECT.length) + MD5), 'utf8').catch(
      () => undefined,
    );
    if (md5 !== undefined && createHash('md5').update(bytes).digest('hex') !== md5.trim()) {
      report.damage.push(`${path}: its bytes do not match the MD5 recorded when it was written.`);
    }
    const metadata = file.slice(0, -OBJECT.length) + METADATA;
    if (present.has(metadata)) {
      await readFile(join(root, metadata), 'utf8')
        .then(JSON.parse)
        .catch(() => report.damage.push(`${path}: its metadata file is not valid JSON.`));
    }
    const [bucket, ...key] = file.slice(0, -OBJECT.length).split(sep);
    const kind = ARTIFACTS[key[key.length - 1] ?? ''];
    if (bucket !== dataBucket || !kind) continue;
    const verdict = inspect(bytes, kind);
    const location = { bucket, key: key.join('/') };
    if (verdict.state === 'damaged') {
      report.damage.push(new DamagedObjectError(location, kind, verdict.problem).message);
    } else if (verdict.state === 'unchecked') {
      report.warnings.push(
        `s3://${bucket}/${location.key} (${kind.describe}) was written before checksums and cannot be verified; to seal it, ${kind.remedy}.`,
      );
    } else {
      sealed++;
    }
  }
  report.checked.push(`s3: ${objects} objects against their MD5`);
  report.checked.push(`Tailor's objects: ${sealed} verified by their SHA-256`);
}

/** The report as `npm start -- --check` prints it. */
export function formatReport(dataDir: string, report: CheckReport): string {
  const list = (title: string, items: string[]) =>
    items.length > 0 ? [`${title}:`, ...items.map((item) => `  - ${item}`)] : [];
  return [
    `Checked the data dir ${dataDir}`,
    ...report.checked.map((line) => `  ${line}`),
    ...list('Warnings', report.warnings),
    ...list('Damage', report.damage),
    report.damage.length > 0
      ? 'The data dir is damaged. Restore it from a backup (docs/local.md, "Backup and restore"), or repair each object as said above.'
      : 'No damage found.',
  ].join('\n');
}
