/**
 * The create-job requests' shared check (operations/job-request.ts) through the wire's dispatch on
 * the in-memory stores: the role first, then every unusable location in one InvalidInputException,
 * in the same words for the four jobs (test/api/data-locations.test.ts holds them on dynalite).
 */
import { failure, memoryApi, arnOf, type MemoryApi } from '../../helpers/memory-api';

const ROLE_ARN = 'arn:aws:iam::000000000000:role/PersonalizeS3';

const jobs = {
  CreateDatasetImportJob: (api: MemoryApi, dataLocation: string) =>
    api.call('CreateDatasetImportJob', {
      jobName: 'checked-import',
      datasetArn: arnOf('dataset', 'none', 'INTERACTIONS'),
      dataSource: { dataLocation },
      roleArn: ROLE_ARN,
    }),
  CreateDataDeletionJob: (api: MemoryApi, dataLocation: string) =>
    api.call('CreateDataDeletionJob', {
      jobName: 'checked-deletion',
      datasetGroupArn: arnOf('dataset-group', 'none'),
      dataSource: { dataLocation },
      roleArn: ROLE_ARN,
    }),
  CreateDatasetExportJob: (api: MemoryApi, path: string) =>
    api.call('CreateDatasetExportJob', {
      jobName: 'checked-export',
      datasetArn: arnOf('dataset', 'none', 'INTERACTIONS'),
      jobOutput: { s3DataDestination: { path } },
      roleArn: ROLE_ARN,
    }),
};

const batch = (api: MemoryApi, input: string, output: string, fields: object = {}) =>
  api.call('CreateBatchInferenceJob', {
    jobName: 'checked-batch',
    solutionVersionArn: arnOf('solution', 'none', '1'),
    jobInput: { s3DataSource: { path: input } },
    jobOutput: { s3DataDestination: { path: output } },
    roleArn: ROLE_ARN,
    ...fields,
  });

describe('a create-job request', () => {
  it.each([
    [
      'CreateDatasetImportJob',
      'dataSource.dataLocation',
      's3://bucket/file.csv or s3://bucket/folder/',
    ],
    [
      'CreateDataDeletionJob',
      'dataSource.dataLocation',
      's3://bucket/file.csv or s3://bucket/folder/',
    ],
    ['CreateDatasetExportJob', 'jobOutput.s3DataDestination.path', 's3://bucket/folder/'],
  ] as const)(
    '%s fails a location that is no S3 URL, naming the member and an example',
    async (job, member, example) => {
      const error = await failure(jobs[job](memoryApi(), 'https://example.com/users.csv'));
      expect(error.name).toBe('InvalidInputException');
      expect(error.message).toBe(
        `${member} must be an S3 URL such as ${example}, got "https://example.com/users.csv".`,
      );
    },
  );

  it("fails Tailor's own bucket before looking for the resource it names", async () => {
    const api = memoryApi();
    const error = await failure(
      jobs.CreateDatasetImportJob(api, `s3://${api.ctx.dataBucket}/x.csv`),
    );
    expect(error.message).toBe(
      `dataSource.dataLocation names ${api.ctx.dataBucket}, the bucket where Tailor keeps its stored datasets and models, which jobs may not read or write: use a bucket of your own.`,
    );
  });

  it("names a batch job's input, output and mode problems in one refusal, in that order", async () => {
    const error = await failure(
      batch(memoryApi(), 's3://my-data/in\u0000.json', 'https://my-data/out/', {
        batchInferenceJobMode: 'THEME_GENERATION',
      }),
    );
    expect(error.message).toBe(
      'jobInput.s3DataSource.path must not contain control characters; it has U+0000 at position 15; jobOutput.s3DataDestination.path must be an S3 URL such as s3://bucket/folder/, got "https://my-data/out/"; Tailor runs batchInferenceJobMode BATCH_INFERENCE only: theme generation (THEME_GENERATION, themeGenerationConfig) is not available.',
    );
  });

  it('fails a role the caller may not pass before its locations', async () => {
    const api = memoryApi();
    api.ctx.caller = { id: 'TKEYNOROLES', mayPass: async () => false };
    const error = await failure(jobs.CreateDatasetExportJob(api, 'https://example.com/out/'));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toBe(
      `User: TKEYNOROLES is not authorized to perform: iam:PassRole on resource: ${ROLE_ARN}`,
    );
  });
});
