import { NO_JOB_RUNNER } from '../../layers/core/store/sfn/job-launcher';
import { contextFromEnv as fromEnv } from '../../layers/core/store/aws-environment';

const contextFromEnv = (env: NodeJS.ProcessEnv) => fromEnv(env, NO_JOB_RUNNER);

const COMPLETE = {
  TAILOR_PREFIX: 'tailor',
  TAILOR_ACCOUNT: '123456789012',
  TAILOR_TOKEN_KEY: 'key',
  TAILOR_DATA_BUCKET: 'bucket',
  AWS_REGION: 'eu-west-1',
};

describe('contextFromEnv', () => {
  it('places ARNs in the Lambda region and the configured account', () => {
    expect(contextFromEnv(COMPLETE).place).toEqual({
      region: 'eu-west-1',
      account: '123456789012',
    });
  });

  it('prefers TAILOR_REGION to AWS_REGION', () => {
    expect(contextFromEnv({ ...COMPLETE, TAILOR_REGION: 'us-east-2' }).place.region).toBe(
      'us-east-2',
    );
  });

  it('reaches the caller’s buckets as their roleArn only where jobs assume roles', () => {
    const role = 'arn:aws:iam::123456789012:role/data';
    const local = contextFromEnv(COMPLETE);
    expect(local.userObjects(role)).toBe(local.objects);

    const job = contextFromEnv({ ...COMPLETE, TAILOR_ASSUME_CALLER_ROLES: 'true' });
    expect(job.userObjects(undefined)).toBe(job.objects);
    expect(job.userObjects(role)).not.toBe(job.objects);
    // One store per role, so its credentials are fetched once and refreshed, not per call.
    expect(job.userObjects(role)).toBe(job.userObjects(role));
    expect(job.userObjects(`${role}-other`)).not.toBe(job.userObjects(role));
  });

  it('fails naming every missing variable at once', () => {
    expect(() => contextFromEnv({})).toThrow(
      'TAILOR_PREFIX is not set. TAILOR_ACCOUNT is not set. TAILOR_TOKEN_KEY is not set. TAILOR_DATA_BUCKET is not set. AWS_REGION is not set.',
    );
  });

  it('fails on an account that is not 12 digits, showing it', () => {
    expect(() =>
      contextFromEnv({ ...COMPLETE, TAILOR_ACCOUNT: '${Token[AWS.AccountId]}' }),
    ).toThrow('TAILOR_ACCOUNT must be 12 digits, got "${Token[AWS.AccountId]}".');
  });
});
