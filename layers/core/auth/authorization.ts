/**
 * The SigV4 Authorization header:
 * `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/personalize/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=5d67...`.
 */
import { IncompleteSignatureException } from '../api/errors';

export interface Authorization {
  accessKeyId: string;
  scope: { date: string; region: string; service: string; terminator: string };
  /** Lower case, in the order the client listed them. */
  signedHeaders: string[];
  signature: string;
  /** The request's time, ISO 8601 basic, from X-Amz-Date or Date. */
  amzDate: string;
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';
const REQUIRED = ['Credential', 'Signature', 'SignedHeaders'] as const;

/**
 * Throws IncompleteSignatureException worded as AWS words it: every missing part in one
 * message, which ends with the header itself so the caller sees what was sent.
 */
export function parseAuthorization(header: string, amzDate: string | undefined): Authorization {
  const [algorithm = '', ...rest] = header.trim().split(/\s+/);
  // Another scheme (SigV2, a bearer token) lacks every SigV4 parameter: AWS says so, as here.
  // Parameters are separated by commas, spaces or both, as AWS reads them: a stray space inside
  // a value makes its tail a parameter without `=`.
  const fields = algorithm === ALGORITHM ? rest.join(' ').split(/[\s,]+/) : [];
  const params = new Map<string, string>();
  for (const field of fields.filter(Boolean)) {
    const equals = field.indexOf('=');
    if (equals < 0) {
      throw new IncompleteSignatureException(
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
    throw new IncompleteSignatureException(`${problems.join(' ')} Authorization=${header}`);
  }

  const credential = params.get('Credential')!;
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((part) => part === '')) {
    throw new IncompleteSignatureException(
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
  const signedHeaders = params.get('SignedHeaders')!.toLowerCase().split(';');
  // Unsigned, the host could be changed: a captured request would replay against another endpoint.
  if (!signedHeaders.includes('host')) {
    throw new IncompleteSignatureException(
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  return {
    accessKeyId,
    scope: { date, region, service, terminator },
    signedHeaders,
    signature: params.get('Signature')!,
    amzDate,
  };
}
