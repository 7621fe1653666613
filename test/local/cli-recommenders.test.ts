/**
 * A domain dataset group walked from import to recommendations with the AWS CLI v2 against
 * `npm start`: the schema, dataset, import, recommender and GetRecommendations as a user of the
 * CLI would run them.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AWS_CLI, awsCli, haveAwsCli, succeeded } from '../helpers/aws-cli';
import { startLocal, type RunningService } from '../helpers/process';
import { INTERACTIONS_SCHEMA } from '../helpers/schemas';
import { twoTastesCsv } from '../helpers/training';

const OPERATIONS = ['create-recommender', 'describe-recommender', 'list-recommenders'];

if (!haveAwsCli) {
  console.warn(
    `Skipping the AWS CLI recommender walk: ${AWS_CLI} is missing (install Debian's awscli package).`,
  );
}
const describeWithCli = haveAwsCli ? describe : describe.skip;

describeWithCli('a domain dataset group through the AWS CLI', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startLocal();
  });
  afterAll(() => service.stop());

  const aws = (...args: string[]) => awsCli(service, ...args);

  const run = async <T>(...args: string[]) => succeeded<T>(await aws(...args));

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('imports VIDEO_ON_DEMAND interactions and serves top picks', async () => {
    const help = await aws('personalize', 'help');
    const lacking = OPERATIONS.filter((op) => !help.stdout.includes(op));
    if (lacking.length > 0) {
      console.warn(`Skipping: this AWS CLI's model lacks ${lacking.join(', ')}.`);
      return;
    }
    const s3 = new S3Client({
      endpoint: service.s3Endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'anything', secretAccessKey: 'whatever' },
      forcePathStyle: true,
      maxAttempts: 1,
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'vod' }));
    const csv = twoTastesCsv().replace(/,click,/g, ',Watch,');
    await s3.send(new PutObjectCommand({ Bucket: 'vod', Key: 'watched.csv', Body: csv }));
    s3.destroy();
    const schemaFile = join(service.dataDir, 'interactions.json');
    await writeFile(schemaFile, INTERACTIONS_SCHEMA);

    const { datasetGroupArn } = await run<{ datasetGroupArn: string }>(
      'personalize',
      'create-dataset-group',
      '--name',
      'vod',
      '--domain',
      'VIDEO_ON_DEMAND',
    );
    const { schemaArn } = await run<{ schemaArn: string }>(
      'personalize',
      'create-schema',
      '--name',
      'vod-interactions',
      '--domain',
      'VIDEO_ON_DEMAND',
      '--schema',
      `file://${schemaFile}`,
    );
    const { datasetArn } = await run<{ datasetArn: string }>(
      'personalize',
      'create-dataset',
      '--name',
      'vod-interactions',
      '--dataset-group-arn',
      datasetGroupArn,
      '--schema-arn',
      schemaArn,
      '--dataset-type',
      'Interactions',
    );
    const { datasetImportJobArn } = await run<{ datasetImportJobArn: string }>(
      'personalize',
      'create-dataset-import-job',
      '--job-name',
      'vod-import',
      '--dataset-arn',
      datasetArn,
      '--data-source',
      'dataLocation=s3://vod/watched.csv',
      '--role-arn',
      'arn:aws:iam::000000000000:role/PersonalizeS3',
    );
    const imported = await until(
      () =>
        run<{ datasetImportJob: { status: string } }>(
          'personalize',
          'describe-dataset-import-job',
          '--dataset-import-job-arn',
          datasetImportJobArn,
        ),
      ({ datasetImportJob }) => ['ACTIVE', 'CREATE FAILED'].includes(datasetImportJob.status),
    );
    expect(imported.datasetImportJob.status).toBe('ACTIVE');

    const { recipes } = await run<{ recipes: { name: string }[] }>(
      'personalize',
      'list-recipes',
      '--domain',
      'VIDEO_ON_DEMAND',
    );
    expect(recipes.map((r) => r.name)).toContain('aws-vod-top-picks');
    const { recommenderArn } = await run<{ recommenderArn: string }>(
      'personalize',
      'create-recommender',
      '--name',
      'vod-top-picks',
      '--dataset-group-arn',
      datasetGroupArn,
      '--recipe-arn',
      'arn:aws:personalize:::recipe/aws-vod-top-picks',
    );
    const described = await until(
      () =>
        run<{ recommender: { status: string; failureReason?: string } }>(
          'personalize',
          'describe-recommender',
          '--recommender-arn',
          recommenderArn,
        ),
      ({ recommender }) => ['ACTIVE', 'CREATE FAILED'].includes(recommender.status),
    );
    expect(described.recommender).toMatchObject({ status: 'ACTIVE' });
    const listed = await run<{ recommenders: { recommenderArn: string }[] }>(
      'personalize',
      'list-recommenders',
      '--dataset-group-arn',
      datasetGroupArn,
    );
    expect(listed.recommenders.map((r) => r.recommenderArn)).toEqual([recommenderArn]);

    const { itemList } = await run<{ itemList: { itemId: string; reason?: string[] }[] }>(
      'personalize-runtime',
      'get-recommendations',
      '--recommender-arn',
      recommenderArn,
      '--user-id',
      'a-user-0',
      '--num-results',
      '10',
    );
    // The user's taste first, leaving out the videos they watched, as Personalize's top picks do.
    const learned = itemList.filter((item) => !item.reason?.includes('Exploration'));
    expect(learned.length).toBeGreaterThan(3);
    expect(learned.slice(0, 3).every((item) => item.itemId.startsWith('a-'))).toBe(true);
    const watched = csv
      .split('\n')
      .filter((line) => line.startsWith('a-user-0,'))
      .map((line) => line.split(',')[1]);
    expect(itemList.filter((item) => watched.includes(item.itemId))).toEqual([]);
  }, 240_000);
});
