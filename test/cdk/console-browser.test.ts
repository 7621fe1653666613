/**
 * The console's site as the stack configures it, in a real Chromium with the real console build
 * (console/dist, `npm run build:console`): the viewer-request function and the
 * Content-Security-Policy in front of the files, as CloudFront would apply them, and an API
 * answering preflights and errors with the stack's CORS lists, as API Gateway and the functions
 * would. The SDK's real preflight must ask for no header the stack does not allow, and the SDK
 * must read an exception's name from the headers the stack exposes.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Browser } from 'playwright-core';
import { corsHeaders, SDK_REQUEST_HEADERS } from '../../lambdas/shared/cors';
import { contentSecurityPolicy } from '../../lib/console';
import { launchBrowser, noBrowser } from '../helpers/browser';

const ROOT = join(__dirname, '../..');
const DIST = join(ROOT, 'console', 'dist');

const skip =
  noBrowser() ??
  (existsSync(join(DIST, 'index.html'))
    ? undefined
    : `${DIST}/index.html is missing: npm run build:console builds it.`);
if (skip) console.warn(`Skipping the console site's browser test: ${skip}`);
const maybe = skip ? describe.skip : describe;

/** The function CloudFront runs on every viewer request, as plain JavaScript. */
const viewerRequest = runInNewContext(
  `${readFileSync(join(ROOT, 'lib', 'console-viewer-request.js'), 'utf8')}\nhandler`,
) as (event: unknown) => {
  uri: string;
  statusCode?: number;
  headers?: { location: { value: string } };
};

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

let site: Server;
let api: Server;
let siteUrl: string;
let apiUrl: string;
let browser: Browser;
/** The request headers each preflight asked to send. */
const preflights: string[][] = [];
const posts: string[] = [];

maybe("the console's site in a browser", () => {
  beforeAll(async () => {
    api = createServer((request, response) => {
      if (request.method === 'OPTIONS') {
        preflights.push(String(request.headers['access-control-request-headers']).split(','));
        response.writeHead(204, {
          'access-control-allow-origin': siteUrl,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': SDK_REQUEST_HEADERS.join(','),
          vary: 'Origin',
        });
        response.end();
        return;
      }
      posts.push(String(request.url));
      // The exception's name in the header alone: the SDK reads it only if it is exposed.
      response.writeHead(400, {
        ...corsHeaders(siteUrl),
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': 'ResourceNotFoundException',
        'x-amzn-requestid': 'request-1',
      });
      response.end(JSON.stringify({ message: 'no such dataset group' }));
    });
    apiUrl = await listen(api);
    site = createServer((request, response) => {
      const viewed = viewerRequest({
        version: '1.0',
        request: { method: 'GET', uri: request.url!.split('?')[0], querystring: {}, headers: {} },
      });
      if (viewed.statusCode) {
        response.writeHead(viewed.statusCode, { location: viewed.headers!.location.value });
        response.end();
        return;
      }
      const headers = { 'content-security-policy': contentSecurityPolicy(apiUrl) };
      if (viewed.uri === '/console/config.json') {
        response.writeHead(200, { ...headers, 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ endpoint: `${apiUrl}/prod/`, region: 'eu-west-1', signIn: true }),
        );
        return;
      }
      // The bucket's keys: what is not a file there is refused, as S3 refuses CloudFront.
      const file = join(DIST, viewed.uri.replace(/^\/console\//, ''));
      if (!viewed.uri.startsWith('/console/') || !existsSync(file) || !statSync(file).isFile()) {
        response.writeHead(403);
        response.end();
        return;
      }
      response.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? '' });
      response.end(readFileSync(file));
    });
    siteUrl = await listen(site);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    site?.close();
    api?.close();
  });

  it('opens a deep link and shows the exception the API answered, within the policy', async () => {
    // Prepare
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    // In the page, not in Node: hence a script's text.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));`,
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().startsWith('CSP violation')) violations.push(message.text());
    });

    // Act
    const opened = await page.goto(`${siteUrl}/console/dataset-groups/demo`);
    // Signed in with made-up keys: the API refuses every request anyway.
    await page.getByLabel(/access key id/i).fill('AKIAEXAMPLE');
    await page.getByLabel(/secret access key/i).fill('secret');
    // Temporary credentials, so that the SDK sends every header it can.
    await page.getByLabel(/session token/i).fill('token');
    await page.getByRole('button', { name: /sign in/i }).click();

    // Assess
    expect(opened?.status()).toBe(200);
    await page
      .getByText(/ResourceNotFoundException/)
      .first()
      .waitFor();
    expect(posts.length).toBeGreaterThan(0);
    for (const asked of preflights) expect([...asked].sort()).toEqual([...SDK_REQUEST_HEADERS]);
    expect(violations).toEqual([]);
    await page.close();
  }, 60_000);

  it('redirects the site root to the console', async () => {
    const page = await browser.newPage();

    const opened = await page.goto(`${siteUrl}/`);

    expect(opened?.url()).toBe(`${siteUrl}/console/`);
    expect(opened?.status()).toBe(200);
    await page.close();
  });
});
