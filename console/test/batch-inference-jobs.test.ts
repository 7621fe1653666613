/** The batch inference form's request, as CreateBatchInferenceJob takes it. */
import { describe, expect, it } from 'vitest';
import { batchJobRequest, type BatchJobForm } from '../src/pages/batch-inference-jobs';

const FORM: BatchJobForm = {
  jobName: 'nightly',
  solutionVersionArn: 'arn:aws:personalize:us-east-1:1:solution/personal/abc',
  input: 's3://batch/users.json',
  output: 's3://batch/out/',
  roleArn: 'arn:aws:iam::123456789012:role/PersonalizeS3',
  filterArn: '',
};

describe('batchJobRequest', () => {
  it('puts the paths where the API reads them and leaves out a filter not chosen', () => {
    expect(batchJobRequest(FORM)).toEqual({
      jobName: 'nightly',
      solutionVersionArn: FORM.solutionVersionArn,
      jobInput: { s3DataSource: { path: 's3://batch/users.json' } },
      jobOutput: { s3DataDestination: { path: 's3://batch/out/' } },
      roleArn: FORM.roleArn,
    });
  });

  it('names the filter when one is chosen', () => {
    const filterArn = 'arn:aws:personalize:us-east-1:1:filter/unseen';

    expect(batchJobRequest({ ...FORM, filterArn }).filterArn).toBe(filterArn);
  });
});
