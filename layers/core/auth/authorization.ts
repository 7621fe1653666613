/**
 * Where a SigV4 signature arrives: the Authorization header
 * (`AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/personalize/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=5d67...`), or, in a presigned URL, the X-Amz-* query
 * parameters.
 */

export interface Authorization {
  accessKeyId: string;
  scope: { date: string; region: string; service: string; terminator: string };
  /** Lower case, in the order the client listed them. */
  signedHeaders: string[];
  signature: string;
  /** The request's time, ISO 8601 basic, from X-Amz-Date or Date. */
  amzDate: string;
  /** A presigned URL's lifetime in seconds (X-Amz-Expires); absent for header auth. */
  expiresIn?: number;
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';
const REQUIRED = ['Credential', 'Signature', 'SignedHeaders'] as const;

/** Builds the service's error for an Authorization it cannot read, from AWS's wording. */
export type Malformed = (message: string) => Error;

/**
 * Throws `malformed` worded as AWS words it: every missing part in one message, which ends with
 * the header itself so the caller sees what was sent.
 */
export function parseAuthorization(
  header: string,
  amzDate: string | undefined,
  malformed: Malformed,
): Authorization {
  const [algorithm = '', ...rest] = header.trim().split(/\s+/);
  // Another scheme (SigV2, a bearer token) lacks every SigV4 parameter: AWS says so, as here.
  // Parameters are separated by commas, spaces or both, as AWS reads them: a stray space inside
  // a value makes its tail a parameter without `=`.
  const fields = algorithm === ALGORITHM ? rest.join(' ').split(/[\s,]+/) : [];
  const params = new Map<string, string>();
  for (const field of fields.filter(Boolean)) {
    const equals = field.indexOf('=');
    if (equals < 0) {
      throw malformed(
        `'${field}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
      );
    }
    params.set(field.slice(0, equals), field.slice(equals + 1));
  }
  const problems = REQUIRED.filter((name) => !params.get(name)).map(
    (name) => `Authorization header requires '${name}' parameter.`,
  );
  if (!amzDate) {
    problems.push(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  if (problems.length > 0 || !amzDate) {
    throw malformed(`${problems.join(' ')} Authorization=${header}`);
  }
  return {
    ...credentialOf(params.get('Credential')!, malformed),
    signedHeaders: signedHeadersOf(params.get('SignedHeaders')!, malformed),
    signature: params.get('Signature')!,
    amzDate,
  };
}

const QUERY_REQUIRED = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
] as const;
/** SigV4's longest presigned URL: seven days. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

/** A presigned URL's signature, from its query; undefined when the URL is not presigned. */
export function parsePresigned(
  query: ReadonlyArray<readonly [string, string]>,
  malformed: Malformed,
): Authorization | undefined {
  const params = new Map(query);
  if (!params.has('X-Amz-Algorithm')) return undefined;
  const missing = QUERY_REQUIRED.filter((name) => !params.get(name));
  if (missing.length > 0) {
    throw malformed(
      `Query-string authentication version 4 requires the ${missing.join(', ')} parameters.`,
    );
  }
  if (params.get('X-Amz-Algorithm') !== ALGORITHM) {
    throw malformed(`X-Amz-Algorithm only supports "${ALGORITHM}".`);
  }
  const expiresIn = Number(params.get('X-Amz-Expires'));
  if (!/^\d+$/.test(params.get('X-Amz-Expires')!) || expiresIn > MAX_EXPIRES_SECONDS) {
    throw malformed(
      `X-Amz-Expires must be a whole number of seconds from 0 to ${MAX_EXPIRES_SECONDS}.`,
    );
  }
  return {
    ...credentialOf(params.get('X-Amz-Credential')!, malformed),
    signedHeaders: signedHeadersOf(params.get('X-Amz-SignedHeaders')!, malformed),
    signature: params.get('X-Amz-Signature')!,
    amzDate: params.get('X-Amz-Date')!,
    expiresIn,
  };
}

function credentialOf(
  credential: string,
  malformed: Malformed,
): Pick<Authorization, 'accessKeyId' | 'scope'> {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((part) => part === '')) {
    throw malformed(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { accessKeyId, scope: { date, region, service, terminator } };
}

function signedHeadersOf(list: string, malformed: Malformed): string[] {
  const signedHeaders = list.toLowerCase().split(';');
  // Unsigned, the host could be changed: a captured request would replay against another endpoint.
  if (!signedHeaders.includes('host')) {
    throw malformed("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return signedHeaders;
}
