/**
 * Recommenders in the console, in a real browser against the local service: a VIDEO_ON_DEMAND
 * group prepared through the API, then from its overview a recommender of aws-vod-top-picks is
 * created, watched to ACTIVE, tested for a user (the list is the runtime's), stopped, started
 * and deleted.
 */
import { DescribeRecommenderCommand } from '@aws-sdk/client-personalize';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import type { Browser, Page } from 'playwright-core';
import {
  consolePage,
  launchBrowser,
  noBrowser,
  recommendationRows,
  screenshot,
} from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { arnOf, startTestService, type TestService } from '../helpers/local-service';
import { importTwoTastesItems } from '../helpers/serving';
import { groupWithInteractions, twoTastesCsv } from '../helpers/training';

const skip = noBrowser();
if (skip) console.warn(`Skipping the console's browser tests: ${skip}`);
const maybe = skip ? describe.skip : describe;

let service: TestService;
let browser: Browser;
let page: Page;
let group: string;

maybe('recommenders in the console', () => {
  beforeAll(async () => {
    service = await startTestService();
    // The planted two tastes, watched: VIDEO_ON_DEMAND's use cases train on Watch events.
    const watched = twoTastesCsv().replace(/,click,/g, ',Watch,');
    const groupArn = await groupWithInteractions(service, watched, 'VIDEO_ON_DEMAND');
    await importTwoTastesItems(service, groupArn, 'vod-items', 1_700_000_000, 'VIDEO_ON_DEMAND');
    group = groupArn.slice(groupArn.lastIndexOf('/') + 1);
    browser = await launchBrowser();
    page = await consolePage(browser);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('creates a recommender from the workflow, tests it for a user, stops, starts and deletes it', async () => {
    const base = `${service.endpoint}/console/dataset-groups/${group}`;
    const recommenderArn = arnOf('recommender', 'top-picks');

    // The workflow's next step is the recommender form, whose use cases are the domain's.
    await page.goto(base);
    await page.getByRole('button', { name: 'Create a recommender' }).click();
    await page.waitForURL(`${base}/recommenders/create`);
    await page.getByLabel('Name').fill('top-picks');
    await page.getByRole('button', { name: /Use case/ }).click();
    await page.getByRole('option', { name: 'aws-vod-top-picks', exact: true }).click();
    await page.getByRole('button', { name: 'Create recommender' }).click();
    await page.waitForURL(`${base}/recommenders/top-picks`);

    // The page follows training by itself; once ACTIVE it shows the metrics and the test.
    await page.getByRole('heading', { name: 'Test recommender results' }).waitFor({
      timeout: 45_000,
    });
    const { recommender } = await service.personalize.send(
      new DescribeRecommenderCommand({ recommenderArn }),
    );
    const ndcg = recommender!.modelMetrics!['normalized_discounted_cumulative_gain_at_10']!;
    await page
      .getByRole('row', {
        name: new RegExp(`normalized_discounted_cumulative_gain_at_10 ${ndcg.toFixed(4)}`),
      })
      .waitFor();

    await screenshot(page, 'recommender');
    // Test it for a user: the list the page shows is the runtime's.
    await page.getByLabel('User ID').fill('a-user-1');
    await page.getByRole('button', { name: 'Get recommendations' }).click();
    const { itemList } = await service.runtime.send(
      new GetRecommendationsCommand({ recommenderArn, userId: 'a-user-1', numResults: 10 }),
    );
    // Top picks explores: items without interactions at random places, drawn anew per request
    // (reason Exploration). What the model ranks is the same, in the same order.
    const ranked = itemList!.filter((item) => !item.reason?.includes('Exploration'));
    expect(ranked.length).toBeGreaterThan(0);
    const listed = await eventually(
      () => recommendationRows(page),
      (rows) => rows.length > 0,
    );
    expect(listed).toHaveLength(itemList!.length);
    expect(listed.filter((row) => row.reason !== 'Exploration').map((row) => row.item)).toEqual(
      ranked.map((item) => item.itemId),
    );

    // Updated to return item metadata, it answers the columns asked for, as the client reads them.
    await page.getByRole('button', { name: 'Update' }).click();
    await page.getByRole('dialog').getByText('Return item metadata with recommendations').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Update' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByLabel('Item metadata columns').fill('GENRES');
    await page.getByRole('button', { name: 'Get recommendations' }).click();
    const withMetadata = await eventually(
      () => recommendationRows(page),
      (rows) => rows.some((row) => row.metadata?.startsWith('GENRES: ')),
    );
    const { itemList: described } = await service.runtime.send(
      new GetRecommendationsCommand({
        recommenderArn,
        userId: 'a-user-1',
        numResults: 10,
        metadataColumns: { ITEMS: ['GENRES'] },
      }),
    );
    const genres = new Map(described!.map((item) => [item.itemId, item.metadata?.GENRES]));
    for (const row of withMetadata.filter((r) => genres.has(r.item))) {
      expect(row.metadata).toBe(`GENRES: ${genres.get(row.item)}`);
    }

    // Stopped, it serves nothing and the test goes; started again, it comes back.
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByText('Stopping recommender top-picks.').waitFor();
    await page.getByRole('button', { name: 'Start' }).waitFor();
    await page.getByRole('heading', { name: 'Test recommender results' }).waitFor({
      state: 'detached',
    });
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Test recommender results' }).waitFor();

    // Delete it after confirming; the console goes back to the group.
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(base);
    const deleted = await eventually(
      () =>
        service.personalize
          .send(new DescribeRecommenderCommand({ recommenderArn }))
          .then((answer) => answer.recommender!.status!)
          .catch((error: Error) => error.name),
      (status) => status === 'ResourceNotFoundException' || /DELETE/.test(status),
    );
    expect(deleted).toMatch(/ResourceNotFoundException|DELETE/);
  }, 60_000);
});

/** The recommendations table's rows, in order: each item and its reason. */
