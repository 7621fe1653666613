/**
 * S3's aws-chunked upload body, decoded: what the SDK v3 S3Client sends for a stream
 * (STREAMING-UNSIGNED-PAYLOAD-TRAILER, a checksum in the trailer) and SigV4 streaming clients send
 * with each chunk signed (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]). s3rver stores such a body
 * as it arrives, framing and all, so the local S3 decodes it first. Written here because no
 * maintained package decodes it: the SDKs only encode, and s3rver does neither.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
import { Crc32, Crc32c, Crc64Nvme } from '@aws-sdk/checksums/crc';
import { Sha1, Sha256 } from '@aws-sdk/checksums/sha';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import S3Error from 's3rver/lib/models/error';
import { sha256Hex } from '../layers/core/auth/signature-check';

/** What each signed chunk is checked with: the seed signature and the request's signing key. */
export interface ChunkSigning {
  seedSignature: string;
  amzDate: string;
  /** `20130524/us-east-1/s3/aws4_request` */
  scope: string;
  sign(stringToSign: string): Promise<string>;
}

export interface ChunkedOptions {
  /** Absent for STREAMING-UNSIGNED-PAYLOAD-TRAILER. */
  signing?: ChunkSigning;
  /** Whether a trailer follows the last chunk, and it is signed (…-PAYLOAD-TRAILER). */
  signedTrailer?: boolean;
  /** x-amz-decoded-content-length: the object's size. */
  decodedLength: number;
}

/** A chunk's size line, `10000;chunk-signature=ad80…`, is far shorter than this. */
const MAX_LINE = 4096;
/** Bigger than any client's chunk; a larger one is refused rather than held. */
const MAX_CHUNK = 64 * 1024 * 1024;
const EMPTY_SHA256 = sha256Hex('');
const CRLF = Buffer.from('\r\n');

/** The checksums S3 accepts in x-amz-checksum-*, by their header name. */
export const CHECKSUMS = {
  'x-amz-checksum-crc32': Crc32,
  'x-amz-checksum-crc32c': Crc32c,
  'x-amz-checksum-crc64nvme': Crc64Nvme,
  'x-amz-checksum-sha1': Sha1,
  'x-amz-checksum-sha256': Sha256,
} as const;

export type ChecksumName = keyof typeof CHECKSUMS;
export const isChecksumName = (name: string): name is ChecksumName => name in CHECKSUMS;

const incomplete = (message: string) => new S3Error('IncompleteBody', message);
const mismatch = () =>
  new S3Error(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );

/**
 * Writes the decoded object to `sink`, checking every chunk signature as it arrives, and resolves
 * with the trailer's headers (its checksum) once the trailer's own signature holds.
 */
export async function decodeAwsChunked(
  source: AsyncIterable<Buffer>,
  sink: Writable,
  options: ChunkedOptions,
): Promise<Map<string, string>> {
  const reader = new BufferedReader(source[Symbol.asyncIterator]());
  let previous = options.signing?.seedSignature ?? '';
  let written = 0;
  for (;;) {
    const [sizeField = '', ...extensions] = (await reader.line()).split(';');
    const size = /^[0-9a-fA-F]{1,16}$/.test(sizeField) ? parseInt(sizeField, 16) : NaN;
    if (!(size <= MAX_CHUNK)) throw incomplete(`A chunk's size line is not valid: '${sizeField}'.`);
    const data = await reader.bytes(size);
    if (options.signing) {
      const given = extensions.find((e) => e.startsWith('chunk-signature='))?.slice(16);
      const { amzDate, scope, sign } = options.signing;
      const expected = await sign(
        ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, EMPTY_SHA256, sha256Hex(data)].join(
          '\n',
        ),
      );
      if (given !== expected) throw mismatch();
      previous = expected;
    }
    if (size === 0) break;
    if (!(await reader.bytes(2)).equals(CRLF)) throw incomplete('A chunk does not end in CRLF.');
    written += size;
    if (written > options.decodedLength) break;
    if (!sink.write(data)) await once(sink, 'drain');
  }
  if (written !== options.decodedLength) {
    throw incomplete(
      `You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header (${options.decodedLength}; the chunks held ${written}).`,
    );
  }
  return readTrailer(reader, options, previous);
}

/** `name:value` lines up to an empty line; the signed variant ends with the trailer's signature. */
async function readTrailer(
  reader: BufferedReader,
  options: ChunkedOptions,
  previous: string,
): Promise<Map<string, string>> {
  const trailer = new Map<string, string>();
  let canonical = '';
  let signature: string | undefined;
  for (let line = await reader.line(); line !== ''; line = await reader.line()) {
    const colon = line.indexOf(':');
    const [name, value] = [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    if (colon < 1) throw incomplete(`A trailer line is not a header: '${line}'.`);
    if (name === 'x-amz-trailer-signature') signature = value;
    else {
      trailer.set(name, value);
      canonical += `${name}:${value}\n`;
    }
  }
  if (options.signing && options.signedTrailer) {
    const { amzDate, scope, sign } = options.signing;
    const expected = await sign(
      ['AWS4-HMAC-SHA256-TRAILER', amzDate, scope, previous, sha256Hex(canonical)].join('\n'),
    );
    if (signature !== expected) throw mismatch();
  }
  return trailer;
}

/** The object's x-amz-checksum-* in base64, as a client computes it; S3 refuses a mismatch. */
export async function checksumOf(name: ChecksumName, file: AsyncIterable<Buffer>): Promise<string> {
  const checksum = new CHECKSUMS[name]();
  for await (const chunk of file) checksum.update(chunk);
  return Buffer.from(await checksum.digest()).toString('base64');
}

/** Lines and byte runs from a stream of buffers, holding no more than one chunk at a time. */
class BufferedReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  async line(): Promise<string> {
    for (;;) {
      const end = this.pending.indexOf(CRLF);
      if (end >= 0) {
        const line = this.pending.subarray(0, end).toString('latin1');
        this.pending = this.pending.subarray(end + 2);
        return line;
      }
      if (this.pending.length > MAX_LINE) throw incomplete('A chunk line is too long.');
      await this.more();
    }
  }

  async bytes(count: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (let have = 0; have < count;) {
      if (this.pending.length === 0) await this.more();
      const part = this.pending.subarray(0, count - have);
      this.pending = this.pending.subarray(part.length);
      parts.push(part);
      have += part.length;
    }
    return Buffer.concat(parts, count);
  }

  private async more(): Promise<void> {
    const next = await this.source.next();
    if (next.done) throw incomplete('The body ended before its last chunk.');
    this.pending = this.pending.length ? Buffer.concat([this.pending, next.value]) : next.value;
  }
}
