/**
 * Batch inference and dataset export jobs in the console, in a real browser against the local
 * service: a group trained through the API, then a batch inference job started from the group's
 * page and an export from the Interactions dataset's, each followed to ACTIVE on the page.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, noBrowser } from '../helpers/browser';
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

maybe('jobs in the console', () => {
  beforeAll(async () => {
    service = await startTestService();
    const groupArn = await groupWithInteractions(service, twoTastesCsv());
    await trainVersions(service, groupArn, { popular: 'aws-popularity-count' });
    await putObject(
      service,
      'batch',
      'users.jsonl',
      '{"userId": "a-user-1"}\n{"userId": "b-user-2"}\n',
    );
    base = `${service.endpoint}/console/dataset-groups/${groupArn.slice(groupArn.lastIndexOf('/') + 1)}`;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(20_000);
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
});
