/**
 * The S3 flavour of the one signature check (bin/local-s3.ts): the GET example of
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, its known
 * signature, and S3's errors for each way a signature fails.
 */
import { createS3SignatureCheck } from '../../../bin/local-s3';
import type { RequestHead } from '../../../layers/core/auth/signature-check';

const KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const SIGNED_AT = Date.UTC(2013, 4, 24);
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const example = (credentialScope = '20130524/us-east-1/s3/aws4_request'): RequestHead => ({
  method: 'GET',
  path: '/test.txt',
  query: [],
  headers: {
    host: 'examplebucket.s3.amazonaws.com',
    range: 'bytes=0-9',
    'x-amz-content-sha256': EMPTY_SHA256,
    'x-amz-date': '20130524T000000Z',
    authorization: `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/${credentialScope},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41`,
  },
});

const checkAt = (now: number) =>
  createS3SignatureCheck({
    region: 'us-east-1',
    keyOf: async (id) => (id === KEY.accessKeyId ? KEY : undefined),
    now: () => now,
  });

describe('the S3 signature check', () => {
  it('accepts the documentation’s example with its known signature', async () => {
    await expect(checkAt(SIGNED_AT)(example())).resolves.toMatchObject({
      key: { accessKeyId: KEY.accessKeyId },
    });
  });

  it.each([
    [
      'another region',
      '20130524/eu-west-1/s3/aws4_request',
      "The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'",
    ],
    [
      'another service',
      '20130524/us-east-1/personalize/aws4_request',
      "The authorization header is malformed; incorrect service 'personalize'. This endpoint belongs to 's3'.",
    ],
  ])('fails with AuthorizationHeaderMalformed when scoped to %s', async (_case, scope, message) => {
    await expect(checkAt(SIGNED_AT)(example(scope))).rejects.toMatchObject({
      code: 'AuthorizationHeaderMalformed',
      status: 400,
      message,
    });
  });

  it('fails with RequestTimeTooSkewed when signed more than five minutes ago', async () => {
    await expect(checkAt(SIGNED_AT + 6 * 60_000)(example())).rejects.toMatchObject({
      code: 'RequestTimeTooSkewed',
      status: 403,
    });
  });

  it('fails with SignatureDoesNotMatch when a signed header was altered', async () => {
    // Prepare
    const altered = example();
    altered.headers.range = 'bytes=0-99';

    // Act, Assess
    await expect(checkAt(SIGNED_AT)(altered)).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
    });
  });

  it('fails with InvalidAccessKeyId naming an unknown key', async () => {
    // Prepare
    const unknown = example();
    unknown.headers.authorization = unknown.headers.authorization!.replace(
      KEY.accessKeyId,
      'TKIAUNKNOWNUNKNOWN22',
    );

    // Act, Assess
    await expect(checkAt(SIGNED_AT)(unknown)).rejects.toMatchObject({
      code: 'InvalidAccessKeyId',
      status: 403,
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    });
  });

  it('fails with InvalidArgument for an X-Amz-Content-Sha256 that is no hash nor streaming form', async () => {
    // Prepare
    const odd = example();
    odd.headers['x-amz-content-sha256'] = 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD';

    // Act, Assess
    await expect(checkAt(SIGNED_AT)(odd)).rejects.toMatchObject({
      code: 'InvalidArgument',
      status: 400,
    });
  });
});
