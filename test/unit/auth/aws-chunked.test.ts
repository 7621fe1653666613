/**
 * S3's chunked uploads, checked and decoded by the local S3's front: the signed example of
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html (its key, its seed and
 * chunk signatures), and the unsigned trailer body the SDK v3 S3Client sends for a stream.
 */
import { PassThrough, Writable } from 'node:stream';
import { checksumOf, decodeAwsChunked } from '../../../bin/aws-chunked';
import { createS3SignatureCheck } from '../../../bin/local-s3';
import type { RequestHead } from '../../../layers/core/auth/signature-check';

const EXAMPLE_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const SEED = '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9';
const CHUNK_SIGNATURES = [
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
];

const EXAMPLE: RequestHead = {
  method: 'PUT',
  path: '/examplebucket/chunkObject.txt',
  query: [],
  headers: {
    host: 's3.amazonaws.com',
    'x-amz-date': '20130524T000000Z',
    'x-amz-storage-class': 'REDUCED_REDUNDANCY',
    'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    'content-encoding': 'aws-chunked',
    'x-amz-decoded-content-length': '66560',
    'content-length': '66824',
    authorization: `AWS4-HMAC-SHA256 Credential=${EXAMPLE_KEY.accessKeyId}/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=${SEED}`,
  },
};

const check = createS3SignatureCheck({
  region: 'us-east-1',
  keyOf: async (id) => (id === EXAMPLE_KEY.accessKeyId ? EXAMPLE_KEY : undefined),
  now: () => Date.UTC(2013, 4, 24),
});

/** The example's body: 64 KiB of 'a', then 1 KiB, then the final chunk. */
function exampleBody(signatures = CHUNK_SIGNATURES): Buffer {
  const chunk = (size: number, signature: string) =>
    Buffer.concat([
      Buffer.from(`${size.toString(16)};chunk-signature=${signature}\r\n`),
      Buffer.alloc(size, 'a'),
      Buffer.from('\r\n'),
    ]);
  return Buffer.concat([
    chunk(65536, signatures[0]!),
    chunk(1024, signatures[1]!),
    chunk(0, signatures[2]!),
  ]);
}

/** The body in pieces of `size` bytes, as a socket delivers it. */
async function* piecesOf(body: Buffer, size = 1000): AsyncGenerator<Buffer> {
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
}

function collector(): { sink: Writable; bytes(): Buffer } {
  const parts: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (part: Buffer) => parts.push(part));
  return { sink, bytes: () => Buffer.concat(parts) };
}

describe('a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload (the S3 documentation example)', () => {
  it('has its seed signature accepted', async () => {
    await expect(check(EXAMPLE)).resolves.toMatchObject({
      key: { accessKeyId: EXAMPLE_KEY.accessKeyId },
    });
  });

  it('decodes to the object, every chunk signature checked', async () => {
    // Prepare
    const verified = await check(EXAMPLE);
    const { sink, bytes } = collector();

    // Act
    await decodeAwsChunked(piecesOf(exampleBody()), sink, {
      decodedLength: 66560,
      signing: {
        seedSignature: SEED,
        amzDate: '20130524T000000Z',
        scope: '20130524/us-east-1/s3/aws4_request',
        sign: verified.sign,
      },
    });

    // Assess
    expect(bytes().equals(Buffer.alloc(66560, 'a'))).toBe(true);
  });

  it('fails with SignatureDoesNotMatch when a chunk was altered', async () => {
    // Prepare
    const verified = await check(EXAMPLE);
    const altered = exampleBody();
    altered[100] = 'b'.charCodeAt(0);

    // Act
    const decoding = decodeAwsChunked(piecesOf(altered), collector().sink, {
      decodedLength: 66560,
      signing: {
        seedSignature: SEED,
        amzDate: '20130524T000000Z',
        scope: '20130524/us-east-1/s3/aws4_request',
        sign: verified.sign,
      },
    });

    // Assess
    await expect(decoding).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
  });
});

describe('a STREAMING-UNSIGNED-PAYLOAD-TRAILER upload (SDK v3, a stream body)', () => {
  const body = Buffer.from('c\r\nhello stream\r\n0\r\nx-amz-checksum-crc32:gtnkmQ==\r\n\r\n');

  it('decodes to the object and its trailer', async () => {
    // Prepare
    const { sink, bytes } = collector();

    // Act
    const trailer = await decodeAwsChunked(piecesOf(body, 7), sink, { decodedLength: 12 });

    // Assess
    expect(bytes().toString()).toBe('hello stream');
    expect(trailer).toEqual(new Map([['x-amz-checksum-crc32', 'gtnkmQ==']]));
    await expect(checksumOf('x-amz-checksum-crc32', piecesOf(bytes()))).resolves.toBe('gtnkmQ==');
  });

  it('fails with IncompleteBody when cut short', async () => {
    await expect(
      decodeAwsChunked(piecesOf(body.subarray(0, 10)), collector().sink, { decodedLength: 12 }),
    ).rejects.toMatchObject({ code: 'IncompleteBody', status: 400 });
  });

  it('fails with IncompleteBody when the chunks hold another length than declared', async () => {
    await expect(
      decodeAwsChunked(piecesOf(body), collector().sink, { decodedLength: 13 }),
    ).rejects.toMatchObject({ code: 'IncompleteBody' });
  });

  it('fails with IncompleteBody for a size line that is not hexadecimal', async () => {
    await expect(
      decodeAwsChunked(piecesOf(Buffer.from('zz\r\nhello\r\n')), collector().sink, {
        decodedLength: 5,
      }),
    ).rejects.toMatchObject({ code: 'IncompleteBody' });
  });
});
