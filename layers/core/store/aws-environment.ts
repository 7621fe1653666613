/**
 * The operations' Context for a Lambda container, from the environment the
 * stack sets. Every handler builds it once, at import, so the DynamoDB client
 * and its connections are reused across invocations.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from '../../layers/core/api/context';
import { createAwsContext } from '../../layers/core/store/aws';

/**
 * What the stack puts in each function's environment (lib/ type-checks against it).
 * The region comes from Lambda's own AWS_REGION; the DynamoDB endpoint from the
 * SDK's AWS_ENDPOINT_URL_DYNAMODB, which tests point at dynalite.
 */
export interface FunctionEnvironment {
  /** Prefix of every table name of this deployment. */
  TAILOR_PREFIX: string;
  /** The account in ARNs. */
  TAILOR_ACCOUNT: string;
  /** Keys the HMAC that seals nextTokens. */
  TAILOR_TOKEN_KEY: string;
  /** The region in ARNs and of the tables, when it is not AWS_REGION. */
  TAILOR_REGION?: string;
}

/** Throws one error that names every missing or malformed variable. */
export function contextFromEnv(env: NodeJS.ProcessEnv): Context {
  const problems: string[] = [];
  const read = (name: keyof FunctionEnvironment | 'AWS_REGION'): string => {
    const value = env[name];
    if (!value) problems.push(`${name} is not set.`);
    return value ?? '';
  };
  const prefix = read('TAILOR_PREFIX');
  const account = read('TAILOR_ACCOUNT');
  const tokenKey = read('TAILOR_TOKEN_KEY');
  const region = env.TAILOR_REGION || read('AWS_REGION');
  if (account && !/^\d{12}$/.test(account)) {
    problems.push(`TAILOR_ACCOUNT must be 12 digits, got "${account}".`);
  }
  if (problems.length > 0) {
    throw new Error(`Tailor's function environment is unusable: ${problems.join(' ')}`);
  }
  return createAwsContext({
    place: { region, account },
    prefix,
    tokenKey,
    dynamodb: new DynamoDBClient({ region }),
  });
}
