/** Starts the local service on free ports and a temporary data dir, with official clients for it. */
import { CreateDatasetGroupCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalService, type LocalOptions, type LocalService } from '../../bin/local-service';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';
export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface TestService extends LocalService {
  dataDir: string;
  personalize: PersonalizeClient;
  events: PersonalizeEventsClient;
  runtime: PersonalizeRuntimeClient;
  /** For the user's own data, as a user would put it in the local S3. */
  s3: S3Client;
  /** What job processes printed, kept out of the test output. */
  jobLog: string[];
  /** Stops the service; the data dir is kept when `keepData` is set, for a restart. */
  stop(keepData?: boolean): Promise<void>;
}

/**
 * Tests make a dataset group per case, many more than the account's default of 5; the quota
 * tests (test/api/quotas.test.ts) pass their own quotas.
 */
const TEST_QUOTAS: LocalOptions['quotas'] = { datasetGroups: 1000 };

export async function startTestService(
  dataDir?: string,
  options: Pick<LocalOptions, 'auth' | 'jobEntry' | 'quotas' | 'scheduledTraining'> = {},
): Promise<TestService> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'tailor-test-')));
  const jobLog: string[] = [];
  const service = await startLocalService({
    log: (line) => jobLog.push(line),
    host: '127.0.0.1',
    port: 0,
    s3Port: 0,
    dataDir: dir,
    region: REGION,
    account: ACCOUNT,
    auth: options.auth,
    jobEntry: options.jobEntry,
    quotas: options.quotas ?? TEST_QUOTAS,
    scheduledTraining: options.scheduledTraining,
  });
  const personalize = new PersonalizeClient({
    endpoint: service.endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  const events = new PersonalizeEventsClient({
    endpoint: service.endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  const runtime = new PersonalizeRuntimeClient({
    endpoint: service.endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  const s3 = new S3Client({
    endpoint: service.s3Endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    forcePathStyle: true,
  });
  return {
    ...service,
    dataDir: dir,
    jobLog,
    personalize,
    events,
    runtime,
    s3,
    async stop(keepData = false) {
      personalize.destroy();
      events.destroy();
      runtime.destroy();
      s3.destroy();
      await service.close();
      if (!keepData) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A new dataset group; returns its ARN. */
export const createGroup = async (service: TestService, name: string): Promise<string> =>
  (await service.personalize.send(new CreateDatasetGroupCommand({ name }))).datasetGroupArn!;

export const arnOf = (kind: string, ...path: string[]): string =>
  `arn:aws:personalize:${REGION}:${ACCOUNT}:${kind}/${path.join('/')}`;
