/**
 * The embedded DynamoDB (dynalite), answering Tailor only.
 *
 * Dynalite checks no credentials, and it holds the access-key table every signature is checked
 * with. So no client reaches dynalite itself: the TCP port the SDK clients need is a front that
 * checks SigV4 (service `dynamodb`) against one internal credential, made per data dir and kept
 * in a 0600 file there, and hands each request it lets through to dynalite in-process. The
 * service, its job processes (given the credential by environment, as a Fargate task is given
 * its role's) and `npm run keys` use it; anyone else, Tailor-issued keys included, is refused.
 * A Unix socket alone would not do: the jobs' SDK clients take an endpoint URL
 * (AWS_ENDPOINT_URL_DYNAMODB), as on Fargate.
 */
import dynalite from 'dynalite';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { clientWentAway } from './client-gone';
import { RequestEntityTooLargeException } from '../layers/core/api/errors';
import { failureResponse } from '../layers/core/api/http';
import { readWhole } from '../layers/core/store/read-whole';
import {
  createSignatureCheck,
  sha256Hex,
  type SignatureCheck,
  type SigningKey,
} from '../layers/core/auth/signature-check';
import { JSON_SERVICE_REFUSALS, type SignedRequest } from '../layers/core/auth/sigv4';
import { requestHeadOf } from './request-head';

/** The internal credential of a data dir: the stores' only key. */
const STORE_CREDENTIALS_FILE = 'store-credentials.json';
/** DynamoDB's largest request (BatchWriteItem) is 16 MB; a body beyond twice that is refused. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export type StoreCredentials = SigningKey;

/** The data dir's internal credential, made on first use. */
export async function storeCredentials(dataDir: string): Promise<StoreCredentials> {
  const file = join(dataDir, STORE_CREDENTIALS_FILE);
  const made: StoreCredentials = {
    // TSIA: a Tailor store's internal key, never one `npm run keys` issues (TKIA).
    accessKeyId: `TSIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  };
  // 'wx' never replaces the credential a running service or job holds.
  await writeFile(file, JSON.stringify(made), { flag: 'wx', mode: 0o600 }).catch(
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    },
  );
  return JSON.parse(await readFile(file, 'utf8')) as StoreCredentials;
}

/**
 * Dynalite with its data in `<dataDir>/dynamodb`. It listens on `socketPath`, in a directory only
 * Tailor's user may enter, only because its close() (which closes LevelDB) needs a listening
 * server; its front hands it requests in-process.
 */
export async function startDynalite(dataDir: string, socketPath: string): Promise<Server> {
  const server = dynalite({
    path: join(dataDir, 'dynamodb'),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return server;
}

/** The TCP front of `store` (a dynalite): only requests signed with `credentials` pass. */
export function dynamoDbFront(store: Server, credentials: StoreCredentials): Server {
  const check = createSignatureCheck<SignedRequest>({
    // Dynalite has no regions: a client's region is whatever its environment says.
    service: 'dynamodb',
    keyOf: async (id) => (id === credentials.accessKeyId ? credentials : undefined),
    refusals: JSON_SERVICE_REFUSALS,
    payloadHash: (request) => sha256Hex(request.body),
  });
  return createServer((req, res) => {
    serveSigned(req, res, store, check).catch((error: unknown) => {
      if (!clientWentAway(req, error)) console.error('local DynamoDB request failed', error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
}

async function serveSigned(
  req: IncomingMessage,
  res: ServerResponse,
  store: Server,
  check: SignatureCheck<SignedRequest>,
): Promise<void> {
  const request: SignedRequest = { ...requestHeadOf(req), body: '' };
  let body: Buffer;
  try {
    body = await readWhole(req, MAX_BODY_BYTES);
    if (body.length > MAX_BODY_BYTES) {
      throw new RequestEntityTooLargeException(
        `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
      );
    }
    await check({ ...request, body: body.toString('utf8') });
  } catch (error) {
    const refusal = failureResponse(request, error);
    res.writeHead(refusal.statusCode, refusal.headers).end(refusal.body);
    return;
  }
  // The request again, its body as checked: dynalite's handler reads a request's method, url,
  // headers and body stream, as an IncomingMessage gives them. In-process, it costs nothing; a
  // second hop over the socket doubled each call's time (3 ms to 6 ms, measured).
  const checked = Object.assign(Readable.from([body]), {
    method: req.method,
    url: req.url,
    headers: req.headers,
  });
  store.emit('request', checked, res);
}
