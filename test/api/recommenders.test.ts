/**
 * Recommenders of domain dataset groups through the official control and runtime clients: each
 * operation, each invalid input, and domain groups walked from import to recommendations.
 */
import {
  CreateBatchInferenceJobCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateRecommenderCommand,
  DeleteDatasetGroupCommand,
  DeleteRecommenderCommand,
  DescribeRecipeCommand,
  DescribeRecommenderCommand,
  InvalidInputException,
  ListRecipesCommand,
  ListRecommendersCommand,
  ListTagsForResourceCommand,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
  StartRecommenderCommand,
  StopRecommenderCommand,
  UpdateRecommenderCommand,
  type Recommender,
} from '@aws-sdk/client-personalize';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import {
  GetPersonalizedRankingCommand,
  GetRecommendationsCommand,
  InvalidInputException as RuntimeInvalidInput,
} from '@aws-sdk/client-personalize-runtime';
import { putObject, ROLE_ARN } from '../helpers/import';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import { genresOf, ids, importTwoTastesItems, recipeArn, tasteOf } from '../helpers/serving';
import { groupWithInteractions, twoTastesCsv } from '../helpers/training';
import { eventually } from '../helpers/eventually';

let service: TestService;

const refusal = (): Error => {
  throw new Error('expected the request to be refused');
};
let vodGroup: string;
let ecommGroup: string;
let topPicks: string;
let alsoViewed: string;

/** The planted two tastes, every interaction an event of `eventType`. */
const tastesAs = (eventType: string) => twoTastesCsv().replace(/,click,/g, `,${eventType},`);

async function waitForRecommender(recommenderArn: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { recommender } = await service.personalize.send(
      new DescribeRecommenderCommand({ recommenderArn }),
    );
    if (!['CREATE PENDING', 'CREATE IN_PROGRESS'].includes(recommender!.status!)) {
      return recommender!;
    }
    if (Date.now() > deadline) throw new Error(`${recommenderArn} is ${recommender!.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function createRecommender(
  name: string,
  datasetGroupArn: string,
  useCase: string,
): Promise<Recommender> {
  const { recommenderArn } = await service.personalize.send(
    new CreateRecommenderCommand({ name, datasetGroupArn, recipeArn: recipeArn(useCase) }),
  );
  return waitForRecommender(recommenderArn!);
}

/** How far the service's scheduling clock is ahead of the wall clock. */
let ahead = 0;

beforeAll(async () => {
  service = await startTestService(undefined, {
    scheduledTraining: { intervalMs: 100, clock: () => Date.now() + ahead },
  });
  vodGroup = await groupWithInteractions(service, tastesAs('Watch'), 'VIDEO_ON_DEMAND');
  await importTwoTastesItems(service, vodGroup, 'vod-items', 1_700_000_000, 'VIDEO_ON_DEMAND');
  // Viewed as planted; purchased only in the first five items of each taste.
  const views = tastesAs('View');
  const purchases = views
    .split('\n')
    .filter((line) => /-item-[0-4],/.test(line))
    .map((line) => line.replace(',View,', ',Purchase,'));
  ecommGroup = await groupWithInteractions(
    service,
    `${views.trimEnd()}\n${purchases.join('\n')}\n`,
    'ECOMMERCE',
  );
  const [vod, ecomm] = await Promise.all([
    createRecommender('vod-top-picks', vodGroup, 'aws-vod-top-picks'),
    createRecommender(
      'ecomm-also-viewed',
      ecommGroup,
      'aws-ecomm-customers-who-viewed-x-also-viewed',
    ),
  ]);
  topPicks = vod.recommenderArn!;
  alsoViewed = ecomm.recommenderArn!;
}, 300_000);

afterAll(() => service?.stop());

describe('use cases as recipes', () => {
  it('ListRecipes lists a domain’s use cases, and the catalogue without one', async () => {
    const vod = await service.personalize.send(
      new ListRecipesCommand({ domain: 'VIDEO_ON_DEMAND' }),
    );
    expect(vod.recipes!.map((r) => r.name).sort()).toEqual([
      'aws-vod-because-you-watched-x',
      'aws-vod-more-like-x',
      'aws-vod-most-popular',
      'aws-vod-top-picks',
      'aws-vod-trending-now',
    ]);
    expect(vod.recipes![0]).toMatchObject({ domain: 'VIDEO_ON_DEMAND', status: 'ACTIVE' });
    const ecomm = await service.personalize.send(new ListRecipesCommand({ domain: 'ECOMMERCE' }));
    expect(ecomm.recipes!.map((r) => r.recipeArn).sort()).toEqual(
      [
        'aws-ecomm-customers-who-viewed-x-also-viewed',
        'aws-ecomm-frequently-bought-together',
        'aws-ecomm-popular-items-by-purchases',
        'aws-ecomm-popular-items-by-views',
        'aws-ecomm-recommended-for-you',
      ].map(recipeArn),
    );
    const all = await service.personalize.send(new ListRecipesCommand({}));
    expect(all.recipes!.some((r) => r.name!.startsWith('aws-vod-'))).toBe(false);
  });

  it('DescribeRecipe describes a use case', async () => {
    const { recipe } = await service.personalize.send(
      new DescribeRecipeCommand({ recipeArn: recipeArn('aws-vod-most-popular') }),
    );
    expect(recipe).toMatchObject({
      name: 'aws-vod-most-popular',
      recipeType: 'POPULAR_ITEMS',
      status: 'ACTIVE',
    });
  });
});

describe('CreateRecommender and DescribeRecommender', () => {
  it('trains the use case and reports its metrics', async () => {
    const { recommender } = await service.personalize.send(
      new DescribeRecommenderCommand({ recommenderArn: topPicks }),
    );
    expect(recommender).toMatchObject({
      name: 'vod-top-picks',
      recommenderArn: arnOf('recommender', 'vod-top-picks'),
      datasetGroupArn: vodGroup,
      recipeArn: recipeArn('aws-vod-top-picks'),
      status: 'ACTIVE',
      recommenderConfig: { minRecommendationRequestsPerSecond: 1 },
    });
    expect(recommender!.creationDateTime).toBeInstanceOf(Date);
    expect(
      recommender!.modelMetrics!['normalized_discounted_cumulative_gain_at_10'],
    ).toBeGreaterThan(0.1);
    expect(recommender!.latestRecommenderUpdate).toBeUndefined();
  });

  const invalid: [string, () => object, new (...args: never[]) => Error, RegExp][] = [
    [
      'a custom dataset group',
      () => ({ datasetGroupArn: customGroup, recipeArn: recipeArn('aws-vod-top-picks') }),
      InvalidInputException,
      /is a custom dataset group: recommenders belong to domain dataset groups/,
    ],
    [
      'a use case of the other domain',
      () => ({ datasetGroupArn: vodGroup, recipeArn: recipeArn('aws-ecomm-recommended-for-you') }),
      InvalidInputException,
      /aws-ecomm-recommended-for-you belongs to the ECOMMERCE domain, but dataset group .* is a VIDEO_ON_DEMAND group: choose one of aws-vod-/,
    ],
    [
      'a custom recipe',
      () => ({ datasetGroupArn: vodGroup, recipeArn: recipeArn('aws-user-personalization') }),
      InvalidInputException,
      /aws-user-personalization is a custom recipe: a recommender takes a use case of the VIDEO_ON_DEMAND domain/,
    ],
    [
      'an unknown recipe',
      () => ({ datasetGroupArn: vodGroup, recipeArn: recipeArn('aws-vod-nothing') }),
      ResourceNotFoundException,
      /Could not find recipe with ARN arn:aws:personalize:::recipe\/aws-vod-nothing/,
    ],
    [
      'an unknown dataset group',
      () => ({
        datasetGroupArn: arnOf('dataset-group', 'missing'),
        recipeArn: recipeArn('aws-vod-top-picks'),
      }),
      ResourceNotFoundException,
      /dataset group .*missing/i,
    ],
    [
      'a group without an Interactions dataset',
      () => ({ datasetGroupArn: emptyVodGroup, recipeArn: recipeArn('aws-vod-top-picks') }),
      InvalidInputException,
      /has no Interactions dataset: a recommender trains on one/,
    ],
    [
      'exploration for a use case that does not personalize',
      () => ({
        datasetGroupArn: vodGroup,
        recipeArn: recipeArn('aws-vod-most-popular'),
        recommenderConfig: { itemExplorationConfig: { explorationWeight: '0.5' } },
      }),
      InvalidInputException,
      /itemExplorationConfig applies to solutions of aws-user-personalization; this one uses aws-popularity-count/,
    ],
    [
      'an exploration weight out of range',
      () => ({
        datasetGroupArn: vodGroup,
        recipeArn: recipeArn('aws-vod-top-picks'),
        recommenderConfig: { itemExplorationConfig: { explorationWeight: '2' } },
      }),
      InvalidInputException,
      /itemExplorationConfig.explorationWeight must be a number from 0 to 1, got "2"/,
    ],
    [
      'a minRecommendationRequestsPerSecond of 0',
      () => ({
        datasetGroupArn: vodGroup,
        recipeArn: recipeArn('aws-vod-top-picks'),
        recommenderConfig: { minRecommendationRequestsPerSecond: 0 },
      }),
      InvalidInputException,
      /minRecommendationRequestsPerSecond.*greater than or equal to 1/,
    ],
  ];
  let customGroup: string;
  let emptyVodGroup: string;
  beforeAll(async () => {
    customGroup = (
      await service.personalize.send(new CreateDatasetGroupCommand({ name: 'custom-group' }))
    ).datasetGroupArn!;
    emptyVodGroup = (
      await service.personalize.send(
        new CreateDatasetGroupCommand({ name: 'empty-vod', domain: 'VIDEO_ON_DEMAND' }),
      )
    ).datasetGroupArn!;
  });

  it.each(invalid)('refuses %s', async (_, input, exception, message) => {
    const error = await service.personalize
      .send(new CreateRecommenderCommand({ name: 'refused', ...input() } as never))
      .then(refusal, (e: Error) => e);
    expect(error).toBeInstanceOf(exception);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses a name in use', async () => {
    const error = await service.personalize
      .send(
        new CreateRecommenderCommand({
          name: 'vod-top-picks',
          datasetGroupArn: vodGroup,
          recipeArn: recipeArn('aws-vod-most-popular'),
        }),
      )
      .then(refusal, (e: Error) => e);
    expect(error).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(error.message).toBe('A recommender named vod-top-picks already exists.');
  });

  it('fails training without the event type the use case counts', async () => {
    // The ECOMMERCE group has 400-odd Purchase events, fewer than the 1,000 needed.
    const recommender = await createRecommender(
      'ecomm-bought-together',
      ecommGroup,
      'aws-ecomm-frequently-bought-together',
    );
    expect(recommender.status).toBe('CREATE FAILED');
    expect(recommender.failureReason).toMatch(
      /^Insufficient data for aws-ecomm-frequently-bought-together: it trains on Purchase events and needs at least 1000 of them .*; this dataset group has \d+\.$/,
    );
    const served = await service.runtime
      .send(
        new GetRecommendationsCommand({
          recommenderArn: recommender.recommenderArn,
          itemId: 'a-item-1',
        }),
      )
      .then(refusal, (e: Error) => e);
    expect(served).toBeInstanceOf(RuntimeInvalidInput);
    expect(served.message).toMatch(
      /^Recommender .*ecomm-bought-together is CREATE FAILED \(Insufficient data for .*\): only an ACTIVE recommender serves recommendations\.$/,
    );
    const updated = await service.personalize
      .send(
        new UpdateRecommenderCommand({
          recommenderArn: recommender.recommenderArn,
          recommenderConfig: { enableMetadataWithRecommendations: true },
        }),
      )
      .then(refusal, (e: Error) => e);
    expect(updated).toBeInstanceOf(ResourceInUseException);
    expect(updated.message).toBe(
      `Recommender ${recommender.recommenderArn} is CREATE FAILED: it can be updated when ACTIVE or INACTIVE.`,
    );
    await service.personalize.send(
      new DeleteRecommenderCommand({ recommenderArn: recommender.recommenderArn }),
    );
  }, 120_000);

  it('keeps tags', async () => {
    const { recommenderArn } = await service.personalize.send(
      new CreateRecommenderCommand({
        name: 'vod-tagged',
        datasetGroupArn: vodGroup,
        recipeArn: recipeArn('aws-vod-most-popular'),
        tags: [{ tagKey: 'team', tagValue: 'video' }],
      }),
    );
    const { tags } = await service.personalize.send(
      new ListTagsForResourceCommand({ resourceArn: recommenderArn }),
    );
    expect(tags).toEqual([{ tagKey: 'team', tagValue: 'video' }]);
    const popular = await waitForRecommender(recommenderArn!);
    expect(popular.status).toBe('ACTIVE');
    // Most popular: the planted popular items (low numbers) of both tastes lead the list.
    const { itemList } = await service.runtime.send(
      new GetRecommendationsCommand({ recommenderArn, userId: 'a-user-0', numResults: 4 }),
    );
    expect(ids(itemList).every((id) => /-item-[0-3]$/.test(id))).toBe(true);
    await service.personalize.send(new DeleteRecommenderCommand({ recommenderArn }));
  }, 120_000);
});

describe('ListRecommenders', () => {
  it('lists by dataset group, in pages', async () => {
    const { recommenders } = await service.personalize.send(
      new ListRecommendersCommand({ datasetGroupArn: ecommGroup }),
    );
    expect(recommenders!.map((r) => r.name)).toEqual(['ecomm-also-viewed']);
    expect(recommenders![0]).toMatchObject({
      datasetGroupArn: ecommGroup,
      recipeArn: recipeArn('aws-ecomm-customers-who-viewed-x-also-viewed'),
      status: 'ACTIVE',
    });
    const first = await service.personalize.send(new ListRecommendersCommand({ maxResults: 1 }));
    expect(first.recommenders).toHaveLength(1);
    const second = await service.personalize.send(
      new ListRecommendersCommand({ maxResults: 1, nextToken: first.nextToken }),
    );
    expect(second.recommenders![0]!.name).not.toBe(first.recommenders![0]!.name);
  });

  it.each([0, 101])('refuses maxResults %i', async (maxResults) => {
    const error = await service.personalize
      .send(new ListRecommendersCommand({ maxResults }))
      .then(refusal, (e: Error) => e);
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toMatch(/maxResults/);
  });

  it('refuses a foreign nextToken', async () => {
    const error = await service.personalize
      .send(new ListRecommendersCommand({ nextToken: 'bm90LWEtdG9rZW4=' }))
      .then(refusal, (e: Error) => e);
    expect(error.name).toBe('InvalidNextTokenException');
  });
});

describe('GetRecommendations with a recommender', () => {
  it('serves top picks of the user’s taste (VIDEO_ON_DEMAND)', async () => {
    const { itemList, recommendationId } = await service.runtime.send(
      new GetRecommendationsCommand({ recommenderArn: topPicks, userId: 'b-user-3' }),
    );
    expect(itemList).toHaveLength(25);
    // Explored items (reason Exploration) are new items of any taste; the rest are the user's.
    const learned = itemList!.filter((item) => !item.reason?.includes('Exploration'));
    expect(learned.length).toBeGreaterThan(10);
    expect(ids(learned.slice(0, 5)).every((id) => tasteOf(id) === 'b')).toBe(true);
    // Personalize's automatic filter of the use case: none of the videos the user watched.
    const watched = tastesAs('Watch')
      .split('\n')
      .filter((line) => line.startsWith('b-user-3,'))
      .map((line) => line.split(',')[1]);
    expect(watched.length).toBeGreaterThan(0);
    expect(ids(itemList).filter((id) => watched.includes(id))).toEqual([]);
    expect(recommendationId).toMatch(/^RID-/);
  });

  it('serves items viewed with an item (ECOMMERCE)', async () => {
    const { itemList } = await service.runtime.send(
      new GetRecommendationsCommand({
        recommenderArn: alsoViewed,
        userId: 'a-user-1',
        itemId: 'a-item-2',
      }),
    );
    // Personalize's automatic filter of the use case: none of the items the user purchased.
    const purchased = tastesAs('View')
      .split('\n')
      .filter((line) => line.startsWith('a-user-1,') && /-item-[0-4],/.test(line))
      .map((line) => line.split(',')[1]);
    expect(purchased.length).toBeGreaterThan(0);
    expect(ids(itemList).filter((id) => purchased.includes(id))).toEqual([]);
    expect(
      ids(itemList)
        .slice(0, 5)
        .every((id) => tasteOf(id) === 'a'),
    ).toBe(true);
    expect(ids(itemList)).not.toContain('a-item-2');
  });

  it('applies a filter and a promotion', async () => {
    const { filterArn: bOnly } = await service.personalize.send(
      new CreateFilterCommand({
        name: 'vod-b-only',
        datasetGroupArn: vodGroup,
        filterExpression: 'INCLUDE ItemID WHERE Items.GENRES IN ("b-taste")',
      }),
    );
    await waitForFilter(bOnly!);
    const filtered = await service.runtime.send(
      new GetRecommendationsCommand({
        recommenderArn: topPicks,
        userId: 'a-user-1',
        filterArn: bOnly,
      }),
    );
    expect(ids(filtered.itemList).length).toBeGreaterThan(0);
    expect(ids(filtered.itemList).every((id) => tasteOf(id) === 'b')).toBe(true);

    const promoted = await service.runtime.send(
      new GetRecommendationsCommand({
        recommenderArn: topPicks,
        userId: 'a-user-1',
        numResults: 10,
        promotions: [{ name: 'b', percentPromotedItems: 30, filterArn: bOnly }],
      }),
    );
    const list = promoted.itemList!;
    expect(list.filter((item) => item.promotionName === 'b')).toHaveLength(3);
    expect(
      list.filter((item) => item.promotionName === 'b').every((i) => tasteOf(i.itemId!) === 'b'),
    ).toBe(true);
    const learned = list.filter(
      (item) => !item.promotionName && !item.reason?.includes('Exploration'),
    );
    expect(ids(learned).every((id) => tasteOf(id) === 'a')).toBe(true);
  });

  it('refuses a campaignArn and a recommenderArn together, and neither', async () => {
    for (const input of [
      { recommenderArn: topPicks, campaignArn: arnOf('campaign', 'x'), userId: 'a-user-1' },
      { userId: 'a-user-1' },
    ]) {
      const error = await service.runtime
        .send(new GetRecommendationsCommand(input))
        .then(refusal, (e: Error) => e);
      expect(error).toBeInstanceOf(RuntimeInvalidInput);
      expect(error.message).toBe(
        'GetRecommendations needs either a campaignArn or a recommenderArn, not both.',
      );
    }
  });

  it('refuses an item-to-item use case without an itemId', async () => {
    const error = await service.runtime
      .send(new GetRecommendationsCommand({ recommenderArn: alsoViewed, userId: 'a-user-1' }))
      .then(refusal, (e: Error) => e);
    expect(error).toBeInstanceOf(RuntimeInvalidInput);
    expect(error.message).toMatch(
      /^Recommender \S+ecomm-also-viewed serves aws-ecomm-customers-who-viewed-x-also-viewed, which needs a userId and an itemId; the request has no itemId\.$/,
    );
  });

  it('leaves out what the user watched, and needs the user, for Because you watched X (VIDEO_ON_DEMAND)', async () => {
    // Prepare
    const { recommenderArn } = await createRecommender(
      'vod-watched-x',
      vodGroup,
      'aws-vod-because-you-watched-x',
    );
    const watched = new Set(
      tastesAs('Watch')
        .split('\n')
        .filter((line) => line.startsWith('a-user-1,'))
        .map((line) => line.split(',')[1]),
    );

    // Act
    const { itemList } = await service.runtime.send(
      new GetRecommendationsCommand({ recommenderArn, userId: 'a-user-1', itemId: 'a-item-2' }),
    );
    const anyone = await service.runtime.send(
      new GetRecommendationsCommand({ recommenderArn, userId: 'nobody', itemId: 'a-item-2' }),
    );
    const error = await service.runtime
      .send(new GetRecommendationsCommand({ recommenderArn, itemId: 'a-item-2' }))
      .then(refusal, (e: Error) => e);

    // Assert
    expect(watched.size).toBeGreaterThan(3);
    expect(ids(itemList).filter((id) => watched.has(id))).toEqual([]);
    expect(
      ids(itemList)
        .slice(0, 3)
        .every((id) => tasteOf(id) === 'a'),
    ).toBe(true);
    // Someone who watched nothing gets those videos: the list left them out for a-user-1 alone.
    expect(ids(anyone.itemList).some((id) => watched.has(id))).toBe(true);
    expect(error).toBeInstanceOf(RuntimeInvalidInput);
    expect(error.message).toMatch(
      /^Recommender \S+vod-watched-x serves aws-vod-because-you-watched-x, which needs a userId and an itemId; the request has no userId\.$/,
    );
  });

  it('refuses an unknown recommender', async () => {
    const error = await service.runtime
      .send(
        new GetRecommendationsCommand({
          recommenderArn: arnOf('recommender', 'missing'),
          userId: 'a-user-1',
        }),
      )
      .then(refusal, (e: Error) => e);
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toMatch(/recommender .*recommender\/missing/);
  });

  it('CreateBatchInferenceJob takes solution versions, not recommenders', async () => {
    await putObject(service, 'batch', 'users.jsonl', '{"userId": "a-user-1"}\n');
    const error = await service.personalize
      .send(
        new CreateBatchInferenceJobCommand({
          jobName: 'recommender-batch',
          solutionVersionArn: topPicks,
          jobInput: { s3DataSource: { path: 's3://batch/users.jsonl' } },
          jobOutput: { s3DataDestination: { path: 's3://batch/out/' } },
          roleArn: ROLE_ARN,
        }),
      )
      .then(refusal, (e: Error) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe(`Could not find solution version with ARN ${topPicks}.`);
  });

  it('GetPersonalizedRanking takes no recommenderArn', async () => {
    const error = await service.runtime
      .send(
        new GetPersonalizedRankingCommand({
          recommenderArn: topPicks,
          userId: 'a-user-1',
          inputList: ['a-item-1'],
        } as never),
      )
      .then(refusal, (e: Error) => e);
    expect(error.name).toBe('InvalidInputException');
  });
});

describe('StopRecommender, StartRecommender, UpdateRecommender', () => {
  it('a stopped recommender serves nothing until started', async () => {
    await service.personalize.send(new StopRecommenderCommand({ recommenderArn: topPicks }));
    const { recommender } = await service.personalize.send(
      new DescribeRecommenderCommand({ recommenderArn: topPicks }),
    );
    expect(recommender!.status).toBe('INACTIVE');
    const error = await service.runtime
      .send(new GetRecommendationsCommand({ recommenderArn: topPicks, userId: 'a-user-1' }))
      .then(refusal, (e: Error) => e);
    expect(error).toBeInstanceOf(RuntimeInvalidInput);
    expect(error.message).toBe(
      `Recommender ${topPicks} is INACTIVE: only an ACTIVE recommender serves recommendations; start it with StartRecommender.`,
    );
    const again = await service.personalize
      .send(new StopRecommenderCommand({ recommenderArn: topPicks }))
      .then(refusal, (e: Error) => e);
    expect(again).toBeInstanceOf(ResourceInUseException);
    expect(again.message).toBe(
      `Recommender ${topPicks} is INACTIVE: only an ACTIVE recommender can be stopped.`,
    );
    const started = await service.personalize.send(
      new StartRecommenderCommand({ recommenderArn: topPicks }),
    );
    expect(started.recommenderArn).toBe(topPicks);
    const startAgain = await service.personalize
      .send(new StartRecommenderCommand({ recommenderArn: topPicks }))
      .then(refusal, (e: Error) => e);
    expect(startAgain).toBeInstanceOf(ResourceInUseException);
    expect(startAgain.message).toBe(
      `Recommender ${topPicks} is ACTIVE: only an INACTIVE recommender can be started.`,
    );
    const { itemList } = await service.runtime.send(
      new GetRecommendationsCommand({ recommenderArn: topPicks, userId: 'a-user-1' }),
    );
    expect(itemList!.length).toBeGreaterThan(0);
  });

  it('UpdateRecommender changes the config and records the update', async () => {
    await service.personalize.send(
      new UpdateRecommenderCommand({
        recommenderArn: topPicks,
        recommenderConfig: { enableMetadataWithRecommendations: true },
      }),
    );
    const { recommender } = await service.personalize.send(
      new DescribeRecommenderCommand({ recommenderArn: topPicks }),
    );
    expect(recommender!.recommenderConfig!.enableMetadataWithRecommendations).toBe(true);
    expect(recommender!.latestRecommenderUpdate).toMatchObject({
      status: 'ACTIVE',
      recommenderConfig: { enableMetadataWithRecommendations: true },
    });
    const { itemList } = await service.runtime.send(
      new GetRecommendationsCommand({
        recommenderArn: topPicks,
        userId: 'a-user-1',
        numResults: 3,
        metadataColumns: { ITEMS: ['GENRES'] },
      }),
    );
    for (const item of itemList!) {
      expect(item.metadata).toEqual({ GENRES: genresOf(item.itemId!) });
    }
  });

  it('refuses an unknown recommender', async () => {
    for (const command of [
      new UpdateRecommenderCommand({
        recommenderArn: arnOf('recommender', 'missing'),
        recommenderConfig: {},
      }),
      new StopRecommenderCommand({ recommenderArn: arnOf('recommender', 'missing') }),
      new StartRecommenderCommand({ recommenderArn: arnOf('recommender', 'missing') }),
      new DeleteRecommenderCommand({ recommenderArn: arnOf('recommender', 'missing') }),
      new DescribeRecommenderCommand({ recommenderArn: arnOf('recommender', 'missing') }),
    ]) {
      const error = await service.personalize.send(command as never).then(refusal, (e: Error) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect((error as Error).message).toMatch(/recommender .*recommender\/missing/i);
    }
  });
});

describe('weekly retraining', () => {
  it('retrains a recommender a week on, and it serves what it learned since', async () => {
    const popular = await createRecommender('vod-popular', vodGroup, 'aws-vod-most-popular');
    const recommenderArn = popular.recommenderArn!;
    const { trackingId } = await service.personalize.send(
      new CreateEventTrackerCommand({ name: 'vod-tracker', datasetGroupArn: vodGroup }),
    );
    // 60 new users watch a new video: the most watched, once the recommender learns it.
    for (let u = 0; u < 60; u++) {
      await service.events.send(
        new PutEventsCommand({
          trackingId,
          userId: `c-user-${u}`,
          sessionId: `c-session-${u}`,
          eventList: [{ eventType: 'Watch', itemId: 'c-item-0', sentAt: new Date() }],
        }),
      );
    }
    const before = await service.runtime.send(
      new GetRecommendationsCommand({ recommenderArn, userId: 'a-user-0', numResults: 3 }),
    );
    expect(ids(before.itemList)).not.toContain('c-item-0');
    const updated = async (arn: string) =>
      (
        await service.personalize.send(new DescribeRecommenderCommand({ recommenderArn: arn }))
      ).recommender!.lastUpdatedDateTime!.getTime();
    const [picksBefore, viewedBefore] = await Promise.all([updated(topPicks), updated(alsoViewed)]);

    ahead = 8 * 24 * 60 * 60 * 1000;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { itemList } = await service.runtime.send(
        new GetRecommendationsCommand({ recommenderArn, userId: 'a-user-0', numResults: 3 }),
      );
      if (ids(itemList)[0] === 'c-item-0' && (await updated(topPicks)) > picksBefore) break;
      if (Date.now() > deadline) throw new Error(`not retrained: ${ids(itemList).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    ahead = 0;
    const { recommender } = await service.personalize.send(
      new DescribeRecommenderCommand({ recommenderArn }),
    );
    expect(recommender!.status).toBe('ACTIVE');
    // The week passed for every recommender, but the ECOMMERCE group had no new interactions:
    // as in Personalize, its recommender is not retrained.
    expect(await updated(alsoViewed)).toBe(viewedBefore);

    // Another week with new events: a third model, and the first is removed; the one it
    // replaces stays for a process that has not yet seen the change.
    const { context: ctx } = service;
    const modelFolders = async () =>
      new Set(
        (await ctx.objects.list(ctx.dataBucket, 'recommender/vod-popular/')).map((key) =>
          key.split('/').slice(0, 3).join('/'),
        ),
      );
    const [first, second] = [...(await modelFolders())].sort();
    await service.events.send(
      new PutEventsCommand({
        trackingId,
        userId: 'c-user-late',
        sessionId: 'c-session-late',
        eventList: [{ eventType: 'Watch', itemId: 'c-item-0', sentAt: new Date() }],
      }),
    );
    const secondUpdate = await updated(recommenderArn);
    ahead = 16 * 24 * 60 * 60 * 1000;
    const until = Date.now() + 120_000;
    while ((await updated(recommenderArn)) === secondUpdate && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    ahead = 0;
    // The old model goes right after the new one is served.
    const folders = await eventually(modelFolders, (found) => !found.has(first!));
    expect(folders.size).toBe(2);
    expect(folders.has(second!)).toBe(true);
    expect(folders.has(first!)).toBe(false);
    await deleteWhenTrained(recommenderArn);
  }, 240_000);
});

describe('DeleteRecommender', () => {
  it('refuses a recommender still training (trending-now, which then serves with no user)', async () => {
    const { recommenderArn } = await service.personalize.send(
      new CreateRecommenderCommand({
        name: 'vod-trending',
        datasetGroupArn: vodGroup,
        recipeArn: recipeArn('aws-vod-trending-now'),
      }),
    );

    const error = await service.personalize
      .send(new DeleteRecommenderCommand({ recommenderArn }))
      .then(refusal, (e: Error) => e);

    expect(error).toBeInstanceOf(ResourceInUseException);
    expect(error.message).toBe(
      `Recommender ${recommenderArn} is training: it can be deleted once its training ends.`,
    );
    expect(await waitForRecommender(recommenderArn!)).toMatchObject({ status: 'ACTIVE' });
    const { itemList } = await service.runtime.send(
      new GetRecommendationsCommand({ recommenderArn, numResults: 5 }),
    );
    expect(itemList).toHaveLength(5);
    await deleteWhenTrained(recommenderArn!);
  });

  it('a dataset group with a recommender cannot be deleted until the recommender is', async () => {
    const error = await service.personalize
      .send(new DeleteDatasetGroupCommand({ datasetGroupArn: ecommGroup }))
      .then(refusal, (e: Error) => e);
    expect(error).toBeInstanceOf(ResourceInUseException);
    expect(error.message).toMatch(/delete its (recommender|dataset) /);
    const { context: ctx } = service;
    const models = () => ctx.objects.list(ctx.dataBucket, 'recommender/ecomm-also-viewed/');
    expect((await models()).length).toBeGreaterThan(0);
    await deleteWhenTrained(alsoViewed);
    const { recommenders } = await service.personalize.send(
      new ListRecommendersCommand({ datasetGroupArn: ecommGroup }),
    );
    expect(recommenders).toEqual([]);
    // Its models go with it.
    expect(await models()).toEqual([]);
  });
});

/** Deletes the recommender once no training of it runs. */
async function deleteWhenTrained(recommenderArn: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const error = await service.personalize
      .send(new DeleteRecommenderCommand({ recommenderArn }))
      .then(
        () => undefined,
        (e: Error) => e,
      );
    if (!error) return;
    if (!(error instanceof ResourceInUseException) || Date.now() > deadline) throw error;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitForFilter(filterArn: string): Promise<void> {
  const { DescribeFilterCommand } = await import('@aws-sdk/client-personalize');
  for (;;) {
    const { filter } = await service.personalize.send(new DescribeFilterCommand({ filterArn }));
    if (filter!.status !== 'CREATE PENDING' && filter!.status !== 'CREATE IN_PROGRESS') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
