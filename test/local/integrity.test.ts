/**
 * Damaged objects in Tailor's bucket (issue 12): noise in a dataset's compact data, a truncated
 * model. Each fails the job or the request with a message that names the object and the repair,
 * never nonsense with status ACTIVE, nor a bare 500.
 */
import {
  CreateBatchInferenceJobCommand,
  CreateCampaignCommand,
  CreateDatasetExportJobCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeBatchInferenceJobCommand,
  DescribeCampaignCommand,
  DescribeDatasetExportJobCommand,
  type BatchInferenceJob,
  type DatasetExportJob,
} from '@aws-sdk/client-personalize';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { open, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import {
  bulkDataLocation,
  modelLocation,
  trainingReportLocation,
} from '../../layers/core/data/locations';
import type { ObjectLocation } from '../../layers/core/store/object-ports';
import { importCsv, putObject, ROLE_ARN } from '../helpers/import';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import { recipeArn } from '../helpers/serving';
import {
  groupWithInteractions,
  trainSolution,
  twoTastesCsv,
  waitForVersion,
} from '../helpers/training';

let service: TestService;
let groupName: string;
let interactionsArn: string;

beforeAll(async () => {
  service = await startTestService();
  const groupArn = await groupWithInteractions(service, twoTastesCsv());
  groupName = groupArn.split('/').pop()!;
  interactionsArn = arnOf('dataset', groupName, 'INTERACTIONS');
}, 60_000);
afterAll(() => service.stop());

/** Where s3rver keeps an object's bytes in the data dir. */
const fileOf = (location: ObjectLocation) =>
  join(service.dataDir, 's3', location.bucket, `${location.key}._S3rver_object`);

/** Noise written over the middle of an object's file, as a failing disk might. */
async function addNoise(location: ObjectLocation, bytes = 4096): Promise<void> {
  const file = fileOf(location);
  const { length } = await readFile(file);
  const handle = await open(file, 'r+');
  await handle.write(Buffer.alloc(bytes, 0x5a), 0, bytes, Math.floor((length - bytes) / 2));
  await handle.close();
}

async function exportInteractions(jobName: string): Promise<DatasetExportJob> {
  const { datasetExportJobArn } = await service.personalize.send(
    new CreateDatasetExportJobCommand({
      jobName,
      datasetArn: interactionsArn,
      ingestionMode: 'BULK',
      roleArn: ROLE_ARN,
      jobOutput: { s3DataDestination: { path: 's3://training/exports/' } },
    }),
  );
  for (;;) {
    const { datasetExportJob } = await service.personalize.send(
      new DescribeDatasetExportJobCommand({ datasetExportJobArn }),
    );
    if (['ACTIVE', 'CREATE FAILED'].includes(datasetExportJob!.status!)) return datasetExportJob!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a dataset whose compact data has 4 KiB of noise', () => {
  let object: string;
  beforeAll(async () => {
    const location = bulkDataLocation(service.context.dataBucket, interactionsArn);
    object = `s3://${location.bucket}/${location.key}`;
    await addNoise(location);
  });

  it('fails an export job naming the object and the repair', async () => {
    const job = await exportInteractions('after-noise');
    expect(job.status).toBe('CREATE FAILED');
    expect(job.failureReason).toBe(
      `${object} (a dataset's imported data) is damaged: its content does not match its SHA-256 checksum. To repair it, import the dataset's data again with a FULL dataset import job; or restore the data dir from a backup (docs/local.md, "Backup and restore").`,
    );
  });

  it('fails training with the same message, not a misleading one about factors', async () => {
    const { version } = await trainSolution(service, {
      name: 'after-noise',
      datasetGroupArn: arnOf('dataset-group', groupName),
      recipeArn: recipeArn('aws-popularity-count'),
    });
    expect(version.status).toBe('CREATE FAILED');
    expect(version.failureReason).toContain(`${object} (a dataset's imported data) is damaged`);
  });

  it('fails an INCREMENTAL import, which would build on it, and a FULL import repairs it', async () => {
    await putObject(service, 'training', 'more.csv', twoTastesCsv(5, 2));
    const incremental = await importCsv(
      service,
      interactionsArn,
      'incremental-on-noise',
      's3://training/more.csv',
      'INCREMENTAL',
    );
    expect(incremental.status).toBe('CREATE FAILED');
    expect(incremental.failureReason).toContain(`${object} (a dataset's imported data) is damaged`);

    await putObject(service, 'training', 'again.csv', twoTastesCsv());
    const full = await importCsv(
      service,
      interactionsArn,
      'full-repair',
      's3://training/again.csv',
    );
    expect(full.status).toBe('ACTIVE');
    expect((await exportInteractions('after-repair')).status).toBe('ACTIVE');
  });

  it('fails an export of data cut short, saying so', async () => {
    const file = fileOf(bulkDataLocation(service.context.dataBucket, interactionsArn));
    await truncate(file, (await readFile(file)).length - 1000);
    const job = await exportInteractions('after-cut');
    expect(job.status).toBe('CREATE FAILED');
    expect(job.failureReason).toMatch(
      /\(a dataset's imported data\) is damaged: it holds \d+ bytes of content where \d+ were written \(truncated or extended\)\. To repair it, import the dataset's data again with a FULL dataset import job/,
    );
    await importCsv(service, interactionsArn, 'full-repair-2', 's3://training/again.csv');
  });
});

describe('a damaged training report', () => {
  it('fails an UPDATE training, which starts from it, naming the report', async () => {
    // Prepare: an iALS version, whose solution may train UPDATE versions.
    const { solutionArn, version } = await trainSolution(service, {
      name: 'report-damaged',
      datasetGroupArn: arnOf('dataset-group', groupName),
      recipeArn: recipeArn('aws-user-personalization'),
      solutionConfig: { algorithmHyperParameters: { algorithm: 'ials' } },
    });
    expect(version.status).toBe('ACTIVE');
    const location = trainingReportLocation(
      service.context.dataBucket,
      version.solutionVersionArn!,
    );
    await addNoise(location, 16);
    // Act
    const { solutionVersionArn } = await service.personalize.send(
      new CreateSolutionVersionCommand({ solutionArn, trainingMode: 'UPDATE' }),
    );
    const updated = await waitForVersion(service, solutionVersionArn!);
    // Assess
    expect(updated.status).toBe('CREATE FAILED');
    expect(updated.failureReason).toBe(
      `s3://${location.bucket}/${location.key} (a solution version's training report) is damaged: its content does not match its SHA-256 checksum. To repair it, train a new solution version (CreateSolutionVersion) and deploy it (UpdateCampaign); or restore the data dir from a backup (docs/local.md, "Backup and restore").`,
    );
  }, 60_000);
});

describe('a truncated model', () => {
  let versionArn: string;
  let object: string;
  beforeAll(async () => {
    const { solutionArn } = await service.personalize.send(
      new CreateSolutionCommand({
        name: 'to-truncate',
        datasetGroupArn: arnOf('dataset-group', groupName),
        recipeArn: recipeArn('aws-popularity-count'),
      }),
    );
    const { solutionVersionArn } = await service.personalize.send(
      new CreateSolutionVersionCommand({ solutionArn }),
    );
    const version = await waitForVersion(service, solutionVersionArn!);
    if (version.status !== 'ACTIVE') throw new Error(version.failureReason);
    versionArn = solutionVersionArn!;
    const location = modelLocation(service.context.dataBucket, versionArn);
    object = `s3://${location.bucket}/${location.key}`;
  }, 60_000);

  const cut = async () => {
    const file = fileOf(modelLocation(service.context.dataBucket, versionArn));
    await truncate(file, (await readFile(file)).length - 64);
  };

  it('is refused by the runtime of a campaign deployed before: a 500 that says what to do', async () => {
    // Prepare: ACTIVE while the model was whole.
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({ name: 'served-then-cut', solutionVersionArn: versionArn }),
    );
    const { campaign } = await service.personalize.send(
      new DescribeCampaignCommand({ campaignArn }),
    );
    expect(campaign!.status).toBe('ACTIVE');
    await cut();
    // Act
    const error = await service.runtime
      .send(new GetRecommendationsCommand({ campaignArn, userId: 'a-user-1' }))
      .catch((caught: unknown) => caught as Error & { $metadata: { httpStatusCode: number } });
    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'InternalFailure',
      $metadata: { httpStatusCode: 500 },
    });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${object.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(a solution version's model\\) is damaged: it holds \\d+ bytes of content where \\d+ were written \\(truncated or extended\\)\\. To repair it, train a new solution version \\(CreateSolutionVersion\\) and deploy it \\(UpdateCampaign\\)`,
      ),
    );
  });

  it('fails a batch inference job on it, naming the model', async () => {
    await putObject(service, 'training', 'users.jsonl', '{"userId": "a-user-1"}\n');
    const { batchInferenceJobArn } = await service.personalize.send(
      new CreateBatchInferenceJobCommand({
        jobName: 'on-cut-model',
        solutionVersionArn: versionArn,
        roleArn: ROLE_ARN,
        jobInput: { s3DataSource: { path: 's3://training/users.jsonl' } },
        jobOutput: { s3DataDestination: { path: 's3://training/batch-out/' } },
      }),
    );
    let job: BatchInferenceJob;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ({ batchInferenceJob: job } = (await service.personalize.send(
        new DescribeBatchInferenceJobCommand({ batchInferenceJobArn }),
      )) as { batchInferenceJob: BatchInferenceJob });
    } while (!['ACTIVE', 'CREATE FAILED'].includes(job.status!));
    expect(job.status).toBe('CREATE FAILED');
    expect(job.failureReason).toContain(`${object} (a solution version's model) is damaged`);
  });

  it('fails a campaign created on it, CREATE FAILED with the reason', async () => {
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({ name: 'created-on-cut', solutionVersionArn: versionArn }),
    );
    const { campaign } = await service.personalize.send(
      new DescribeCampaignCommand({ campaignArn }),
    );
    expect(campaign!.status).toBe('CREATE FAILED');
    expect(campaign!.failureReason).toContain(`${object} (a solution version's model) is damaged`);
  });
});

describe("a campaign's imported data damaged after it was deployed", () => {
  it('fails GetRecommendations with a 500 that names the data and the repair', async () => {
    // Prepare: EASE learns no users, so it scores a user from their imported Interactions.
    const { version } = await trainSolution(service, {
      name: 'served-data',
      datasetGroupArn: arnOf('dataset-group', groupName),
      recipeArn: recipeArn('aws-user-personalization'),
      solutionConfig: { algorithmHyperParameters: { algorithm: 'ease' } },
    });
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({
        name: 'served-data',
        solutionVersionArn: version.solutionVersionArn!,
      }),
    );
    const location = bulkDataLocation(service.context.dataBucket, interactionsArn);
    // Damaged while stopped: a running service may hold the data in memory still.
    await service.stop(true);
    await addNoise(location);
    service = await startTestService(service.dataDir);
    // Act
    const error = await service.runtime
      .send(new GetRecommendationsCommand({ campaignArn, userId: 'a-user-1' }))
      .catch((caught: unknown) => caught as Error & { $metadata: { httpStatusCode: number } });
    // Assess
    expect(error).toMatchObject({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
    expect((error as Error).message).toContain(
      `s3://${location.bucket}/${location.key} (a dataset's imported data) is damaged: its content does not match its SHA-256 checksum. To repair it, import the dataset's data again with a FULL dataset import job`,
    );
  }, 60_000);
});
