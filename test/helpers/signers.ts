/**
 * The two real SigV4 signers Tailor's clients use: @smithy/signature-v4 (SDK for JavaScript v3)
 * and botocore (boto3, the AWS CLI), each turning a plain request into the signed one that
 * arrives on the wire.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { execFileSync } from 'node:child_process';
import type { SignedRequest } from '../../layers/core/auth/sigv4';

export interface PlainRequest {
  method: string;
  host: string;
  /** As on the wire: percent-encoded. */
  path: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

export interface SigningParams {
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  service: string;
  signingDate: Date;
}

export type Signer = (request: PlainRequest, params: SigningParams) => Promise<SignedRequest>;

export const signWithSmithy: Signer = async (request, params) => {
  const signer = new SignatureV4({
    credentials: params.credentials,
    region: params.region,
    service: params.service,
    sha256: Sha256,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: 'https:',
      hostname: request.host,
      path: request.path,
      query: request.query ?? {},
      headers: { host: request.host, ...request.headers },
      body: request.body,
    }),
    { signingDate: params.signingDate },
  );
  return received(request, signed.headers as Record<string, string>);
};

/** botocore signs as the AWS CLI does; the signing time is pinned by patching its clock. */
const BOTOCORE_SCRIPT = `
import datetime, json, sys
from unittest import mock
from urllib.parse import quote
import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

spec = json.load(sys.stdin)
url = 'https://' + spec['host'] + spec['path']
if spec['query']:
    # As botocore's serializers encode query parameters: RFC 3986, a space as %20.
    url += '?' + '&'.join(quote(k, safe='-_.~') + '=' + quote(v, safe='-_.~')
                          for k, v in spec['query'].items())
request = AWSRequest(method=spec['method'], url=url, data=spec['body'].encode('utf-8'),
                     headers=spec['headers'])
when = datetime.datetime.fromtimestamp(spec['time'], tz=datetime.timezone.utc).replace(tzinfo=None)
with mock.patch.object(botocore.auth, 'get_current_datetime', return_value=when):
    SigV4Auth(Credentials(spec['accessKeyId'], spec['secretAccessKey']),
              spec['service'], spec['region']).add_auth(request)
print(json.dumps(dict(request.headers.items())))
`;

export const signWithBotocore: Signer = async (request, params) => {
  const spec = {
    ...request,
    query: request.query ?? {},
    ...params.credentials,
    service: params.service,
    region: params.region,
    time: params.signingDate.getTime() / 1000,
  };
  const output = execFileSync('python3', ['-c', BOTOCORE_SCRIPT], {
    input: JSON.stringify(spec),
    encoding: 'utf8',
  });
  return received(request, { host: request.host, ...JSON.parse(output) });
};

/** What the server sees: header names in lower case, the query decoded. */
function received(request: PlainRequest, headers: Record<string, string>): SignedRequest {
  return {
    method: request.method,
    path: request.path,
    query: Object.entries(request.query ?? {}),
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
    ),
    body: request.body,
  };
}
