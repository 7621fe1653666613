/**
 * The local S3 endpoint: s3rver on a private Unix socket (socket-forward.ts), behind a TCP front
 * that checks S3's flavour of SigV4 in sigv4 mode (docs/auth.md) and hands s3rver only bodies that
 * arrived whole and intact. s3rver writes an object in place as its body arrives, so a body cut
 * short, failing its hash or checksum, or still aws-chunked (which s3rver would store framing and
 * all) is held in the data dir's spool until checked, and never reaches it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account';
import S3Error from 's3rver/lib/models/error';
import { clientWentAway } from './client-gone';
import type { Authorization } from '../layers/core/auth/authorization';
import {
  createSignatureCheck,
  type Refusals,
  type RequestHead,
  type SignatureCheck,
  type SigningKey,
  type VerifiedSignature,
} from '../layers/core/auth/signature-check';
import { checksumOf, decodeAwsChunked, isChecksumName, type ChunkSigning } from './aws-chunked';
import { requestHeadOf } from './request-head';
import { forward } from './socket-forward';

/** s3rver on `socketPath`, keeping its objects in `directory`, with `buckets` made. */
export async function startS3rver(
  directory: string,
  socketPath: string,
  buckets: string[],
): Promise<Server> {
  // s3rver knows one access key; its front decides who may call, so s3rver accepts any.
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
    configureBuckets: buckets.map((name) => ({ name })),
  });
  await s3rver.configureBuckets();
  const server = createServer(s3rver.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return server;
}

const STREAMING = {
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER': { signed: false, trailer: true },
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD': { signed: true, trailer: false },
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER': { signed: true, trailer: true },
} as const;
type Streaming = keyof typeof STREAMING;
const isStreaming = (value: string | undefined): value is Streaming =>
  value !== undefined && value in STREAMING;
const PAYLOAD_HASH = /^[0-9a-f]{64}$/;

/**
 * S3's payload rule: the client declares the payload's hash (or how it is streamed) in
 * X-Amz-Content-Sha256, which the signature covers; the front then holds the body to it.
 */
function declaredPayloadHash(request: RequestHead, auth: Authorization): string {
  const declared = request.headers['x-amz-content-sha256'];
  if (auth.expiresIn !== undefined) return declared ?? 'UNSIGNED-PAYLOAD';
  if (declared === undefined) {
    throw new S3Error(
      'InvalidRequest',
      'Missing required header for this request: x-amz-content-sha256',
    );
  }
  if (declared !== 'UNSIGNED-PAYLOAD' && !isStreaming(declared) && !PAYLOAD_HASH.test(declared)) {
    throw new S3Error(
      'InvalidArgument',
      `x-amz-content-sha256 must be UNSIGNED-PAYLOAD, ${Object.keys(STREAMING).join(', ')}, or a valid sha256 value.`,
      { ArgumentName: 'x-amz-content-sha256', ArgumentValue: declared },
    );
  }
  return declared;
}

const malformed = (message: string) =>
  new S3Error('AuthorizationHeaderMalformed', `The authorization header is malformed; ${message}`);

/** As S3 words its refusals, in its XML error document. */
const S3_REFUSALS: Refusals = {
  missing: () => new S3Error('AccessDenied', 'Access Denied'),
  malformed,
  unsigned: (headers) =>
    new S3Error('AccessDenied', 'There were headers present in the request which were not signed', {
      HeadersNotSigned: headers.join(', '),
    }),
  wrongScope: ({ part, given, expected }) =>
    malformed(
      {
        date: 'Invalid credential date. Date is not the same as X-Amz-Date.',
        terminator: `incorrect terminal '${given}'. This endpoint uses '${expected}'.`,
        service: `incorrect service '${given}'. This endpoint belongs to '${expected}'.`,
        region: `the region '${given}' is wrong; expecting '${expected}'`,
      }[part],
    ),
  outOfTime: ({ kind, signedAt, now }) =>
    kind === 'presign-expired'
      ? new S3Error('AccessDenied', 'Request has expired', {
          ServerTime: new Date(now).toISOString(),
        })
      : new S3Error(
          'RequestTimeTooSkewed',
          'The difference between the request time and the current time is too large.',
          {
            RequestTime: new Date(signedAt).toISOString(),
            ServerTime: new Date(now).toISOString(),
          },
        ),
  unknownKey: (accessKeyId) =>
    new S3Error(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      { AWSAccessKeyId: accessKeyId },
    ),
  mismatch: () =>
    new S3Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    ),
};

export interface S3CheckConfig {
  region: string;
  keyOf(accessKeyId: string): Promise<SigningKey | undefined>;
  now?: () => number;
}

/** The one signature check, with S3's service name, payload rule, path rule and errors. */
export const createS3SignatureCheck = (config: S3CheckConfig): SignatureCheck =>
  createSignatureCheck({
    ...config,
    service: 's3',
    refusals: S3_REFUSALS,
    payloadHash: declaredPayloadHash,
    presigned: true,
    uriEscapePath: false,
  });

export interface S3FrontOptions {
  /** Where s3rver listens. */
  socketPath: string;
  /** Where bodies wait until checked: a folder of the data dir, emptied here. */
  spoolDir: string;
  /** @default - no check: any credentials, or none, are accepted */
  check?: SignatureCheck;
  log?: (message: string, error: unknown) => void;
}

export async function s3Front(options: S3FrontOptions): Promise<Server> {
  await rm(options.spoolDir, { recursive: true, force: true });
  await mkdir(options.spoolDir, { recursive: true, mode: 0o700 });
  const log = options.log ?? ((message, error) => console.error(message, error));
  const handle = (req: IncomingMessage, res: ServerResponse, proceed?: () => void) =>
    serveS3(req, res, options, proceed).catch((error: unknown) => {
      const known = error instanceof S3Error;
      if (!known && !clientWentAway(req, error)) log('local S3 request failed', error);
      if (res.headersSent) return void res.destroy();
      const failure = known
        ? error
        : new S3Error('InternalError', 'We encountered an internal error. Please try again.');
      res
        .writeHead(failure.status, { 'content-type': 'application/xml' })
        .end(req.method === 'HEAD' ? undefined : failure.toXML());
      // A refused upload's body is not read: close rather than wait for it.
      if (!req.complete) req.socket.destroySoon?.();
    });
  const server = createServer((req, res) => void handle(req, res));
  // A client that asks first (Expect: 100-continue, as the AWS CLI does for every upload) sends
  // its body only once the signature has passed: a refused upload costs no transfer.
  server.on('checkContinue', (req, res) => void handle(req, res, () => res.writeContinue()));
  return server;
}

async function serveS3(
  req: IncomingMessage,
  res: ServerResponse,
  options: S3FrontOptions,
  proceed?: () => void,
): Promise<void> {
  const url = req.url ?? '/';
  const head = requestHeadOf(req);
  // A CORS preflight never carries credentials (the Fetch standard), as S3 answers it unsigned.
  const verified = head.method === 'OPTIONS' ? undefined : await options.check?.(head);
  proceed?.();
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || !!req.headers['transfer-encoding'];
  if (!hasBody) {
    await forward(options.socketPath, { method: head.method, url, headers: req.headers }, res);
    return;
  }
  const spooled = join(options.spoolDir, randomUUID());
  try {
    const headers = await spool(req, head, spooled, verified);
    await forward(
      options.socketPath,
      { method: head.method, url, headers, body: createReadStream(spooled) },
      res,
    );
  } finally {
    await rm(spooled, { force: true });
  }
}

/**
 * Writes the body to `file` as s3rver must store it, checked against what the client declared
 * (its SHA-256, its chunk signatures, its x-amz-checksum-*), and returns the headers to forward.
 */
async function spool(
  req: IncomingMessage,
  head: RequestHead,
  file: string,
  verified: VerifiedSignature | undefined,
): Promise<IncomingHttpHeaders> {
  const declared = head.headers['x-amz-content-sha256'];
  const chunked =
    isStreaming(declared) || /aws-chunked/.test(head.headers['content-encoding'] ?? '');
  const sink = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  try {
    if (!chunked) {
      await spoolPlain(req, sink, declared);
      await checkChecksums(head.headers, file);
      return req.headers;
    }
    const streaming = isStreaming(declared)
      ? STREAMING[declared]
      : { signed: false, trailer: true };
    const decodedLength = Number(head.headers['x-amz-decoded-content-length']);
    if (!Number.isSafeInteger(decodedLength) || decodedLength < 0) {
      throw new S3Error(
        'MissingContentLength',
        'You must provide the x-amz-decoded-content-length HTTP header.',
      );
    }
    const trailer = await decodeAwsChunked(req, sink, {
      decodedLength,
      signedTrailer: streaming.trailer,
      ...(streaming.signed && verified ? { signing: chunkSigning(verified) } : {}),
    });
    await new Promise<void>((resolve, reject) =>
      sink.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    await checkChecksums(Object.fromEntries(trailer), file);
    return withoutChunking(req.headers, decodedLength);
  } finally {
    sink.destroy();
  }
}

/** A body sent as it is, held to the SHA-256 the client declared (and signed). */
async function spoolPlain(
  req: IncomingMessage,
  sink: NodeJS.WritableStream,
  declared: string | undefined,
): Promise<void> {
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(req, hashing, sink);
  if (declared !== undefined && PAYLOAD_HASH.test(declared) && hash.digest('hex') !== declared) {
    // s3rver's table gives this code no status; S3 answers 400.
    throw Object.assign(
      new S3Error(
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      ),
      { status: 400 },
    );
  }
}

function chunkSigning(verified: VerifiedSignature): ChunkSigning {
  const { date, region, service, terminator } = verified.auth.scope;
  return {
    seedSignature: verified.auth.signature,
    amzDate: verified.auth.amzDate,
    scope: `${date}/${region}/${service}/${terminator}`,
    sign: verified.sign,
  };
}

/** The headers of the decoded object, as if the client had sent it plain. */
function withoutChunking(headers: IncomingHttpHeaders, length: number): IncomingHttpHeaders {
  const plain: IncomingHttpHeaders = { ...headers, 'content-length': String(length) };
  for (const name of ['transfer-encoding', 'x-amz-decoded-content-length', 'x-amz-trailer']) {
    delete plain[name];
  }
  plain['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  const encodings = (headers['content-encoding'] ?? '')
    .split(',')
    .map((encoding) => encoding.trim())
    .filter((encoding) => encoding && encoding !== 'aws-chunked');
  if (encodings.length > 0) plain['content-encoding'] = encodings.join(', ');
  else delete plain['content-encoding'];
  return plain;
}

/** Every x-amz-checksum-* the client sent (in a header or the trailer) must match the object. */
async function checkChecksums(
  declared: Record<string, string | undefined>,
  file: string,
): Promise<void> {
  for (const [name, value] of Object.entries(declared)) {
    if (!isChecksumName(name) || value === undefined) continue;
    const actual = await checksumOf(name, createReadStream(file));
    if (actual !== value) {
      const algorithm = name.slice('x-amz-checksum-'.length).toUpperCase();
      throw new S3Error(
        'BadDigest',
        `The ${algorithm} you specified did not match the calculated checksum.`,
      );
    }
  }
}
