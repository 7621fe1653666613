/**
 * The console in a real browser against the local service, as a user walks Personalize's
 * workflow: create a dataset group, its Interactions dataset, import ML-100K-sized generated data,
 * train a solution version, deploy a campaign, test it for a user, record an event and see the
 * list change. What the pages show is checked against what the official clients read.
 */
import {
  GetSolutionMetricsCommand,
  ListSolutionVersionsCommand,
} from '@aws-sdk/client-personalize';
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
import { putObject } from '../helpers/import';
import { startTestService, type TestService } from '../helpers/local-service';
import { twoTastesCsv } from '../helpers/training';

const skip = noBrowser();
if (skip) console.warn(`Skipping the console's browser tests: ${skip}`);
const maybe = skip ? describe.skip : describe;

/** Two tastes, 470 users each with 106 interactions over 840 items a taste: ML-100K's size. */
const DATA = twoTastesCsv(470, 106, 840)
  .split('\n')
  .map((line) => line.split(',').slice(0, 4).join(','))
  .join('\n');

let service: TestService;
let browser: Browser;
let page: Page;

const shot = (name: string) => screenshot(page, name);

maybe('the console', () => {
  beforeAll(async () => {
    service = await startTestService();
    await putObject(service, 'console-data', 'interactions.csv', `${DATA}\n`);
    browser = await launchBrowser();
    page = await consolePage(browser);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('walks a dataset group from nothing to a tested campaign', async () => {
    const console = `${service.endpoint}/console/`;

    // The service's address opens the console, on the dataset groups.
    await page.goto(service.endpoint);
    await page.getByRole('heading', { name: /Dataset groups/ }).waitFor();
    expect(page.url()).toBe(`${console}dataset-groups`);

    // Create a dataset group: the name is checked as it is typed.
    await page.getByRole('button', { name: 'Create dataset group' }).click();
    await page.getByLabel('Name').fill('bad name!');
    await page.getByText('Letters, digits, hyphens and underscores').waitFor();
    await page.getByLabel('Name').fill('movies');
    await shot('create-dataset-group');
    await page.getByRole('button', { name: 'Create dataset group' }).click();
    await page.waitForURL(`${console}dataset-groups/movies`);

    // The workflow says what to do next: the Interactions dataset, from the default schema.
    await page.getByRole('button', { name: 'Create the Interactions dataset' }).click();
    await page.waitForURL(`${console}dataset-groups/movies/datasets/interactions`);
    await page.getByRole('button', { name: 'Create dataset' }).click();

    // Import the data; the job's status changes on the page by itself.
    await page.getByLabel('Job name').fill('first-import');
    await page.getByLabel('Data location').fill('s3://console-data/interactions.csv');
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('row', { name: /first-import.*ACTIVE/ }).waitFor({ timeout: 60_000 });

    // The data overview counts what was imported, and draws it.
    const rows = DATA.split('\n').slice(1).filter(Boolean);
    const users = new Set(rows.map((row) => row.split(',')[0]));
    const items = new Set(rows.map((row) => row.split(',')[1]));
    await page.getByRole('heading', { name: 'Data overview' }).waitFor();
    for (const [label, value] of [
      ['Imported rows', rows.length],
      ['Interactions', rows.length],
      ['Users', users.size],
      ['Items', items.size],
    ] as const) {
      await page.getByText(`${label}${value.toLocaleString('en-US')}`, { exact: true }).waitFor();
    }
    // Every user has 106 interactions: one bar, of them all, at 64–127.
    const perUser = await chartBars(page, 'Users');
    expect(perUser.filter((bar) => bar.value > 0.5)).toEqual([
      { series: 'Users', value: expect.closeTo(users.size, 0) },
    ]);
    await shot('dataset');

    // A solution of aws-user-personalization, trained from its page.
    await page.goto(`${console}dataset-groups/movies`);
    await page.getByRole('button', { name: 'Create a solution' }).click();
    await page.getByLabel('Name').fill('personal');
    await page.getByRole('button', { name: /Recipe/ }).click();
    await page.getByRole('option', { name: 'aws-user-personalization', exact: true }).click();
    await page.getByRole('button', { name: 'Create solution' }).click();
    await page.waitForURL(`${console}dataset-groups/movies/solutions/personal`);
    await page.getByRole('button', { name: 'Train a version' }).click();
    await page.getByRole('row', { name: /ACTIVE/ }).waitFor({ timeout: 300_000 });
    await shot('solution');

    // The page shows the metrics the API reports for the version.
    const { solutionVersions } = await service.personalize.send(
      new ListSolutionVersionsCommand({ solutionArn: solutionArnOf('personal') }),
    );
    const { metrics } = await service.personalize.send(
      new GetSolutionMetricsCommand({
        solutionVersionArn: solutionVersions![0]!.solutionVersionArn,
      }),
    );
    const ndcg = metrics!.normalized_discounted_cumulative_gain_at_10!;
    expect(ndcg).toBeGreaterThan(0);
    await page.getByRole('row', { name: new RegExp(ndcg.toFixed(4)) }).waitFor();
    const drawn = await eventually(
      async () =>
        (await chartBars(page, 'Metrics of each version')).find(
          (bar) => bar.series === 'normalized_discounted_cumulative_gain_at_10',
        )?.value,
      (value) => value !== undefined && Math.abs(value - ndcg) < 1e-3,
    );
    expect(drawn).toBeCloseTo(ndcg, 3);

    // An event tracker and a filter, the filter's expression checked as it is typed.
    await page.goto(`${console}dataset-groups/movies`);
    await page.getByRole('tab', { name: /Event trackers/ }).click();
    await page.getByRole('button', { name: 'Create event tracker' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('clicks');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await page.getByRole('row', { name: /clicks.*ACTIVE/ }).waitFor();
    await page.getByRole('tab', { name: /Filters/ }).click();
    await page.getByRole('button', { name: 'Create filter' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('unseen');
    await dialog
      .getByLabel('Filter expression')
      .fill('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE');
    await dialog.getByText(/Invalid filter expression/).waitFor();
    await dialog
      .getByLabel('Filter expression')
      .fill('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")');
    await dialog.getByText(/Invalid filter expression/).waitFor({ state: 'detached' });
    await shot('create-filter');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('row', { name: /unseen.*ACTIVE/ }).waitFor();
    await shot('dataset-group');

    // A campaign of the trained version, from the workflow's next step.
    await page.getByRole('button', { name: 'Create a campaign' }).click();
    await page.getByLabel('Name').fill('home');
    await page.getByRole('button', { name: /Solution version/ }).click();
    await page.getByRole('option', { name: /^personal \// }).click();
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.waitForURL(`${console}dataset-groups/movies/campaigns/home`);

    // Test it for a user: the list the page shows is the runtime's.
    await page.getByLabel('User ID').fill('a-user-1');
    await page.getByRole('button', { name: 'Get recommendations' }).click();
    const { itemList } = await service.runtime.send(
      new GetRecommendationsCommand({
        campaignArn: campaignArnOf('home'),
        userId: 'a-user-1',
        numResults: 10,
      }),
    );
    const forUser = itemList!.map((item) => item.itemId!);
    expect(
      await eventually(
        () => listedItems(page),
        (ids) => ids.length > 0,
      ),
    ).toEqual(forUser);

    // A promotion: the items of a filter take the share asked for, named by the filter.
    await page.getByRole('button', { name: /Promote the items of a filter/ }).click();
    await page.getByRole('option', { name: 'unseen' }).click();
    await page.getByLabel('Share promoted (%)').fill('30');
    await page.getByRole('button', { name: 'Get recommendations' }).click();
    const promoted = await eventually(
      async () => (await recommendationRows(page)).filter((row) => row.promotion === 'unseen'),
      (rows) => rows.length > 0,
    );
    expect(promoted).toHaveLength(3);
    await page.getByRole('button', { name: /Promote the items of a filter/ }).click();
    await page.getByRole('option', { name: 'None' }).click();
    await page.getByRole('button', { name: 'Get recommendations' }).click();
    expect(
      await eventually(
        () => listedItems(page),
        (ids) => ids.join() === forUser.join(),
      ),
    ).toEqual(forUser);

    // A visitor with no history gets what is popular; after one click on a b item, b items.
    await page.getByLabel('User ID').fill('visitor');
    await page.getByRole('button', { name: 'Get recommendations' }).click();
    const before = await eventually(
      () => listedItems(page),
      (ids) => ids.join() !== forUser.join(),
    );
    await page.getByRole('button', { name: /Event tracker/ }).click();
    await page.getByRole('option', { name: 'clicks' }).click();
    await page.getByLabel('Item ID', { exact: true }).last().fill('b-item-3');
    await page.getByRole('button', { name: 'Record and refresh' }).click();
    await page.getByText('Recorded click of b-item-3 for visitor.').waitFor();
    const after = await eventually(
      () => listedItems(page),
      (ids) => ids.join() !== before.join(),
    );
    expect(after).not.toEqual(before);
    expect(after.slice(0, 5).every((id) => id.startsWith('b-'))).toBe(true);
    await shot('campaign');
  }, 600_000);
});

const solutionArnOf = (name: string) =>
  `arn:aws:personalize:us-east-1:000000000000:solution/${name}`;
const campaignArnOf = (name: string) =>
  `arn:aws:personalize:us-east-1:000000000000:campaign/${name}`;

/** The item IDs of the recommendations table, in order. */
const listedItems = async (page: Page): Promise<string[]> =>
  (await recommendationRows(page)).map((row) => row.item);

/** What a chart draws, bar by bar: each bar's series and value, read off its geometry. */
async function chartBars(page: Page, chart: string): Promise<{ series: string; value: number }[]> {
  const read = await page.locator(`svg[aria-label="${chart}"]`).evaluate((svg) => {
    // The y axis's ticks give the scale: a tick's offset and the value written beside it.
    const ticks = [...svg.querySelectorAll('g[role="list"] > g[role="listitem"]')]
      .filter((tick) => tick.getAttribute('transform')?.startsWith('translate(0,'))
      .map((tick) => ({
        y: Number(/translate\(0,([^)]+)\)/.exec(tick.getAttribute('transform')!)![1]),
        value: Number(tick.textContent!.replace(/,/g, '')),
      }));
    const bars = [...svg.querySelectorAll('g[aria-label] > rect')].map((rect) => ({
      series: rect.parentElement!.getAttribute('aria-label')!,
      top: Number(rect.getAttribute('y')),
    }));
    return { ticks, bars };
  });
  const [low, high] = [read.ticks[0]!, read.ticks[read.ticks.length - 1]!];
  const valueAt = (y: number) =>
    low.value + ((y - low.y) / (high.y - low.y)) * (high.value - low.value);
  return read.bars.map((bar) => ({ series: bar.series, value: valueAt(bar.top) }));
}
