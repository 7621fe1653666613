/**
 * The operations' Context from the environment a deployment sets: each Lambda
 * function builds it once, at import, and so does a job's process (a Fargate
 * task in AWS, a child of the local service), so clients and their
 * connections are reused.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { Context } from '../api/context';
import { logJobEvents, type JobEvents } from '../jobs/job-events';
import type { JobLauncher } from '../jobs/ports';
import type { AccessKeyStore } from './access-key-ports';
import { createAwsContext } from './aws';
import { DynamoDbAccessKeyStore } from './dynamodb/access-key-store';
import { EventBridgeJobEvents } from './eventbridge/job-events';
import { ACCESS_KEYS_TABLE, tableName } from './tables';

/**
 * What the stack puts in each function's environment (lib/ type-checks against it).
 * The region comes from Lambda's own AWS_REGION; endpoints from the SDK's own
 * AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_S3, which local runs point at
 * dynalite and s3rver.
 */
export interface FunctionEnvironment {
  /** Prefix of every table name of this deployment. */
  TAILOR_PREFIX: string;
  /** The account in ARNs. */
  TAILOR_ACCOUNT: string;
  /** Keys the HMAC that seals nextTokens. */
  TAILOR_TOKEN_KEY: string;
  /** Tailor's own bucket. */
  TAILOR_DATA_BUCKET: string;
  /** The region in ARNs and of the tables, when it is not AWS_REGION. */
  TAILOR_REGION?: string;
  /**
   * `sigv4`: the functions check each request's signature against Tailor-issued keys in the
   * AccessKeys table (docs/auth.md), so API Gateway must not check IAM signatures itself.
   * @default unset - the functions check nothing; API Gateway's IAM authorization guards them
   */
  TAILOR_AUTH?: 'sigv4';
  /**
   * `true` on job tasks in AWS: a job reaches the caller's buckets as the role its roleArn names
   * (the role must trust the job's role), as Personalize does.
   * @default unset - every bucket is reached as the process's own role (the local service)
   */
  TAILOR_ASSUME_CALLER_ROLES?: 'true';
  /**
   * The EventBridge bus that the end of every job is announced on (`default`), where jobs end:
   * the job tasks and the recorder.
   * @default unset - each end is a line in the log (the local service)
   */
  TAILOR_EVENT_BUS?: string;
  /** The Tailor's prefix, in every job event: rules tell two Tailors of one account apart by it. */
  TAILOR_EVENT_PREFIX?: string;
}

/** EventBridge where the environment names a bus; the log elsewhere. */
const jobEventsFromEnv = (env: NodeJS.ProcessEnv, region: string): JobEvents =>
  env.TAILOR_EVENT_BUS
    ? new EventBridgeJobEvents(
        new EventBridgeClient({ region }),
        env.TAILOR_EVENT_BUS,
        env.TAILOR_EVENT_PREFIX ?? '',
      )
    : logJobEvents((line) => console.log(line));

/** The region in ARNs, of the tables, and that requests must be signed for. */
export const regionOf = (env: NodeJS.ProcessEnv): string | undefined =>
  env.TAILOR_REGION || env.AWS_REGION;

/** The AccessKeys table of this deployment, for the signature check. */
export function accessKeyStoreFromEnv(env: NodeJS.ProcessEnv): AccessKeyStore {
  const prefix = env.TAILOR_PREFIX;
  const region = regionOf(env);
  if (!prefix || !region) {
    throw new Error(
      "Tailor's environment is incomplete: TAILOR_PREFIX and AWS_REGION must be set.",
    );
  }
  return new DynamoDbAccessKeyStore(
    new DynamoDBClient({ region }),
    tableName(prefix, ACCESS_KEYS_TABLE),
  );
}

/** Throws one error that names every missing or malformed variable. */
export function contextFromEnv(env: NodeJS.ProcessEnv, jobs: JobLauncher): Context {
  const problems: string[] = [];
  const read = (name: keyof FunctionEnvironment | 'AWS_REGION'): string => {
    const value = env[name];
    if (!value) problems.push(`${name} is not set.`);
    return value ?? '';
  };
  const prefix = read('TAILOR_PREFIX');
  const account = read('TAILOR_ACCOUNT');
  const tokenKey = read('TAILOR_TOKEN_KEY');
  const dataBucket = read('TAILOR_DATA_BUCKET');
  const region = regionOf(env) || read('AWS_REGION');
  if (account && !/^\d{12}$/.test(account)) {
    problems.push(`TAILOR_ACCOUNT must be 12 digits, got "${account}".`);
  }
  if (problems.length > 0) {
    throw new Error(`Tailor's environment is incomplete: ${problems.join(' ')}`);
  }
  const forcePathStyle = Boolean(env.AWS_ENDPOINT_URL_S3);
  return createAwsContext({
    place: { region, account },
    prefix,
    tokenKey,
    dataBucket,
    jobs,
    jobEvents: jobEventsFromEnv(env, region),
    dynamodb: new DynamoDBClient({ region }),
    // s3rver serves buckets by path only; AWS serves both.
    s3: new S3Client({ region, forcePathStyle }),
    ...(env.TAILOR_ASSUME_CALLER_ROLES === 'true'
      ? {
          s3As: (roleArn: string) =>
            new S3Client({
              region,
              forcePathStyle,
              credentials: fromTemporaryCredentials({
                params: { RoleArn: roleArn, RoleSessionName: 'tailor-job' },
                clientConfig: { region },
              }),
            }),
        }
      : {}),
  });
}
