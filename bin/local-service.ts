/**
 * The local service: dynalite and s3rver in-process, behind one HTTP endpoint
 * for the three Personalize APIs and one S3-compatible endpoint. `bin/local.ts`
 * is its command line; tests start it directly on free ports.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account';
import { abandonInterruptedJobs, LocalJobLauncher } from './local-jobs';
import type { Context } from '../layers/core/api/context';
import { createApi, MAX_BODY_BYTES, type HttpRequest } from '../layers/core/api/http';
import { createAwsContext } from '../layers/core/store/aws';
import type { FunctionEnvironment } from '../layers/core/store/aws-environment';
import { bucketName, BUCKETS, DATA_BUCKET } from '../layers/core/store/buckets';
import { ensureTables } from '../layers/core/store/dynamodb/tables';
import { CONTROL_OPERATIONS } from '../layers/core/operations';
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
}

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
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startLocalService(options: LocalOptions): Promise<LocalService> {
  await mkdir(join(options.dataDir, 'dynamodb'), { recursive: true });
  await mkdir(join(options.dataDir, 's3'), { recursive: true });
  const releaseDataDir = await lockDataDir(options.dataDir);

  const dynamo = dynalite({
    path: join(options.dataDir, 'dynamodb'),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const opened: Server[] = [];
  let jobs: LocalJobLauncher | undefined;
  const closeAll = async () => {
    // Jobs first: each is recorded as failed while the stores still answer.
    await jobs?.stopAll();
    await Promise.all(opened.map(closeServer));
    await releaseDataDir();
  };
  try {
    opened.push(dynamo);
    const dynamoPort = await listen(dynamo, '127.0.0.1', 0, '(internal)');
    const dynamodb = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${dynamoPort}`,
      region: options.region,
      credentials: LOCAL_CREDENTIALS,
    });
    await ensureTables(dynamodb, PREFIX);

    const s3 = await createS3Server(join(options.dataDir, 's3'));
    opened.push(s3);
    const s3Port = await listen(s3, options.host, options.s3Port, '--s3-port or TAILOR_S3_PORT');

    const s3Endpoint = `http://127.0.0.1:${s3Port}`;
    const s3Client = new S3Client({
      endpoint: s3Endpoint,
      region: options.region,
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
    });
    const tokenKey = `${PREFIX}:${options.account}:${options.region}`;
    const dataBucket = bucketName(PREFIX, DATA_BUCKET);
    // A job's process is configured as the Fargate task is: by environment, with
    // the SDK's endpoint variables pointing at this service's stores.
    jobs = new LocalJobLauncher(
      {
        ...process.env,
        TAILOR_PREFIX: PREFIX,
        TAILOR_ACCOUNT: options.account,
        TAILOR_REGION: options.region,
        TAILOR_TOKEN_KEY: tokenKey,
        TAILOR_DATA_BUCKET: dataBucket,
        AWS_REGION: options.region,
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dynamoPort}`,
        AWS_ENDPOINT_URL_S3: s3Endpoint,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      } satisfies NodeJS.ProcessEnv & FunctionEnvironment,
      () => ctx,
      options.log,
    );
    const ctx = createAwsContext({
      place: { region: options.region, account: options.account },
      prefix: PREFIX,
      tokenKey,
      dynamodb,
      s3: s3Client,
      dataBucket,
      jobs,
    });
    await abandonInterruptedJobs(ctx);
    const api = createApi(
      [...CONTROL_OPERATIONS, ...EVENTS_OPERATIONS, ...RUNTIME_OPERATIONS],
      ctx,
    );
    const server = createServer((req, res) => {
      serve(req, res, api).catch((error: unknown) => {
        console.error('unhandled request failure', error);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    opened.push(server);
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

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  api: ReturnType<typeof createApi>,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  if (req.method === 'GET' && path === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const body = await readBody(req);
  const headers: HttpRequest['headers'] = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const response = await api({ method: req.method ?? 'GET', path, headers, body });
  res.writeHead(response.statusCode, response.headers).end(response.body);
}

/** Reads at most one byte past the limit, so an oversized body is refused without being held. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on('data', (chunk: Buffer) => {
      if (kept > MAX_BODY_BYTES) return;
      chunks.push(chunk);
      kept += chunk.length;
    });
    req.on('end', () =>
      resolve(
        Buffer.concat(chunks)
          .subarray(0, MAX_BODY_BYTES + 1)
          .toString('utf8'),
      ),
    );
    req.on('error', reject);
  });
}

async function createS3Server(directory: string): Promise<Server> {
  // s3rver knows one access key; local use accepts any, as the LocalStack-style docs promise.
  AWSAccount.registry = new (class extends Map<string, AWSAccount> {
    override get(): AWSAccount {
      return AWSAccount.DUMMY_ACCOUNT;
    }
  })();
  const s3rver = new S3rver({
    directory,
    silent: true,
    allowMismatchedSignatures: true,
    vhostBuckets: false,
    configureBuckets: BUCKETS.map((bucket) => ({ name: bucketName(PREFIX, bucket) })),
  });
  await s3rver.configureBuckets();
  return createServer(s3rver.callback());
}

/** A pid file: dynalite's LevelDB store fails obscurely when two processes open it. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const pidFile = join(dataDir, 'tailor.pid');
  try {
    await writeFile(pidFile, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(await readFile(pidFile, 'utf8'));
    if (holder !== process.pid && isRunning(holder)) throw new DataDirInUseError(dataDir, holder);
    await writeFile(pidFile, String(process.pid));
  }
  return () => rm(pidFile, { force: true });
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
