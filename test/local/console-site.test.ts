/**
 * The console as the local service serves it (bin/console-site.ts), over HTTP: its page for any
 * path under /console/ naming no file, its assets, its config, the way there from /, and what it
 * says when the console was never built.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleSite, type ConsoleSiteOptions } from '../../bin/console-site';

async function serve(options: ConsoleSiteOptions): Promise<{ url: string; server: Server }> {
  const site = consoleSite(options);
  const server = createServer((req, res) => {
    if (!site(req, res, (req.url ?? '/').split('?')[0]!)) res.writeHead(418).end('the API');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let built: string;
beforeAll(async () => {
  built = await mkdtemp(join(tmpdir(), 'tailor-console-'));
  await mkdir(join(built, 'assets'));
  await writeFile(join(built, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(built, 'assets', 'index-abc.js'), 'console.log(1)');
});

describe('the console site', () => {
  let url: string;
  let server: Server;
  beforeAll(
    async () => ({ url, server } = await serve({ region: 'eu-west-1', signIn: true, dir: built })),
  );
  afterAll(() => server.close());

  it('answers a deep link with the page, read afresh, with its security headers', async () => {
    const response = await fetch(`${url}/console/dataset-groups/movies/solutions/x`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>console</title>');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });

  it('serves assets for a year, and a missing asset as missing', async () => {
    const asset = await fetch(`${url}/console/assets/index-abc.js`);
    const missing = await fetch(`${url}/console/assets/gone.js`);

    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(missing.status).toBe(404);
  });

  it('tells the app its region and that it must sign in', async () => {
    const response = await fetch(`${url}/console/config.json`);

    expect(await response.json()).toEqual({ region: 'eu-west-1', signIn: true });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('leads a browser from / to the console, and leaves every other request to the API', async () => {
    const root = await fetch(`${url}/`, { redirect: 'manual', headers: { accept: 'text/html' } });
    const named = await fetch(`${url}/`, {
      headers: { accept: 'text/html', 'x-amz-target': 'AmazonPersonalize.ListDatasetGroups' },
    });
    const post = await fetch(`${url}/`, { method: 'POST', body: '{}' });
    const other = await fetch(`${url}/recommendations`);

    expect([root.status, root.headers.get('location')]).toEqual([302, '/console/']);
    expect(named.status).toBe(418);
    expect(post.status).toBe(418);
    expect(other.status).toBe(418);
  });
});

it('says how to build the console when it was not built', async () => {
  const { url, server } = await serve({
    region: 'us-east-1',
    signIn: false,
    dir: join(built, 'none'),
  });

  const response = await fetch(`${url}/console/`);

  expect(response.status).toBe(503);
  expect(await response.text()).toBe(
    'The console is not built: run npm run build:console, then reload.\n',
  );
  server.close();
});
