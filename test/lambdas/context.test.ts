import { NO_JOB_RUNNER } from '../../layers/core/store/sfn/job-launcher';
import { contextFromEnv as fromEnv } from '../../layers/core/context/aws-environment';
import { tableEnvironment, tableNames } from '../../layers/core/store/tables';
import { containerContext } from '../../lambdas/shared/context';

const contextFromEnv = (env: NodeJS.ProcessEnv) => fromEnv(env, NO_JOB_RUNNER);

const COMPLETE = {
  ...tableEnvironment(tableNames('tailor')),
  TAILOR_ACCOUNT: '123456789012',
  TAILOR_TOKEN_KEY: 'key',
  TAILOR_DATA_BUCKET: 'bucket',
  AWS_REGION: 'eu-west-1',
};

describe('contextFromEnv', () => {
  it('places ARNs in the Lambda region and the configured account', async () => {
    expect((await contextFromEnv(COMPLETE)).place).toEqual({
      region: 'eu-west-1',
      account: '123456789012',
    });
  });

  it('prefers TAILOR_REGION to AWS_REGION', async () => {
    expect((await contextFromEnv({ ...COMPLETE, TAILOR_REGION: 'us-east-2' })).place.region).toBe(
      'us-east-2',
    );
  });

  it('reaches the caller’s buckets as their roleArn only where jobs assume roles', async () => {
    const role = 'arn:aws:iam::123456789012:role/data';
    const local = await contextFromEnv(COMPLETE);
    expect(local.userObjects(role)).toBe(local.objects);

    const job = await contextFromEnv({ ...COMPLETE, TAILOR_ASSUME_CALLER_ROLES: 'true' });
    expect(job.userObjects(undefined)).toBe(job.objects);
    expect(job.userObjects(role)).not.toBe(job.objects);
    // One store per role, so its credentials are fetched once and refreshed, not per call.
    expect(job.userObjects(role)).toBe(job.userObjects(role));
    expect(job.userObjects(`${role}-other`)).not.toBe(job.userObjects(role));
  });

  it('fails naming every missing variable at once', async () => {
    await expect(contextFromEnv({})).rejects.toThrow(
      'TAILOR_METADATA_TABLE is not set. TAILOR_EVENTS_TABLE is not set. TAILOR_DATASET_RECORDS_TABLE is not set. TAILOR_ACCOUNT is not set. TAILOR_TOKEN_KEY_SECRET is not set. TAILOR_DATA_BUCKET is not set. AWS_REGION is not set.',
    );
  });

  it('fails on an account that is not 12 digits, showing it', async () => {
    await expect(
      contextFromEnv({ ...COMPLETE, TAILOR_ACCOUNT: '${Token[AWS.AccountId]}' }),
    ).rejects.toThrow('TAILOR_ACCOUNT must be 12 digits, got "${Token[AWS.AccountId]}".');
  });
});

describe('containerContext', () => {
  it('builds the context again for the next invocation after a failure, then keeps it', async () => {
    // Prepare
    const env: NodeJS.ProcessEnv = { ...COMPLETE, TAILOR_TOKEN_KEY: undefined };
    const context = containerContext(env, NO_JOB_RUNNER);

    // Act
    const failed = context();
    await failed.catch(() => undefined);
    env.TAILOR_TOKEN_KEY = 'key';
    const built = await context();

    // Assess
    await expect(failed).rejects.toThrow('TAILOR_TOKEN_KEY_SECRET is not set.');
    expect(built.place.account).toBe('123456789012');
    expect(await context()).toBe(built);
  });
});
