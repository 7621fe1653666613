/**
 * Batch inference jobs through the official client, against the local service and its S3, on
 * the planted two-tastes data: users `a-*` take items `a-*`, users `b-*` items `b-*`. Each
 * answered line must be what the runtime gives the same request.
 */
import {
  CreateBatchInferenceJobCommand,
  CreateCampaignCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateSolutionVersionCommand,
  DescribeBatchInferenceJobCommand,
  InvalidInputException,
  ListBatchInferenceJobsCommand,
  ListTagsForResourceCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type BatchInferenceJob,
  type CreateBatchInferenceJobCommandInput,
} from '@aws-sdk/client-personalize';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import {
  GetPersonalizedRankingCommand,
  GetRecommendationsCommand,
  type PredictedItem,
} from '@aws-sdk/client-personalize-runtime';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { putObject, ROLE_ARN } from '../helpers/import';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import { importTwoTastesItems, trainVersions } from '../helpers/serving';
import { groupWithInteractions, twoTastesCsv } from '../helpers/training';

const BUCKET = 'batch';

let service: TestService;
let trackingId: string;
let genresFilter: string;
let versions: Record<string, string>;
const campaigns: Record<string, string> = {};

beforeAll(async () => {
  service = await startTestService();
  const datasetGroupArn = await groupWithInteractions(service, twoTastesCsv());
  ({ trackingId } = (await service.personalize.send(
    new CreateEventTrackerCommand({ name: 'batch', datasetGroupArn }),
  )) as { trackingId: string });
  await importTwoTastesItems(service, datasetGroupArn, BUCKET, 1_700_000_000);
  ({ filterArn: genresFilter } = (await service.personalize.send(
    new CreateFilterCommand({
      name: 'batch-genres',
      datasetGroupArn,
      filterExpression: 'EXCLUDE ItemID WHERE Items.GENRES IN ($GENRES)',
    }),
  )) as { filterArn: string });
  versions = await trainVersions(service, datasetGroupArn, {
    user: 'aws-user-personalization',
    ranking: 'aws-personalized-ranking',
    related: 'aws-sims',
    popular: 'aws-popularity-count',
  });
  for (const name of ['user', 'ranking', 'related', 'popular']) {
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({
        name,
        solutionVersionArn: versions[name],
        // Exploration draws at random: without it, a job and a campaign give the same lists.
        ...(name === 'user' ? { campaignConfig: NO_EXPLORATION } : {}),
      }),
    );
    campaigns[name] = campaignArn!;
  }
  // A user the model never saw, known by their events alone: the job must read them too.
  await service.events.send(
    new PutEventsCommand({
      trackingId,
      userId: 'newcomer',
      sessionId: 'newcomer-session',
      eventList: ['b-item-3', 'b-item-5'].map((itemId, i) => ({
        eventType: 'click',
        itemId,
        sentAt: new Date(1_700_200_000_000 + i * 1000),
      })),
    }),
  );
}, 180_000);
afterAll(() => service.stop());

const NO_EXPLORATION = { itemExplorationConfig: { explorationWeight: '0' } };

type JobInput = Omit<
  CreateBatchInferenceJobCommandInput,
  'solutionVersionArn' | 'roleArn' | 'jobInput' | 'jobOutput'
> & { version: string; input: string; output?: string };

const request = ({ version, input, output, ...rest }: JobInput) =>
  new CreateBatchInferenceJobCommand({
    solutionVersionArn: versions[version] ?? version,
    roleArn: ROLE_ARN,
    jobInput: { s3DataSource: { path: input } },
    jobOutput: { s3DataDestination: { path: output ?? `s3://${BUCKET}/out/${rest.jobName}/` } },
    ...rest,
  });

async function waitForBatch(batchInferenceJobArn: string): Promise<BatchInferenceJob> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { batchInferenceJob } = await service.personalize.send(
      new DescribeBatchInferenceJobCommand({ batchInferenceJobArn }),
    );
    if (batchInferenceJob!.status === 'ACTIVE' || batchInferenceJob!.status === 'CREATE FAILED') {
      return batchInferenceJob!;
    }
    if (Date.now() > deadline) throw new Error(`${batchInferenceJobArn} is still pending`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Puts the lines at `s3://batch/{key}`, runs the job on them and returns the job. */
async function runJob(input: Omit<JobInput, 'input'>, key: string, lines: string[]) {
  await putObject(service, BUCKET, key, `${lines.join('\n')}\n`);
  const { batchInferenceJobArn } = await service.personalize.send(
    request({ ...input, input: `s3://${BUCKET}/${key}` }),
  );
  return waitForBatch(batchInferenceJobArn!);
}

interface OutputLine {
  input: unknown;
  output: { recommendedItems: string[]; scores?: (number | null)[] } | null;
  error: string | null;
}

async function readOutput(key: string): Promise<OutputLine[]> {
  const object = await service.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  const text = await object.Body!.transformToString();
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as OutputLine);
}

/** The runtime's answer in the batch output's form. */
function asOutput(items: PredictedItem[] | undefined) {
  const recommendedItems = items!.map((item) => item.itemId!);
  const scores = items!.map((item) => item.score ?? null);
  return scores.every((score) => score === null)
    ? { recommendedItems }
    : { recommendedItems, scores };
}

/** Scores travel as JSON numbers both ways; they must agree to float precision. */
function expectSameOutput(actual: OutputLine['output'], expected: ReturnType<typeof asOutput>) {
  expect(actual!.recommendedItems).toEqual(expected.recommendedItems);
  expect(actual!.scores === undefined).toBe(expected.scores === undefined);
  actual!.scores?.forEach((score, i) => {
    const want = expected.scores![i]!;
    if (want === null) expect(score).toBeNull();
    else expect(score).toBeCloseTo(want, 6);
  });
}

const recommend = (campaign: string, input: Record<string, unknown>) =>
  service.runtime.send(
    new GetRecommendationsCommand({ campaignArn: campaigns[campaign], ...input }),
  );

describe('batch inference jobs', () => {
  it('answers each good line as GetRecommendations does, and each bad line with an error', async () => {
    // Prepare
    const lines = [
      '{"userId":"a-user-0"}',
      '{"userId":"b-user-3"}',
      'not json',
      '{"itemId":"a-item-1"}',
      '{"userId":42}',
      '',
      '{"userId":"newcomer"}',
    ];

    // Act
    const job = await runJob(
      { jobName: 'users', version: 'user', batchInferenceJobConfig: NO_EXPLORATION },
      'in/users.json',
      lines,
    );

    // Assess
    expect(job).toMatchObject({
      status: 'ACTIVE',
      jobName: 'users',
      solutionVersionArn: versions.user,
      numResults: 25,
      batchInferenceJobMode: 'BATCH_INFERENCE',
      jobInput: { s3DataSource: { path: `s3://${BUCKET}/in/users.json` } },
      jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/out/users/` } },
      batchInferenceJobConfig: NO_EXPLORATION,
      roleArn: ROLE_ARN,
    });
    expect(job.failureReason).toBeUndefined();
    const output = await readOutput('out/users/users.json.out');
    // The blank line is skipped; every other line is answered, in order.
    expect(output.map((line) => line.input)).toEqual([
      { userId: 'a-user-0' },
      { userId: 'b-user-3' },
      'not json',
      { itemId: 'a-item-1' },
      { userId: 42 },
      { userId: 'newcomer' },
    ]);
    for (const k of [0, 1, 5]) {
      const { userId } = output[k]!.input as { userId: string };
      const { itemList } = await recommend('user', { userId });
      expect(output[k]!.error).toBeNull();
      expect(output[k]!.output!.recommendedItems).toHaveLength(25);
      expectSameOutput(output[k]!.output, asOutput(itemList));
    }
    // The newcomer's clicks on b items put b items first.
    expect(output[5]!.output!.recommendedItems[0]![0]).toBe('b');
    expect(output[2]).toEqual({
      input: 'not json',
      output: null,
      error: expect.stringMatching(/^The line is not JSON: /),
    });
    expect(output[3]).toEqual({
      input: { itemId: 'a-item-1' },
      output: null,
      error:
        "1 validation error detected: Value null at 'userId' failed to satisfy constraint: Member must not be null",
    });
    expect(output[4]).toEqual({
      input: { userId: 42 },
      output: null,
      error: "Expected string at 'userId' but found number",
    });
  });

  it('returns numResults items a line', async () => {
    const job = await runJob(
      {
        jobName: 'five',
        version: 'popular',
        numResults: 5,
        tags: [{ tagKey: 'team', tagValue: 'recs' }],
      },
      'in/popular.json',
      ['{"userId":"anyone"}', '{"userId":"b-user-1"}'],
    );
    expect(job).toMatchObject({ status: 'ACTIVE', numResults: 5 });
    const output = await readOutput('out/five/popular.json.out');
    const { itemList } = await recommend('popular', { userId: 'anyone', numResults: 5 });
    for (const line of output) expectSameOutput(line.output, asOutput(itemList));
  });

  it('keeps the input order, and each line its own answer, over many lines at once', async () => {
    const users = Array.from({ length: 300 }, (_, i) => `${'ab'[i % 2]}-user-${i % 40}`);
    const job = await runJob(
      { jobName: 'many', version: 'user', numResults: 5, batchInferenceJobConfig: NO_EXPLORATION },
      'in/many.json',
      users.map((userId, i) => (i % 50 === 7 ? '{"userId":' : JSON.stringify({ userId }))),
    );
    expect(job.status).toBe('ACTIVE');
    const output = await readOutput('out/many/many.json.out');
    expect(output).toHaveLength(users.length);
    const expected = new Map<string, ReturnType<typeof asOutput>>();
    for (const userId of new Set(users)) {
      expected.set(userId, asOutput((await recommend('user', { userId, numResults: 5 })).itemList));
    }
    output.forEach((line, i) => {
      if (i % 50 === 7) return expect(line.error).toMatch(/^The line is not JSON/);
      expect(line.input).toEqual({ userId: users[i] });
      expectSameOutput(line.output, expected.get(users[i]!)!);
    });
  });

  it('recommends related items for itemId lines, without scores', async () => {
    const job = await runJob(
      { jobName: 'related', version: 'related', numResults: 10 },
      'in/items.json',
      ['{"itemId":"a-item-1"}', '{"itemId":"b-item-4"}', '{"userId":"a-user-1"}'],
    );
    expect(job.status).toBe('ACTIVE');
    const output = await readOutput('out/related/items.json.out');
    for (const itemId of ['a-item-1', 'b-item-4']) {
      const line = output.find(
        (answered) => (answered.input as { itemId?: string }).itemId === itemId,
      )!;
      const { itemList } = await recommend('related', { itemId, numResults: 10 });
      expect(line.output!.scores).toBeUndefined();
      expect(line.output!.recommendedItems.every((id) => id[0] === itemId[0])).toBe(true);
      expectSameOutput(line.output, asOutput(itemList));
    }
    expect(output[2]!.error).toMatch(/Value null at 'itemId'/);
  });

  it('ranks each line’s itemList for its user as GetPersonalizedRanking does', async () => {
    const itemList = ['b-item-1', 'a-item-1', 'not-an-item', 'a-item-2', 'b-item-2'];
    const job = await runJob({ jobName: 'ranking', version: 'ranking' }, 'in/ranking.json', [
      JSON.stringify({ userId: 'a-user-1', itemList }),
      '{"userId":"a-user-1"}',
      JSON.stringify({ userId: 'a-user-1', itemList: [] }),
    ]);
    expect(job.status).toBe('ACTIVE');
    const output = await readOutput('out/ranking/ranking.json.out');
    const { personalizedRanking } = await service.runtime.send(
      new GetPersonalizedRankingCommand({
        campaignArn: campaigns.ranking,
        userId: 'a-user-1',
        inputList: itemList,
      }),
    );
    expectSameOutput(output[0]!.output, asOutput(personalizedRanking));
    expect(output[0]!.output!.recommendedItems.slice(0, 2).sort()).toEqual([
      'a-item-1',
      'a-item-2',
    ]);
    // The unknown item goes last, without a score.
    expect(output[0]!.output!.scores![4]).toBeNull();
    expect(output[1]!.error).toMatch(/Value null at 'itemList'/);
    expect(output[2]!.error).toMatch(
      /at 'itemList' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    );
  });

  it('applies the filter with each line’s filterValues', async () => {
    const genres = { GENRES: '"b-taste"' };
    const job = await runJob(
      {
        jobName: 'filtered',
        version: 'user',
        filterArn: genresFilter,
        numResults: 10,
        batchInferenceJobConfig: NO_EXPLORATION,
      },
      'in/filtered.json',
      [
        JSON.stringify({ userId: 'b-user-2', filterValues: genres }),
        // Without values, an EXCLUDE filter is dropped.
        '{"userId":"b-user-2"}',
        JSON.stringify({ userId: 'b-user-2', filterValues: 'GENRES' }),
      ],
    );
    expect(job).toMatchObject({ status: 'ACTIVE', filterArn: genresFilter });
    const output = await readOutput('out/filtered/filtered.json.out');
    const filtered = await recommend('user', {
      userId: 'b-user-2',
      numResults: 10,
      filterArn: genresFilter,
      filterValues: genres,
    });
    expectSameOutput(output[0]!.output, asOutput(filtered.itemList));
    expect(output[0]!.output!.recommendedItems.every((id) => id[0] === 'a')).toBe(true);
    const unfiltered = await recommend('user', { userId: 'b-user-2', numResults: 10 });
    expectSameOutput(output[1]!.output, asOutput(unfiltered.itemList));
    expect(output[2]!.error).toMatch(/^Expected \w+ at 'filterValues' but found string$/);
  });

  it('reads every file under a folder and writes one output file each', async () => {
    await putObject(service, BUCKET, 'folder/part-1.json', '{"userId":"a-user-3"}\n');
    await putObject(service, BUCKET, 'folder/more/part-2.json', '{"userId":"b-user-4"}');
    const { batchInferenceJobArn } = await service.personalize.send(
      request({
        jobName: 'folder',
        version: 'popular',
        numResults: 3,
        input: `s3://${BUCKET}/folder/`,
        output: `s3://${BUCKET}/folder-out`,
      }),
    );
    expect((await waitForBatch(batchInferenceJobArn!)).status).toBe('ACTIVE');
    const listing = await service.s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'folder-out/' }),
    );
    expect(listing.Contents!.map((object) => object.Key)).toEqual([
      'folder-out/more/part-2.json.out',
      'folder-out/part-1.json.out',
    ]);
    const [line] = await readOutput('folder-out/more/part-2.json.out');
    expect(line).toMatchObject({ input: { userId: 'b-user-4' }, error: null });
    expect(line!.output!.recommendedItems).toHaveLength(3);
  });

  it('fails naming the path when there is no input there', async () => {
    const missing = await service.personalize.send(
      request({ jobName: 'missing', version: 'user', input: `s3://${BUCKET}/in/nothing.json` }),
    );
    expect(await waitForBatch(missing.batchInferenceJobArn!)).toMatchObject({
      status: 'CREATE FAILED',
      failureReason: expect.stringContaining(
        `The input s3://${BUCKET}/in/nothing.json does not exist`,
      ),
    });
    const empty = await service.personalize.send(
      request({ jobName: 'empty-folder', version: 'user', input: `s3://${BUCKET}/nothing/` }),
    );
    expect(await waitForBatch(empty.batchInferenceJobArn!)).toMatchObject({
      status: 'CREATE FAILED',
      failureReason: `There is no file under s3://${BUCKET}/nothing/.`,
    });
  });

  it('rejects invalid requests with the exception and message Personalize would give', async () => {
    const base = { jobName: 'invalid', version: 'user', input: `s3://${BUCKET}/in/users.json` };
    const create = (input: Partial<JobInput>) =>
      service.personalize.send(request({ ...base, ...input }));

    await expect(create({ input: '/tmp/users.json', output: 'out/' })).rejects.toMatchObject({
      name: 'InvalidInputException',
      message:
        "2 validation errors detected: Value '/tmp/users.json' at 'jobInput.s3DataSource.path' failed to satisfy constraint: Member must satisfy regular expression pattern: (s3|http|https)://.+; Value 'out/' at 'jobOutput.s3DataDestination.path' failed to satisfy constraint: Member must satisfy regular expression pattern: (s3|http|https)://.+",
    });
    // The model's pattern takes http(s) URLs, which Tailor cannot read.
    await expect(
      create({ input: 'https://example.com/users.json', output: 'http://example.com/out/' }),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
      message:
        'jobInput.s3DataSource.path must be an S3 URL such as s3://bucket/input.json or s3://bucket/folder/, got "https://example.com/users.json"; jobOutput.s3DataDestination.path must be an S3 URL such as s3://bucket/folder/, got "http://example.com/out/".',
    });
    await expect(create({ numResults: 501 })).rejects.toThrow(
      "1 validation error detected: Value 501 at 'numResults' failed to satisfy constraint: Member must have value less than or equal to 500",
    );
    await expect(create({ jobName: 'bad name!' })).rejects.toThrow(InvalidInputException);
    await expect(
      service.personalize.send(
        new CreateBatchInferenceJobCommand({
          jobName: 'no-role',
          solutionVersionArn: versions.user,
          jobInput: { s3DataSource: { path: base.input } },
          jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/out/` } },
        } as CreateBatchInferenceJobCommandInput),
      ),
    ).rejects.toThrow(
      "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
    await expect(create({ batchInferenceJobMode: 'THEME_GENERATION' })).rejects.toThrow(
      /batchInferenceJobMode BATCH_INFERENCE only/,
    );
    await expect(
      create({ version: 'related', batchInferenceJobConfig: NO_EXPLORATION }),
    ).rejects.toThrow(
      'itemExplorationConfig applies to solutions of aws-user-personalization; this one uses aws-sims.',
    );

    const ghostVersion = arnOf('solution', 'ghost', 'abcd1234');
    await expect(create({ version: ghostVersion })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Could not find solution version with ARN ${ghostVersion}.`,
    });
    const ghostFilter = arnOf('filter', 'ghost');
    await expect(create({ filterArn: ghostFilter })).rejects.toThrow(ResourceNotFoundException);

    // A version still training: the job would have no model to run.
    const { solutionVersionArn } = await service.personalize.send(
      new CreateSolutionVersionCommand({ solutionArn: arnOf('solution', 'popular') }),
    );
    await expect(create({ version: solutionVersionArn! })).rejects.toThrow(ResourceInUseException);
    await expect(create({ version: solutionVersionArn! })).rejects.toThrow(
      /only an ACTIVE version/,
    );

    await expect(create({ jobName: 'users' })).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: `A batch inference job with ARN ${arnOf('batch-inference-job', 'users')} already exists.`,
    });
  });

  it('describes, lists by solution version, pages and tags', async () => {
    const { batchInferenceJobs } = await service.personalize.send(
      new ListBatchInferenceJobsCommand({ solutionVersionArn: versions.user }),
    );
    // Newest first, each a summary of its job.
    expect(batchInferenceJobs!.map((job) => job.jobName)).toEqual([
      'empty-folder',
      'missing',
      'filtered',
      'many',
      'users',
    ]);
    expect(batchInferenceJobs![1]).toMatchObject({
      batchInferenceJobArn: arnOf('batch-inference-job', 'missing'),
      status: 'CREATE FAILED',
      failureReason: expect.stringContaining('does not exist'),
      solutionVersionArn: versions.user,
      batchInferenceJobMode: 'BATCH_INFERENCE',
    });
    expect(batchInferenceJobs![4]!.creationDateTime).toBeInstanceOf(Date);

    const first = await service.personalize.send(
      new ListBatchInferenceJobsCommand({ solutionVersionArn: versions.user, maxResults: 3 }),
    );
    expect(first.batchInferenceJobs).toHaveLength(3);
    expect(first.nextToken).toBeDefined();
    const second = await service.personalize.send(
      new ListBatchInferenceJobsCommand({
        solutionVersionArn: versions.user,
        maxResults: 3,
        nextToken: first.nextToken,
      }),
    );
    expect(second.batchInferenceJobs!.map((job) => job.jobName)).toEqual(['many', 'users']);
    expect(second.nextToken).toBeUndefined();

    const { tags } = await service.personalize.send(
      new ListTagsForResourceCommand({ resourceArn: arnOf('batch-inference-job', 'five') }),
    );
    expect(tags).toEqual([{ tagKey: 'team', tagValue: 'recs' }]);

    const all = await service.personalize.send(new ListBatchInferenceJobsCommand({}));
    expect(all.batchInferenceJobs!.length).toBeGreaterThanOrEqual(9);

    await expect(
      service.personalize.send(
        new DescribeBatchInferenceJobCommand({
          batchInferenceJobArn: arnOf('batch-inference-job', 'ghost'),
        }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
  });
});
