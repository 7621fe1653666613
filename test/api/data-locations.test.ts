/**
 * The S3 locations jobs read and write are checked when the job is asked for (issue 12): a
 * control character or Tailor's own bucket is an InvalidInputException then, not a job that
 * fails later with an internal error.
 */
import {
  CreateBatchInferenceJobCommand,
  CreateDataDeletionJobCommand,
  CreateDatasetExportJobCommand,
  CreateDatasetImportJobCommand,
  InvalidInputException,
} from '@aws-sdk/client-personalize';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

const ROLE = 'arn:aws:iam::000000000000:role/any';
const OWN_BUCKET = 'tailor-data';
const OWN_BUCKET_REASON = `names ${OWN_BUCKET}, the bucket where Tailor keeps its stored datasets and models, which jobs may not read or write: use a bucket of your own.`;

const importFrom = (dataLocation: string) =>
  service.personalize.send(
    new CreateDatasetImportJobCommand({
      jobName: 'located-import',
      datasetArn: arnOf('dataset', 'none', 'INTERACTIONS'),
      dataSource: { dataLocation },
      roleArn: ROLE,
    }),
  );

const exportTo = (path: string) =>
  service.personalize.send(
    new CreateDatasetExportJobCommand({
      jobName: 'located-export',
      datasetArn: arnOf('dataset', 'none', 'INTERACTIONS'),
      jobOutput: { s3DataDestination: { path } },
      roleArn: ROLE,
    }),
  );

const deleteFrom = (dataLocation: string) =>
  service.personalize.send(
    new CreateDataDeletionJobCommand({
      jobName: 'located-deletion',
      datasetGroupArn: arnOf('dataset-group', 'none'),
      dataSource: { dataLocation },
      roleArn: ROLE,
    }),
  );

const batch = (inputPath: string, outputPath: string) =>
  service.personalize.send(
    new CreateBatchInferenceJobCommand({
      jobName: 'located-batch',
      solutionVersionArn: arnOf('solution', 'none', '1'),
      jobInput: { s3DataSource: { path: inputPath } },
      jobOutput: { s3DataDestination: { path: outputPath } },
      roleArn: ROLE,
    }),
  );

async function refusal(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(InvalidInputException);
  return (error as Error).message;
}

describe('a data location with a control character', () => {
  it('refuses a NUL in an import location, naming where it is', async () => {
    expect(await refusal(importFrom('s3://my-data/a\u0000.csv'))).toBe(
      'dataSource.dataLocation must not contain control characters; it has U+0000 at position 14.',
    );
  });

  it('refuses an escape character in an export path', async () => {
    expect(await refusal(exportTo('s3://my-data/out\u001b/'))).toBe(
      'jobOutput.s3DataDestination.path must not contain control characters; it has U+001B at position 16.',
    );
  });

  it('refuses a DEL in a data deletion location', async () => {
    expect(await refusal(deleteFrom('s3://my-data/\u007f'))).toBe(
      'dataSource.dataLocation must not contain control characters; it has U+007F at position 13.',
    );
  });

  it("refuses a line break by the model's pattern, as AWS does", async () => {
    expect(await refusal(importFrom('s3://my-data/a\nb.csv'))).toBe(
      "1 validation error detected: Value 's3://my-data/a\nb.csv' at 'dataSource.dataLocation' failed to satisfy constraint: Member must satisfy regular expression pattern: (s3|http|https)://.+",
    );
  });

  it('names both batch inference paths when both are bad', async () => {
    expect(await refusal(batch('s3://my-data/in\u0000.json', 'ftp://my-data/out/'))).toBe(
      "1 validation error detected: Value 'ftp://my-data/out/' at 'jobOutput.s3DataDestination.path' failed to satisfy constraint: Member must satisfy regular expression pattern: (s3|http|https)://.+",
    );
    expect(await refusal(batch('s3://my-data/in\u0000.json', 'https://my-data/out/'))).toBe(
      'jobInput.s3DataSource.path must not contain control characters; it has U+0000 at position 15; jobOutput.s3DataDestination.path must be an S3 URL such as s3://bucket/folder/, got "https://my-data/out/".',
    );
  });
});

describe("Tailor's own bucket", () => {
  it('is no import source', async () => {
    expect(await refusal(importFrom(`s3://${OWN_BUCKET}/dataset/g/ITEMS/bulk.tlrd`))).toBe(
      `dataSource.dataLocation ${OWN_BUCKET_REASON}`,
    );
  });

  it('is no export destination', async () => {
    expect(await refusal(exportTo(`s3://${OWN_BUCKET}/`))).toBe(
      `jobOutput.s3DataDestination.path ${OWN_BUCKET_REASON}`,
    );
  });

  it('is no data deletion source', async () => {
    expect(await refusal(deleteFrom(`s3://${OWN_BUCKET}/users.csv`))).toBe(
      `dataSource.dataLocation ${OWN_BUCKET_REASON}`,
    );
  });

  it('is neither input nor output of a batch inference job', async () => {
    expect(await refusal(batch(`s3://${OWN_BUCKET}/solution/`, 's3://my-data/out/'))).toBe(
      `jobInput.s3DataSource.path ${OWN_BUCKET_REASON}`,
    );
    expect(await refusal(batch('s3://my-data/in.json', `s3://${OWN_BUCKET}/solution/`))).toBe(
      `jobOutput.s3DataDestination.path ${OWN_BUCKET_REASON}`,
    );
  });
});
