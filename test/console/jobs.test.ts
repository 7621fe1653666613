/**
 * What the console does with a trained group, in a real browser against the local service: a
 * group trained through the API, then a batch inference job started from the group's page and an
 * export from the Interactions dataset's, each followed to ACTIVE on the page; a campaign of the
 * version updated and deleted from its page.
 */
import { CreateCampaignCommand, DescribeCampaignCommand } from '@aws-sdk/client-personalize';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { consolePage, launchBrowser, noBrowser, screenshot } from '../helpers/browser';
import { putObject, ROLE_ARN } from '../helpers/import';
import { startTestService, type TestService } from '../helpers/local-service';
import { trainVersions } from '../helpers/serving';
import { groupWithInteractions, twoTastesCsv } from '../helpers/training';

const skip = noBrowser();
if (skip) console.warn(`Skipping the console's browser tests: ${skip}`);
const maybe = skip ? describe.skip : describe;

let service: TestService;
let browser: Browser;
let page: Page;
let base: string;
let version: string;

maybe('a trained group in the console', () => {
  beforeAll(async () => {
    service = await startTestService();
    const groupArn = await groupWithInteractions(service, twoTastesCsv());
    ({ popular: version } = await trainVersions(service, groupArn, {
      popular: 'aws-popularity-count',
    }));
    await putObject(
      service,
      'batch',
      'users.jsonl',
      '{"userId": "a-user-1"}\n{"userId": "b-user-2"}\n',
    );
    base = `${service.endpoint}/console/dataset-groups/${groupArn.slice(groupArn.lastIndexOf('/') + 1)}`;
    browser = await launchBrowser();
    page = await consolePage(browser);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('starts a batch inference job from a trained version and shows where it wrote', async () => {
    await page.goto(base);
    await page.getByRole('link', { name: 'Batch inference jobs' }).first().click();
    await page.waitForURL(`${base}/batch-inference-jobs`);
    await page.getByRole('button', { name: 'Create batch inference job' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Job name').fill('nightly');
    await dialog.getByRole('button', { name: /Solution version/ }).click();
    await dialog.getByRole('option', { name: /^popular \// }).click();
    await dialog.getByLabel('Input data location').fill('s3://batch/users.jsonl');
    await dialog.getByLabel('Output location').fill('batch/out/');
    await dialog.getByText('An S3 URL').waitFor();
    await dialog.getByLabel('Output location').fill('s3://batch/out/');
    await dialog.getByLabel('IAM role ARN').fill(ROLE_ARN);
    await dialog.getByRole('button', { name: 'Create' }).click();

    await page
      .getByRole('row', {
        name: /nightly.*ACTIVE.*s3:\/\/batch\/users\.jsonl.*s3:\/\/batch\/out\//,
      })
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'batch-inference-jobs');
    const { Contents } = await service.s3.send(
      new ListObjectsV2Command({ Bucket: 'batch', Prefix: 'out/' }),
    );
    expect(Contents?.length).toBeGreaterThan(0);
  }, 45_000);

  it('exports the Interactions dataset', async () => {
    await page.goto(`${base}/datasets/interactions`);
    await page.getByRole('button', { name: 'Export data' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Job name').fill('everything');
    await dialog.getByLabel('Output location').fill('s3://batch/export/');
    await dialog.getByLabel('IAM role ARN').fill(ROLE_ARN);
    await dialog.getByRole('button', { name: 'Start export' }).click();

    await page.getByRole('row', { name: /everything.*ACTIVE/ }).waitFor({ timeout: 30_000 });
    const { Contents } = await service.s3.send(
      new ListObjectsV2Command({ Bucket: 'batch', Prefix: 'export/' }),
    );
    expect(Contents?.length).toBeGreaterThan(0);
  }, 45_000);

  it('updates a campaign’s minimum TPS and deletes it after confirming', async () => {
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({ name: 'home', solutionVersionArn: version }),
    );
    await page.goto(`${base}/campaigns/home`);
    await page.getByRole('heading', { name: 'Test campaign results' }).waitFor();

    await page.getByRole('button', { name: 'Update' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Minimum provisioned TPS').fill('0');
    await dialog.getByText('A whole number, at least 1.').waitFor();
    await dialog.getByLabel('Minimum provisioned TPS').fill('3');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await page.getByText(/, 3 TPS$/).waitFor();
    const { campaign } = await service.personalize.send(
      new DescribeCampaignCommand({ campaignArn }),
    );
    expect(campaign!.latestCampaignUpdate?.minProvisionedTPS).toBe(3);

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(base);
    await page.getByText('Deleting campaign home.').waitFor();
    const gone = await service.personalize
      .send(new DescribeCampaignCommand({ campaignArn }))
      .then((answer) => answer.campaign!.status!)
      .catch((error: Error) => error.name);
    expect(gone).toMatch(/DELETE|ResourceNotFoundException/);
  }, 30_000);
});
