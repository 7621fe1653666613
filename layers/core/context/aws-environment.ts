/**
 * The operations' Context from the environment a deployment sets: each Lambda
 * function builds it once, at its first invocation, and so does a job's process
 * (a Fargate task in AWS, a child of the local service), so clients and their
 * connections are reused.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { readFileSync } from 'node:fs';
import type { Context } from './context';
import { logJobEvents, type JobEvents } from '../store/job-events';
import type { JobLauncher } from '../store/job-ports';
import type { AccessKeyStore } from '../store/access-key-ports';
import { parseQuotas } from '../domain/quotas';
import { createAwsContext } from './aws';
import { DynamoDbAccessKeyStore } from '../store/dynamodb/access-key-store';
import { EventBridgeJobEvents } from '../store/eventbridge/job-events';
import { kmsSealer, localSealer } from '../store/secret-sealer';
import { ACCESS_KEYS_TABLE, tableVariable, TABLES, type TableNames } from '../store/tables';

/**
 * What the stack puts in each function's environment (lib/ type-checks against it), besides
 * each table's name (`TAILOR_METADATA_TABLE`, ..., tableVariable). The region comes from
 * Lambda's own AWS_REGION; endpoints from the SDK's own AWS_ENDPOINT_URL (LocalStack) or
 * AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_S3 (the local service's stores).
 */
export interface FunctionEnvironment {
  /** The account in ARNs. */
  TAILOR_ACCOUNT: string;
  /**
   * The Secrets Manager secret whose value keys the HMAC that seals nextTokens, read at run time
   * so that no function's configuration holds it.
   */
  TAILOR_TOKEN_KEY_SECRET?: string;
  /** The key itself, for processes the local service starts; never set by the stack. */
  TAILOR_TOKEN_KEY?: string;
  /** Tailor's own bucket. */
  TAILOR_DATA_BUCKET: string;
  /** The region in ARNs and of the tables, when it is not AWS_REGION. */
  TAILOR_REGION?: string;
  /**
   * `sigv4`: the functions check each request's signature against Tailor-issued keys in the
   * AccessKeys table (docs/auth.md), so API Gateway must not check IAM signatures itself.
   * @default unset - API Gateway's IAM authorization guards the functions
   */
  TAILOR_AUTH?: 'sigv4';
  /** The KMS key that seals the AccessKeys table's secrets (auth `sigv4` only). */
  TAILOR_SECRETS_KEY?: string;
  /**
   * Instead, a file holding a 256-bit key, as the local service keeps in its data dir: for the
   * handlers run outside AWS (tests); never set by the stack.
   */
  TAILOR_SECRETS_KEY_FILE?: string;
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
  /**
   * Quotas changed from Personalize's defaults, as `datasetGroups=50,filtersPerDatasetGroup=30`
   * (docs/quotas.md).
   * @default unset - Personalize's default quotas
   */
  TAILOR_QUOTAS?: string;
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

/** The session tag that names who asked for a job, on every session a job assumes a role in. */
export const CALLER_TAG = 'tailor:caller';

/** The AccessKeys table of this deployment, its secrets opened with the KMS key, for the signature check. */
export function accessKeyStoreFromEnv(env: NodeJS.ProcessEnv): AccessKeyStore {
  const table = env[tableVariable(ACCESS_KEYS_TABLE)];
  const region = regionOf(env);
  const { TAILOR_SECRETS_KEY: kmsKey, TAILOR_SECRETS_KEY_FILE: keyFile } = env;
  if (!table || !region || !(kmsKey || keyFile)) {
    throw new Error(
      `Tailor's environment is incomplete: ${tableVariable(ACCESS_KEYS_TABLE)}, TAILOR_SECRETS_KEY and AWS_REGION must be set.`,
    );
  }
  const sealer = kmsKey ? kmsSealer(kmsKey) : localSealer(readFileSync(keyFile!));
  return new DynamoDbAccessKeyStore(new DynamoDBClient({ region }), table, sealer);
}

/**
 * The key that seals nextTokens: from Secrets Manager in a deployment (fetched once per
 * process, as it never rotates: rotating would break every token clients hold), given directly
 * by the local service.
 */
async function tokenKeyFromEnv(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.TAILOR_TOKEN_KEY) return env.TAILOR_TOKEN_KEY;
  const secret = await getSecret(env.TAILOR_TOKEN_KEY_SECRET!);
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new Error(`The secret ${env.TAILOR_TOKEN_KEY_SECRET} holds no token key.`);
  }
  return secret;
}

/** Throws one error that names every missing or malformed variable. */
export async function contextFromEnv(env: NodeJS.ProcessEnv, jobs: JobLauncher): Promise<Context> {
  const problems: string[] = [];
  const read = (name: string): string => {
    const value = env[name];
    if (!value) problems.push(`${name} is not set.`);
    return value ?? '';
  };
  const tables: TableNames = Object.fromEntries(
    TABLES.filter((table) => table !== ACCESS_KEYS_TABLE).map((table) => [
      table.id,
      read(tableVariable(table)),
    ]),
  );
  const account = read('TAILOR_ACCOUNT');
  if (!env.TAILOR_TOKEN_KEY && !env.TAILOR_TOKEN_KEY_SECRET) {
    problems.push('TAILOR_TOKEN_KEY_SECRET is not set.');
  }
  const dataBucket = read('TAILOR_DATA_BUCKET');
  const region = regionOf(env) || read('AWS_REGION');
  if (account && !/^\d{12}$/.test(account)) {
    problems.push(`TAILOR_ACCOUNT must be 12 digits, got "${account}".`);
  }
  if (problems.length > 0) {
    throw new Error(`Tailor's environment is incomplete: ${problems.join(' ')}`);
  }
  // s3rver and LocalStack serve buckets by path only; AWS serves both.
  const forcePathStyle = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  return createAwsContext({
    place: { region, account },
    tables,
    tokenKey: await tokenKeyFromEnv(env),
    dataBucket,
    jobs,
    jobEvents: jobEventsFromEnv(env, region),
    ...(env.TAILOR_QUOTAS ? { quotas: parseQuotas(env.TAILOR_QUOTAS, 'TAILOR_QUOTAS') } : {}),
    dynamodb: new DynamoDBClient({ region }),
    s3: new S3Client({ region, forcePathStyle }),
    ...(env.TAILOR_ASSUME_CALLER_ROLES === 'true'
      ? {
          s3As: (roleArn: string, requestedBy: string | undefined) =>
            new S3Client({
              region,
              forcePathStyle,
              credentials: fromTemporaryCredentials({
                params: {
                  RoleArn: roleArn,
                  RoleSessionName: 'tailor-job',
                  // The stack allows sts:AssumeRole only with this tag (lib/tailor.ts), so the
                  // role's CloudTrail entries name who asked for the job.
                  Tags: [{ Key: CALLER_TAG, Value: requestedBy ?? 'unknown' }],
                },
                clientConfig: { region },
              }),
            }),
        }
      : {}),
  });
}
