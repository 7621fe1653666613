/**
 * The local service: dynalite and s3rver in-process, behind one HTTP endpoint
 * for the three Personalize APIs and one S3-compatible endpoint. `bin/local.ts`
 * is its command line; tests start it directly on free ports.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { clientWentAway } from './client-gone';
import { consoleSite, type ConsoleSite } from './console-site';
import { abandonInterruptedJobs, LocalJobLauncher } from './local-jobs';
import { checkedDataDir } from './store-guard';
import {
  dynamoDbFront,
  startDynalite,
  storeCredentials,
  type StoreCredentials,
} from './local-dynamodb';
import { createS3SignatureCheck, s3Front, startS3rver } from './local-s3';
import { privateSocketDir } from './socket-forward';
import type { Context } from '../layers/core/context/context';
import { createApi } from '../layers/core/operations/dispatch';
import { MAX_BODY_BYTES, type HttpRequest } from '../layers/core/api/http';
import { keyLookup } from '../layers/core/auth/access-keys';
import { readWhole } from '../layers/core/store/read-whole';
import type { VerifiableKey } from '../layers/core/auth/sigv4';
import { parseQuery } from '../layers/core/auth/query';
import { createSignatureGuard, type SignatureGuard } from '../layers/core/auth/guard';
import { createSigV4Verifier } from '../layers/core/auth/sigv4';
import { logJobEvents } from '../layers/core/store/job-events';
import { createAwsContext } from '../layers/core/context/aws';
import type { FunctionEnvironment } from '../layers/core/context/aws-environment';
import { bucketName, BUCKETS, DATA_BUCKET } from '../layers/core/store/buckets';
import { DynamoDbAccessKeyStore } from '../layers/core/store/dynamodb/access-key-store';
import { ensureTables } from '../layers/core/store/dynamodb/tables';
import { localSealer } from '../layers/core/store/secret-sealer';
import {
  ACCESS_KEYS_TABLE,
  tableEnvironment,
  tableName,
  tableNames,
} from '../layers/core/store/tables';
import { CONTROL_OPERATIONS } from '../layers/core/operations';
import { runScheduledTraining } from '../layers/core/operations/scheduled/scheduled-training';
import type { Quotas } from '../layers/core/domain/quotas';
import { withRecentEvents } from '../layers/core/serving/recent-events';
import { FILTER_HISTORY_LENGTH } from '../layers/core/serving/history';
import { EVENTS_OPERATIONS } from '../layers/core/operations/events';
import { RUNTIME_OPERATIONS } from '../layers/core/operations/runtime';

export interface LocalOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  s3Port: number;
  dataDir: string;
  region: string;
  account: string;
  /** Where job processes' output goes. @default console.log */
  log?: (line: string) => void;
  /**
   * `sigv4`: requests must be signed in `region` with a key from `npm run keys`: for
   * `personalize` on the API port, as a deployment with TAILOR_AUTH=sigv4 checks them, and for
   * `s3` on the S3 port (docs/auth.md#what-each-port-checks).
   * @default 'none' - any credentials are accepted on both ports
   */
  auth?: LocalAuth;
  /**
   * What each job's process runs: a TypeScript entry through tsx, or a bundle that
   * lib/bundle-entry.ts made, as the job image holds it.
   * @default job-image/main.ts
   */
  jobEntry?: string;
  /**
   * Quotas changed from Personalize's defaults (docs/quotas.md).
   * @default Personalize's default quotas
   */
  quotas?: Partial<Quotas>;
  /**
   * Automatic training's timer (docs/deploy.md: Automatic training): how often it starts the
   * versions due, and the clock it reads, which a test moves on instead of waiting days.
   * @default once a minute, by the wall clock
   */
  scheduledTraining?: { intervalMs?: number; clock?: () => number };
}

export type LocalAuth = 'none' | 'sigv4';

export interface LocalService {
  endpoint: string;
  s3Endpoint: string;
  /** The operations' context: tests and benchmarks read the stores through its ports. */
  context: Context;
  close(): Promise<void>;
}

/** Thrown when a port is taken; names the option that changes it. */
export class PortInUseError extends Error {
  constructor(port: number, option: string) {
    super(`Port ${port} is already in use: choose another with ${option}.`);
  }
}

/** Thrown when another running Tailor holds the data dir: its stores cannot be shared. */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data dir ${dataDir} is in use by another Tailor (pid ${pid}): stop it or choose another with --data-dir or TAILOR_DATA_DIR.`,
    );
  }
}

const PREFIX = 'tailor';
const SCHEDULED_TRAINING_INTERVAL_MS = 60_000;
/** The table and bucket prefix of the local stores: `npm run keys` finds its table by it. */
export { PREFIX as LOCAL_PREFIX };
/**
 * Deep enough for a filter's reads; a deleting job's changes show within a second; some 150 MB
 * of events at most.
 */
const RECENT_EVENTS = { ttlMs: 1000, maxEvents: 500_000, depth: FILTER_HISTORY_LENGTH };
/** Tells other processes of the data dir (npm run keys) where the running service's DynamoDB is. */
const DYNAMODB_ENDPOINT_FILE = 'dynamodb-endpoint';
const PID_FILE = 'tailor.pid';
/** The key that seals the access keys' secrets: outside the store, readable by its owner only. */
const SECRETS_KEY_FILE = 'secrets.key';
/** Where the local S3 holds an upload's body until it is checked (local-s3.ts). */
const S3_SPOOL_DIR = 's3-incoming';

/** The data dir's access keys, their secrets sealed with its key file (made on first use). */
export async function localAccessKeyStore(
  dataDir: string,
  dynamodb: DynamoDBClient,
): Promise<DynamoDbAccessKeyStore> {
  const file = join(dataDir, SECRETS_KEY_FILE);
  // 'wx' never replaces a key: the secrets sealed with it would no longer open.
  await writeFile(file, randomBytes(32), { flag: 'wx', mode: 0o600 }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  const sealer = localSealer(await readFile(file));
  return new DynamoDbAccessKeyStore(dynamodb, tableName(PREFIX, ACCESS_KEYS_TABLE), sealer);
}

export async function startLocalService(options: LocalOptions): Promise<LocalService> {
  await makePrivate(options.dataDir);
  await mkdir(join(options.dataDir, 'dynamodb'), { recursive: true });
  await mkdir(join(options.dataDir, 's3'), { recursive: true });
  const releaseDataDir = await checkedDataDir(options.dataDir, lockDataDir);
  const log = options.log ?? ((line: string) => console.log(line));

  const sockets = await privateSocketDir();
  const opened: Server[] = [];
  let jobs: LocalJobLauncher | undefined;
  let schedule: ScheduledTraining | undefined;
  const closeAll = async () => {
    await schedule?.stop();
    // Jobs first: each is recorded as failed while the stores still answer.
    await jobs?.stopAll();
    await Promise.all(opened.map(closeServer));
    await sockets.remove();
    await releaseDataDir();
  };
  try {
    const credentials = await storeCredentials(options.dataDir);
    const dynamo = await startLocalDynamoDb(options.dataDir, sockets.path, credentials);
    opened.push(...dynamo.servers);
    const dynamodb = localDynamoDbClient(dynamo.endpoint, options.region, credentials);
    await ensureTables(dynamodb, PREFIX);
    await writeFile(join(options.dataDir, DYNAMODB_ENDPOINT_FILE), dynamo.endpoint, {
      mode: 0o600,
    });
    const accessKeys = await localAccessKeyStore(options.dataDir, dynamodb);
    // Read on every request: dynalite is in-process, and a revocation applies at once.
    const issuedKey = keyLookup(accessKeys);

    const s3rverSocket = join(sockets.path, 's3.sock');
    opened.push(
      await startS3rver(
        join(options.dataDir, 's3'),
        s3rverSocket,
        BUCKETS.map((bucket) => bucketName(PREFIX, bucket)),
      ),
    );
    const s3 = await s3Front({
      socketPath: s3rverSocket,
      spoolDir: join(options.dataDir, S3_SPOOL_DIR),
      ...(options.auth === 'sigv4'
        ? {
            // The service and its jobs reach their data with the internal credential.
            check: createS3SignatureCheck({
              region: options.region,
              keyOf: async (id): Promise<VerifiableKey | undefined> => {
                if (id === credentials.accessKeyId) return credentials;
                // A key with a policy reaches only the Personalize APIs: S3 has no dataset
                // groups to confine it to (docs/auth.md#key-policies).
                const key = await issuedKey(id);
                return key?.policy ? undefined : key;
              },
            }),
          }
        : {}),
    });
    opened.push(s3);
    const s3Port = await listen(s3, options.host, options.s3Port, '--s3-port or TAILOR_S3_PORT');

    const s3Endpoint = `http://127.0.0.1:${s3Port}`;
    const s3Client = new S3Client({
      endpoint: s3Endpoint,
      region: options.region,
      credentials,
      forcePathStyle: true,
    });
    const tokenKey = `${PREFIX}:${options.account}:${options.region}`;
    const dataBucket = bucketName(PREFIX, DATA_BUCKET);
    // A job's process is configured as the Fargate task is: by environment, with
    // the SDK's endpoint variables pointing at this service's stores.
    jobs = new LocalJobLauncher(
      {
        ...process.env,
        ...tableEnvironment(tableNames(PREFIX)),
        TAILOR_ACCOUNT: options.account,
        TAILOR_REGION: options.region,
        TAILOR_TOKEN_KEY: tokenKey,
        TAILOR_DATA_BUCKET: dataBucket,
        AWS_REGION: options.region,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_ENDPOINT_URL_S3: s3Endpoint,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      } satisfies NodeJS.ProcessEnv & FunctionEnvironment,
      () => ctx,
      log,
      options.jobEntry,
    );
    const stored = createAwsContext({
      place: { region: options.region, account: options.account },
      tables: tableNames(PREFIX),
      tokenKey,
      dynamodb,
      s3: s3Client,
      dataBucket,
      jobs,
      // Ends seen here (a job's process that died); job processes write theirs to their output.
      jobEvents: logJobEvents(log),
      ...(options.quotas ? { quotas: options.quotas } : {}),
    });
    // This process records every event itself, so it may keep each subject's latest in memory.
    const ctx = { ...stored, events: withRecentEvents(stored.events, RECENT_EVENTS) };
    await abandonInterruptedJobs(ctx, log);
    const api = createApi(
      [...CONTROL_OPERATIONS, ...EVENTS_OPERATIONS, ...RUNTIME_OPERATIONS],
      ctx,
    );
    const guard =
      options.auth === 'sigv4'
        ? createSignatureGuard(createSigV4Verifier({ region: options.region, keyOf: issuedKey }))
        : undefined;
    const site = consoleSite({ region: options.region, signIn: options.auth === 'sigv4' });
    const server = createServer((req, res) => {
      serve(req, res, api, guard, site).catch((error: unknown) => {
        if (clientWentAway(req, error)) return;
        console.error('unhandled request failure', error);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    opened.push(server);
    // At start-up too: a schedule that fell due while the service was down runs now. Before the
    // port opens, so a service that answers /health has finished starting (its banner and signal
    // handlers follow at once).
    schedule = startScheduledTraining(ctx, log, options.scheduledTraining);
    await schedule.tick();
    const port = await listen(server, options.host, options.port, '--port or TAILOR_PORT');

    const shown = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
    return {
      endpoint: `http://${shown}:${port}`,
      s3Endpoint: `http://${shown}:${s3Port}`,
      context: ctx,
      close: async () => {
        await closeAll();
        dynamodb.destroy();
        s3Client.destroy();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

interface ScheduledTraining {
  /** Starts what is due now, unless a tick still runs. */
  tick(): Promise<void>;
  /** Clears the timer and waits for a running tick. */
  stop(): Promise<void>;
}

function startScheduledTraining(
  ctx: Context,
  log: (line: string) => void,
  options: LocalOptions['scheduledTraining'] = {},
): ScheduledTraining {
  const clock = options.clock ?? Date.now;
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= runScheduledTraining(ctx, clock())
      .then((starts) => {
        for (const { arn, started, skipped, error } of starts) {
          if (started) log(`automatic training of ${arn}: ${started}`);
          else if (skipped) log(`automatic training of ${arn} skipped: ${skipped}`);
          else log(`automatic training of ${arn} could not start: ${error}`);
        }
      })
      .catch((error: unknown) => log(`automatic training failed: ${String(error)}`))
      .finally(() => (running = undefined));
    return running;
  };
  // unref'd: the timer alone keeps no process alive.
  const timer = setInterval(
    () => void tick(),
    options.intervalMs ?? SCHEDULED_TRAINING_INTERVAL_MS,
  ).unref();
  return {
    tick,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  api: ReturnType<typeof createApi>,
  guard: SignatureGuard | undefined,
  site: ConsoleSite,
): Promise<void> {
  const url = req.url ?? '/';
  const queryStart = url.includes('?') ? url.indexOf('?') : url.length;
  const [path, query] = [url.slice(0, queryStart), url.slice(queryStart + 1)];
  if (req.method === 'GET' && path === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  if (site(req, res, path)) return;
  // At most one byte past the limit is held: createApi refuses an oversized body by its length.
  const body = (await readWhole(req, MAX_BODY_BYTES)).toString('utf8');
  const headers: HttpRequest['headers'] = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const request: HttpRequest = { method: req.method ?? 'GET', path, headers, body };
  const checked = await guard?.({ ...request, query: parseQuery(query) });
  const response =
    checked && 'refusal' in checked
      ? checked.refusal
      : await api(checked ? { ...request, caller: checked.caller } : request);
  res.writeHead(response.statusCode, response.headers).end(response.body);
}

/** Dynalite on a socket in `socketDir`, behind its signed TCP front (local-dynamodb.ts). */
async function startLocalDynamoDb(
  dataDir: string,
  socketDir: string,
  credentials: StoreCredentials,
): Promise<{ endpoint: string; servers: Server[] }> {
  const socketPath = join(socketDir, 'dynamodb.sock');
  const store = await startDynalite(dataDir, socketPath);
  const front = dynamoDbFront(store, credentials);
  try {
    const port = await listen(front, '127.0.0.1', 0, '(internal)');
    return { endpoint: `http://127.0.0.1:${port}`, servers: [front, store] };
  } catch (error) {
    await closeServer(store);
    throw error;
  }
}

function localDynamoDbClient(
  endpoint: string,
  region: string,
  credentials: StoreCredentials,
): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials });
}

/**
 * The DynamoDB of a data dir, for commands beside the service (npm run keys): the running
 * service's dynalite when it holds the data dir, else one opened here, holding it meanwhile.
 */
export async function openLocalDynamoDb(
  dataDir: string,
  region: string,
): Promise<{ client: DynamoDBClient; close(): Promise<void> }> {
  const holder = await runningHolder(dataDir);
  if (holder !== undefined) {
    const endpoint = await readFile(join(dataDir, DYNAMODB_ENDPOINT_FILE), 'utf8').catch(() => {
      throw new Error(
        `The Tailor holding ${dataDir} (pid ${holder}) is still starting: try again.`,
      );
    });
    const client = localDynamoDbClient(endpoint.trim(), region, await storeCredentials(dataDir));
    return { client, close: async () => client.destroy() };
  }
  await makePrivate(dataDir);
  await mkdir(join(dataDir, 'dynamodb'), { recursive: true });
  const release = await checkedDataDir(dataDir, lockDataDir);
  const sockets = await privateSocketDir();
  const servers: Server[] = [];
  const closeAll = async () => {
    await Promise.all(servers.map(closeServer));
    await sockets.remove();
    await release();
  };
  try {
    const credentials = await storeCredentials(dataDir);
    const dynamo = await startLocalDynamoDb(dataDir, sockets.path, credentials);
    servers.push(...dynamo.servers);
    const client = localDynamoDbClient(dynamo.endpoint, region, credentials);
    await ensureTables(client, PREFIX);
    return {
      client,
      close: async () => {
        client.destroy();
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * The data dir readable by its owner only (docs/auth.md): it holds the stores, the internal
 * credential and the key that seals the access keys' secrets. The umask covers what dynalite's
 * LevelDB and s3rver write later, which take no mode; a data dir made by an older Tailor is
 * tightened in place.
 */
async function makePrivate(dataDir: string): Promise<void> {
  process.umask(0o077);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const { mode } = await stat(path);
    if ((mode & 0o077) !== 0) await chmod(path, entry.isDirectory() ? 0o700 : 0o600);
  }
}

/** A pid file: dynalite's LevelDB store fails obscurely when two processes open it. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const pidFile = join(dataDir, PID_FILE);
  try {
    await writeFile(pidFile, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = await runningHolder(dataDir);
    if (holder !== undefined && holder !== process.pid) {
      throw new DataDirInUseError(dataDir, holder);
    }
    await writeFile(pidFile, String(process.pid));
  }
  return async () => {
    await rm(join(dataDir, DYNAMODB_ENDPOINT_FILE), { force: true });
    await rm(pidFile, { force: true });
  };
}

/** The pid of the live process holding the data dir, if any. */
async function runningHolder(dataDir: string): Promise<number | undefined> {
  const holder = Number(await readFile(join(dataDir, PID_FILE), 'utf8').catch(() => ''));
  return holder > 0 && isRunning(holder) ? holder : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function listen(server: Server, host: string, port: number, option: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, option) : error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}
