/**
 * The whole path of a recommender against a running Tailor, with nothing but the official AWS SDK
 * clients: data in, a model trained, a campaign deployed, recommendations before and after a
 * visitor's events. Start the service (`npm start`) in another terminal, then:
 *
 *   npm run demo                                  # a generated catalogue of four genres
 *   npm run demo -- ../shared/datasets/ml-100k    # MovieLens 100K (kept outside the repository)
 *
 * Options: --endpoint <url> (default http://127.0.0.1:8080, or TAILOR_PORT's), --s3-endpoint <url>
 * (default http://127.0.0.1:8081, or TAILOR_S3_PORT's). Every run makes resources of its own,
 * named demo-<time>, so runs never collide.
 */
import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeCampaignCommand,
  DescribeDatasetImportJobCommand,
  DescribeSolutionVersionCommand,
  GetSolutionMetricsCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import {
  GetRecommendationsCommand,
  PersonalizeRuntimeClient,
  type PredictedItem,
} from '@aws-sdk/client-personalize-runtime';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { convertMovieLens100k, MOVIELENS_SCHEMAS } from './datasets/movielens-100k';

/** What the demo loads: CSV files with their schemas, and how to show an item and a visitor. */
interface DemoData {
  description: string;
  interactions: string;
  items: string;
  /** A readable name for an item ID. */
  title(itemId: string): string;
  /** The items a new visitor takes, all of one kind, so the change in their list is plain. */
  visitorTakes: string[];
  /** A user of the data, whose list is shown too. */
  knownUser: string;
}

const POLL_MS = 1_000;

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values, positionals } = parseArgs({
    options: { endpoint: { type: 'string' }, 's3-endpoint': { type: 'string' } },
    allowPositionals: true,
  });
  const endpoint = values.endpoint ?? `http://127.0.0.1:${process.env.TAILOR_PORT ?? 8080}`;
  const s3Endpoint =
    values['s3-endpoint'] ?? `http://127.0.0.1:${process.env.TAILOR_S3_PORT ?? 8081}`;
  // The local service takes any credentials; these keep the SDK from searching for some.
  const config = {
    endpoint,
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
    },
  };
  const personalize = new PersonalizeClient(config);
  const events = new PersonalizeEventsClient(config);
  const runtime = new PersonalizeRuntimeClient(config);
  const s3 = new S3Client({ ...config, endpoint: s3Endpoint, forcePathStyle: true });

  const data = positionals[0] ? await movieLens(positionals[0]) : generated();
  const name = `demo-${Date.now()}`;
  console.log(`Tailor demo against ${endpoint}: ${data.description}.\n`);

  step('Creating the dataset group, schemas, datasets and an event tracker');
  const { datasetGroupArn } = await personalize.send(new CreateDatasetGroupCommand({ name }));
  const dataset = async (type: 'Interactions' | 'Items', schema: string) => {
    const { schemaArn } = await personalize.send(
      new CreateSchemaCommand({ name: `${name}-${type.toLowerCase()}`, schema }),
    );
    const { datasetArn } = await personalize.send(
      new CreateDatasetCommand({
        name: `${name}-${type.toLowerCase()}`,
        datasetGroupArn,
        schemaArn,
        datasetType: type,
      }),
    );
    return datasetArn!;
  };
  const interactionsArn = await dataset('Interactions', MOVIELENS_SCHEMAS.interactions);
  const itemsArn = await dataset('Items', MOVIELENS_SCHEMAS.items);
  const { trackingId } = await personalize.send(
    new CreateEventTrackerCommand({ name, datasetGroupArn }),
  );
  // Personalize leaves what someone already took in their list; this filter takes it out.
  const { filterArn } = await personalize.send(
    new CreateFilterCommand({
      name: `${name}-unseen`,
      datasetGroupArn,
      filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("rating")',
    }),
  );

  step(`Uploading the data to s3://${name}/ at ${s3Endpoint}`);
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  for (const [key, body] of [
    ['interactions.csv', data.interactions],
    ['items.csv', data.items],
  ] as const) {
    await s3.send(new PutObjectCommand({ Bucket: name, Key: key, Body: body }));
  }

  step('Importing interactions and items');
  const imports = await Promise.all(
    [
      ['interactions', interactionsArn],
      ['items', itemsArn],
    ].map(async ([kind, datasetArn]) => {
      const { datasetImportJobArn } = await personalize.send(
        new CreateDatasetImportJobCommand({
          jobName: `${name}-${kind}`,
          datasetArn,
          dataSource: { dataLocation: `s3://${name}/${kind}.csv` },
          roleArn: 'arn:aws:iam::000000000000:role/demo',
        }),
      );
      return { kind: kind!, arn: datasetImportJobArn! };
    }),
  );
  for (const { kind, arn } of imports) {
    await until(`import of ${kind}`, async () => {
      const { datasetImportJob } = await personalize.send(
        new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }),
      );
      return datasetImportJob!;
    });
  }

  step('Training aws-user-personalization');
  const { solutionArn } = await personalize.send(
    new CreateSolutionCommand({
      name,
      datasetGroupArn,
      recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization',
    }),
  );
  const { solutionVersionArn } = await personalize.send(
    new CreateSolutionVersionCommand({ solutionArn }),
  );
  await until('training', async () => {
    const { solutionVersion } = await personalize.send(
      new DescribeSolutionVersionCommand({ solutionVersionArn }),
    );
    return solutionVersion!;
  });
  const { metrics } = await personalize.send(new GetSolutionMetricsCommand({ solutionVersionArn }));
  const shown = ['precision_at_5', 'normalized_discounted_cumulative_gain_at_10', 'coverage'];
  console.log(
    `  offline metrics: ${shown.map((metric) => `${metric} ${metrics?.[metric]?.toFixed(4)}`).join(', ')}`,
  );

  step('Deploying a campaign');
  const { campaignArn } = await personalize.send(
    new CreateCampaignCommand({
      name,
      solutionVersionArn,
      minProvisionedTPS: 1,
      campaignConfig: {
        enableMetadataWithRecommendations: true,
        // No exploration slots: the lists below show only what the model learned.
        itemExplorationConfig: { explorationWeight: '0' },
      },
    }),
  );
  await until('campaign', async () => {
    const { campaign } = await personalize.send(new DescribeCampaignCommand({ campaignArn }));
    return campaign!;
  });

  const recommend = async (userId: string) => {
    const { itemList } = await runtime.send(
      new GetRecommendationsCommand({
        campaignArn,
        userId,
        numResults: 5,
        filterArn,
        metadataColumns: { ITEMS: ['GENRES'] },
      }),
    );
    return itemList ?? [];
  };
  const visitor = `${name}-visitor`;
  console.log('\nEach list leaves out what its user has rated, by a filter on Interactions.');
  show(`Recommendations for user ${data.knownUser}`, await recommend(data.knownUser), data);
  show(`Recommendations for ${visitor}, who has no events yet`, await recommend(visitor), data);

  step(`Recording ${visitor}'s events: ${data.visitorTakes.map(data.title).join('; ')}`);
  const now = Date.now() / 1000;
  await events.send(
    new PutEventsCommand({
      trackingId,
      userId: visitor,
      sessionId: `${visitor}-session`,
      eventList: data.visitorTakes.map((itemId, k) => ({
        eventType: 'rating',
        eventValue: 5,
        itemId,
        sentAt: new Date((now + k) * 1000),
      })),
    }),
  );
  show(`Recommendations for ${visitor} a moment later`, await recommend(visitor), data);
  console.log(
    `\nDone. The resources are yours to explore: aws personalize list-campaigns --endpoint-url ${endpoint}`,
  );
}

function step(text: string): void {
  console.log(`==> ${text}`);
}

function show(heading: string, items: PredictedItem[], data: DemoData): void {
  console.log(`\n${heading}:`);
  for (const [k, item] of items.entries()) {
    const score = item.score === undefined ? '' : ` score ${item.score.toFixed(4)}`;
    console.log(
      `  ${k + 1}. ${data.title(item.itemId!)} [${item.metadata?.genres ?? item.metadata?.GENRES ?? ''}]${score}`,
    );
  }
  console.log('');
}

/** Polls a resource until it is ACTIVE, printing each status as it changes; throws if it fails. */
async function until(
  what: string,
  describe: () => Promise<{ status?: string; failureReason?: string }>,
): Promise<void> {
  const started = Date.now();
  let last = '';
  for (;;) {
    const { status, failureReason } = await describe();
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (status !== last) console.log(`  ${what}: ${status} (${seconds} s)`);
    last = status ?? '';
    if (status === 'ACTIVE') return;
    if (status?.includes('FAILED')) throw new Error(`${what} failed: ${failureReason}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function movieLens(dir: string): Promise<DemoData> {
  const files = await convertMovieLens100k(dir);
  const titles = new Map(
    (await readFile(join(dir, 'u.item'), 'latin1'))
      .split('\n')
      .map((line) => line.split('|'))
      .map(([id, title]) => [id!, title!]),
  );
  return {
    description: `MovieLens 100K from ${dir}`,
    interactions: files.interactions,
    items: files.items,
    title: (itemId) => titles.get(itemId) ?? itemId,
    // Star Wars, The Empire Strikes Back, Return of the Jedi.
    visitorTakes: ['50', '172', '181'],
    knownUser: '1',
  };
}

/**
 * Four genres of 50 items; each of 200 users keeps to one genre and favours its first items, so
 * the model has something to learn and a visitor's genre shows in their list at once.
 */
function generated(): DemoData {
  const genres = ['Comedy', 'Drama', 'Horror', 'Sci-Fi'];
  const perGenre = 50;
  const interactions = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
  let time = 1_700_000_000;
  for (let user = 0; user < 200; user++) {
    const genre = genres[user % genres.length]!;
    for (let k = 0; k < 20; k++) {
      const item = Math.floor(((user * 7 + k * 13) % perGenre) ** 2 / perGenre);
      interactions.push(`user-${user},${genre.toLowerCase()}-${item},${time++},rating,5`);
    }
  }
  const items = ['ITEM_ID,GENRES,RELEASE_YEAR'];
  for (const genre of genres) {
    for (let item = 0; item < perGenre; item++) {
      items.push(`${genre.toLowerCase()}-${item},${genre},${1970 + item}`);
    }
  }
  return {
    description: 'a generated catalogue of 200 items in four genres, 200 users, 4,000 ratings',
    interactions: `${interactions.join('\n')}\n`,
    items: `${items.join('\n')}\n`,
    title: (itemId) => itemId,
    visitorTakes: ['horror-3', 'horror-7', 'horror-12'],
    knownUser: 'user-1',
  };
}

main().catch((error: unknown) => {
  console.error(`\nThe demo stopped: ${(error as Error).message ?? error}`);
  if ((error as { code?: string }).code === 'ECONNREFUSED' || /ECONNREFUSED/.test(String(error))) {
    console.error('Is the service running? Start it with `npm start` in another terminal.');
  }
  process.exit(1);
});
