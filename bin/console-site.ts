/**
 * The console as the local service serves it (docs/console.md): its built files under
 * /console/, any other path under it answered with the app's page so that deep links load, and
 * /console/config.json telling the app where the API is and whether to ask for credentials.
 * sirv serves the files (ranges, ETags, content types, no path escapes); this adds only what is
 * the console's own: the config, the cache rules and the security headers.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

export const CONSOLE_PATH = '/console/';

/** Where `npm run build:console` writes the console. */
export const CONSOLE_DIST = join(__dirname, '..', 'console', 'dist');

export interface ConsoleSiteOptions {
  region: string;
  /** Whether the API checks signatures: the console then asks for credentials. */
  signIn: boolean;
  /** @default CONSOLE_DIST */
  dir?: string;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // The app calls only its own origin; Cloudscape sets inline style attributes.
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
};

/** Answers the console's requests; false for every other path, which the API answers. */
export type ConsoleSite = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

export function consoleSite(options: ConsoleSiteOptions): ConsoleSite {
  const dir = options.dir ?? CONSOLE_DIST;
  const built = existsSync(join(dir, 'index.html'));
  const files = built
    ? sirv(dir, {
        single: true,
        etag: true,
        setHeaders(res, pathname) {
          for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
          // The build names each asset by its content; the page itself must be read afresh.
          res.setHeader(
            'cache-control',
            pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      })
    : undefined;
  const config = JSON.stringify({ region: options.region, signIn: options.signIn });

  return (req, res, path) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    // A browser opening the service's address meets the console. A request naming an operation
    // is an API client's, however malformed, and gets the API's answer.
    const browsing =
      !req.headers['x-amz-target'] && (req.headers.accept ?? '').includes('text/html');
    if ((path === '/' && browsing) || path === '/console') {
      res.writeHead(302, { location: CONSOLE_PATH }).end();
      return true;
    }
    if (!path.startsWith(CONSOLE_PATH)) return false;
    if (path === `${CONSOLE_PATH}config.json`) {
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(config);
      return true;
    }
    if (!files) {
      res
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The console is not built: run npm run build:console, then reload.\n');
      return true;
    }
    req.url = (req.url ?? '/').slice(CONSOLE_PATH.length - 1);
    files(req, res, () => void res.writeHead(404).end());
    return true;
  };
}
