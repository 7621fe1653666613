/**
 * The console against a service that checks signatures (`--auth sigv4`): it asks for a key,
 * shows the API's refusal of a wrong one or of a key whose policy allows less, lists what the
 * right key may see, and forgets the key on signing out.
 */
import { CreateDatasetGroupCommand } from '@aws-sdk/client-personalize';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, noBrowser } from '../helpers/browser';
import { issueKey, signedWith, type IssuedKey } from '../helpers/keys';
import { startTestService, type TestService } from '../helpers/local-service';

const skip = noBrowser();
const maybe = skip ? describe.skip : describe;

let service: TestService;
let key: IssuedKey;
let browser: Browser;
let page: Page;

async function signIn(accessKeyId: string, secretAccessKey: string): Promise<void> {
  await page.goto(`${service.endpoint}/console/`);
  await page.getByRole('heading', { name: 'Sign in to Tailor' }).waitFor();
  await page.getByLabel('Access key ID').fill(accessKeyId);
  await page.getByLabel('Secret access key').fill(secretAccessKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

maybe('the console with sign-in', () => {
  beforeAll(async () => {
    service = await startTestService(undefined, { auth: 'sigv4' });
    key = await issueKey(service.dataDir, '--description', 'console');
    const owner = signedWith(service, key);
    await owner.personalize.send(new CreateDatasetGroupCommand({ name: 'signed-in' }));
    owner.destroy();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('shows the refusal of a wrong secret, then lists with the right key until signing out', async () => {
    await signIn(key.accessKeyId, 'not-the-secret-at-all-not-the-secret-xx');
    await page.getByText(/Could not list: InvalidSignatureException/).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(key.accessKeyId, key.secretAccessKey);
    await page.getByRole('link', { name: 'signed-in' }).waitFor();
    expect(await page.evaluate('Object.keys(sessionStorage)')).toEqual([
      'tailor-console-credentials',
    ]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Tailor' }).waitFor();
    expect(await page.evaluate('Object.keys(sessionStorage)')).toEqual([]);
  });

  it("shows a key policy's refusal as the API words it", async () => {
    const limited = await issueKey(service.dataDir, '--action', 'personalize:GetRecommendations');

    await signIn(limited.accessKeyId, limited.secretAccessKey);

    await page.getByText(/Could not list: AccessDeniedException/).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
  });
});
