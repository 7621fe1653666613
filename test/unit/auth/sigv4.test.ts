/**
 * The SigV4 verifier against requests signed by the real signers: every case runs once for
 * @smithy/signature-v4 (SDK v3) and once for botocore (boto3, the AWS CLI).
 */
import { createHash } from 'node:crypto';
import { createSignatureGuard, type SignatureGuard } from '../../../layers/core/auth/guard';
import { createSigV4Verifier, type SignedRequest } from '../../../layers/core/auth/sigv4';
import {
  signWithBotocore,
  signWithSmithy,
  type PlainRequest,
  type Signer,
  type SigningParams,
} from '../../helpers/signers';

const KEY = {
  accessKeyId: 'TKIAABCDEFGHIJKLMNOP',
  secretAccessKey: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0',
};
const REGION = 'eu-west-1';
const SIGNED_AT = new Date('2026-11-29T12:00:00Z');

const CONTROL: PlainRequest = {
  method: 'POST',
  host: 'tailor.example.com',
  path: '/',
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AmazonPersonalize.ListSchemas',
  },
  body: '{"maxResults":5}',
};

const RUNTIME: PlainRequest = {
  method: 'POST',
  host: 'tailor.example.com',
  // A stage, a segment that needs encoding and a query: the rules that differ between signers.
  path: '/prod/odd%20name/recommendations',
  query: { tag: 'a b/c', empty: '' },
  headers: { 'content-type': 'application/json' },
  body: '{"campaignArn":"arn:aws:personalize:eu-west-1:123456789012:campaign/c","userId":"ü"}',
};

const params = (overrides: Partial<SigningParams> = {}): SigningParams => ({
  credentials: KEY,
  region: REGION,
  service: 'personalize',
  signingDate: SIGNED_AT,
  ...overrides,
});

const verifierAt = (
  now: Date,
  secrets: Record<string, string> = { [KEY.accessKeyId]: KEY.secretAccessKey },
) =>
  createSigV4Verifier({
    region: REGION,
    keyOf: async (id: string) =>
      secrets[id] === undefined ? undefined : { accessKeyId: id, secretAccessKey: secrets[id] },
    now: () => now.getTime(),
  });

const verify = verifierAt(SIGNED_AT);

describe.each<[string, Signer]>([
  ['@smithy/signature-v4', signWithSmithy],
  ['botocore', signWithBotocore],
])('a request signed by %s', (_name, sign) => {
  it.each([
    ['a control-plane request', CONTROL],
    ['a restJson1 request with a stage, an encoded segment and a query', RUNTIME],
  ])('is accepted: %s', async (_case, plain) => {
    // Prepare
    const request = await sign(plain, params());

    // Act
    const caller = await verify(request);

    // Assess
    expect(caller.id).toBe(KEY.accessKeyId);
  });

  it('is accepted within five minutes either way of our clock', async () => {
    // Prepare
    const request = await sign(CONTROL, params());

    // Act, Assess
    await expect(
      verifierAt(new Date(SIGNED_AT.getTime() + 299_000))(request),
    ).resolves.toMatchObject({ id: KEY.accessKeyId });
    await expect(
      verifierAt(new Date(SIGNED_AT.getTime() - 299_000))(request),
    ).resolves.toMatchObject({ id: KEY.accessKeyId });
  });

  it('fails with InvalidSignatureException when signed with another secret', async () => {
    // Prepare
    const request = await sign(
      CONTROL,
      params({ credentials: { ...KEY, secretAccessKey: 'x'.repeat(40) } }),
    );

    // Act, Assess
    await expect(verify(request)).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      statusCode: 403,
      message: expect.stringMatching(
        /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\./,
      ),
    });
  });

  it('fails as expired when signed more than five minutes ago', async () => {
    // Prepare
    const request = await sign(CONTROL, params());
    const later = verifierAt(new Date('2026-11-29T12:06:00Z'));

    // Act, Assess
    await expect(later(request)).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message:
        'Signature expired: 20261129T120000Z is now earlier than 20261129T120100Z (20261129T120600Z - 5 min.)',
    });
  });

  it('fails as not yet current when signed more than five minutes ahead', async () => {
    // Prepare
    const request = await sign(CONTROL, params());
    const earlier = verifierAt(new Date('2026-11-29T11:54:00Z'));

    // Act, Assess
    await expect(earlier(request)).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message:
        'Signature not yet current: 20261129T120000Z is still later than 20261129T115900Z (20261129T115400Z + 5 min.)',
    });
  });

  it('fails when the body was altered after signing', async () => {
    // Prepare
    const request = await sign(CONTROL, params());
    const altered: SignedRequest = { ...request, body: '{"maxResults":100}' };

    // Act, Assess
    await expect(verify(altered)).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  });

  it('fails when the body was altered under a signed X-Amz-Content-Sha256 of the original', async () => {
    // Prepare: a client-supplied payload hash must not stand in for the body's own.
    const withHash = {
      ...CONTROL,
      headers: { ...CONTROL.headers, 'x-amz-content-sha256': sha256(CONTROL.body) },
    };
    const request = await sign(withHash, params());

    // Act
    const original = verify(request);
    const altered = verify({ ...request, body: '{"maxResults":100}' });

    // Assess
    await expect(original).resolves.toMatchObject({ id: KEY.accessKeyId });
    await expect(altered).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  });

  it('fails when a signed header was altered', async () => {
    // Prepare
    const request = await sign(CONTROL, params());
    const altered: SignedRequest = {
      ...request,
      headers: { ...request.headers, 'x-amz-target': 'AmazonPersonalize.DeleteSchema' },
    };

    // Act, Assess
    await expect(verify(altered)).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  });

  it('fails with UnrecognizedClientException for an unknown key', async () => {
    // Prepare
    const request = await sign(
      CONTROL,
      params({
        credentials: { accessKeyId: 'TKIAUNKNOWNUNKNOWN22', secretAccessKey: KEY.secretAccessKey },
      }),
    );

    // Act, Assess
    await expect(verify(request)).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      statusCode: 403,
      message: 'The security token included in the request is invalid.',
    });
  });

  it('fails when scoped to another service', async () => {
    // Prepare
    const request = await sign(CONTROL, params({ service: 'execute-api' }));

    // Act, Assess
    await expect(verify(request)).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'personalize'. ",
    });
  });

  it('fails when scoped to another region', async () => {
    // Prepare
    const request = await sign(CONTROL, params({ region: 'us-east-1' }));

    // Act, Assess
    await expect(verify(request)).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: "Credential should be scoped to a valid region, not 'us-east-1'. ",
    });
  });
});

describe.each<[string, Signer]>([
  ['@smithy/signature-v4', signWithSmithy],
  ['botocore', signWithBotocore],
])('the x-amz-* headers of a request signed by %s', (_name, sign) => {
  it('fails with IncompleteSignatureException when X-Amz-Target was added after signing (issue 12)', async () => {
    // Prepare: a captured DescribeDatasetGroup, signed without its target, replayed as a delete.
    const request = await sign(
      { ...CONTROL, headers: { 'content-type': CONTROL.headers['content-type']! } },
      params(),
    );
    const replayed: SignedRequest = {
      ...request,
      headers: { ...request.headers, 'x-amz-target': 'AmazonPersonalize.DeleteDatasetGroup' },
    };

    // Act, Assess
    await expect(verify(replayed)).rejects.toMatchObject({
      name: 'IncompleteSignatureException',
      statusCode: 400,
      message: "'x-amz-target' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('fails naming every x-amz-* header present but not signed', async () => {
    // Prepare
    const request = await sign(CONTROL, params());
    const added: SignedRequest = {
      ...request,
      headers: { ...request.headers, 'x-amz-meta-a': '1', 'x-amz-security-token': 't' },
    };

    // Act, Assess
    await expect(verify(added)).rejects.toMatchObject({
      name: 'IncompleteSignatureException',
      message:
        "'x-amz-meta-a' must be a 'SignedHeader' in the AWS Authorization. 'x-amz-security-token' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('fails when a signed header was removed', async () => {
    // Prepare
    const request = await sign(CONTROL, params());
    const headers = { ...request.headers };
    delete headers['content-type'];

    // Act, Assess
    await expect(verify({ ...request, headers })).rejects.toMatchObject({
      name: 'IncompleteSignatureException',
      message:
        "'content-type' is named as a SignedHeader, but it does not exist in the HTTP request.",
    });
  });

  it('accepts headers outside x-amz-* that were not signed, as a proxy adds them', async () => {
    // Prepare
    const request = await sign(CONTROL, params());
    const proxied: SignedRequest = {
      ...request,
      headers: { ...request.headers, 'x-forwarded-for': '10.0.0.1', 'x-amzn-trace-id': 'Root=1' },
    };

    // Act, Assess
    await expect(verify(proxied)).resolves.toMatchObject({ id: KEY.accessKeyId });
  });
});

describe('a request without a usable Authorization header', () => {
  const unsigned: SignedRequest = {
    method: 'POST',
    path: '/',
    query: [],
    headers: { host: 'tailor.example.com', 'x-amz-date': '20261129T120000Z' },
    body: '{}',
  };

  it('fails with MissingAuthenticationTokenException when there is none', async () => {
    await expect(verify(unsigned)).rejects.toMatchObject({
      name: 'MissingAuthenticationTokenException',
      statusCode: 403,
      message: 'Missing Authentication Token',
    });
  });

  it('fails with IncompleteSignatureException naming every missing part', async () => {
    // Prepare
    const bearer = { ...unsigned, headers: { host: 'h', authorization: 'Bearer abc' } };

    // Act, Assess
    await expect(verify(bearer)).rejects.toMatchObject({
      name: 'IncompleteSignatureException',
      statusCode: 400,
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer abc",
    });
  });

  it('fails with IncompleteSignatureException for a parameter without a value', async () => {
    // Prepare
    const header = `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId} /20261129/${REGION}/personalize/aws4_request, SignedHeaders=host, Signature=00`;
    const spaced = { ...unsigned, headers: { ...unsigned.headers, authorization: header } };

    // Act, Assess
    await expect(verify(spaced)).rejects.toMatchObject({
      name: 'IncompleteSignatureException',
      message: expect.stringContaining('not a valid key=value pair (missing equal-sign)'),
    });
  });

  it('fails with IncompleteSignatureException for a credential of the wrong shape', async () => {
    // Prepare
    const header = `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/20261129/personalize, SignedHeaders=host, Signature=00`;
    const short = { ...unsigned, headers: { ...unsigned.headers, authorization: header } };

    // Act, Assess
    await expect(verify(short)).rejects.toMatchObject({
      name: 'IncompleteSignatureException',
      message: expect.stringMatching(/^Credential must have exactly 5 slash-delimited elements/),
    });
  });

  it('fails with IncompleteSignatureException when the host is not signed', async () => {
    // Prepare
    const header = `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/20261129/${REGION}/personalize/aws4_request, SignedHeaders=x-amz-date, Signature=00`;
    const hostless = { ...unsigned, headers: { ...unsigned.headers, authorization: header } };

    // Act, Assess
    await expect(verify(hostless)).rejects.toMatchObject({
      name: 'IncompleteSignatureException',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });
});

const refusalOf = (checked: Awaited<ReturnType<SignatureGuard>>) =>
  'refusal' in checked ? checked.refusal : undefined;

describe('the signature guard', () => {
  const guard = createSignatureGuard(verify);

  it('lets a signed request through', async () => {
    // Prepare
    const request = await signWithSmithy(CONTROL, params());

    // Act, Assess
    await expect(guard(request)).resolves.toEqual({
      caller: expect.objectContaining({ id: KEY.accessKeyId }),
    });
  });

  it('refuses a control-plane request in AWS JSON 1.1: __type and message in the body', async () => {
    // Prepare
    const request = await signWithSmithy(CONTROL, params({ service: 'execute-api' }));

    // Act
    const response = refusalOf(await guard(request));

    // Assess
    expect(response?.statusCode).toBe(403);
    expect(response?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(response!.body)).toEqual({
      __type: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'personalize'. ",
    });
  });

  it('refuses a restJson1 request with the exception in x-amzn-errortype', async () => {
    // Prepare
    const request = await signWithSmithy(
      RUNTIME,
      params({ credentials: { ...KEY, accessKeyId: 'TKIAUNKNOWNUNKNOWN22' } }),
    );

    // Act
    const response = refusalOf(await guard(request));

    // Assess
    expect(response?.statusCode).toBe(403);
    expect(response?.headers['x-amzn-errortype']).toBe('UnrecognizedClientException');
    expect(JSON.parse(response!.body)).toEqual({
      message: 'The security token included in the request is invalid.',
    });
  });

  it('answers a bare 500 when the key store fails, and logs it', async () => {
    // Prepare
    const logged: unknown[] = [];
    const broken = createSignatureGuard(
      createSigV4Verifier({
        region: REGION,
        keyOf: () => Promise.reject(new Error('table unreachable')),
        now: () => SIGNED_AT.getTime(),
      }),
      (_message, error) => logged.push(error),
    );
    const request = await signWithSmithy(CONTROL, params());

    // Act
    const response = refusalOf(await broken(request));

    // Assess
    expect(response?.statusCode).toBe(500);
    expect(response?.body).not.toContain('table unreachable');
    expect(logged).toEqual([expect.objectContaining({ message: 'table unreachable' })]);
  });
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
