/**
 * The local stores (dynalite, s3rver) listen on Unix sockets in a directory only Tailor's user
 * may enter, and their TCP ports are fronts that check who is asking before forwarding here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * A fresh 0700 directory for the stores' sockets. Under the system's temporary directory, not the
 * data dir: a socket's path is limited to some 100 bytes, which a data dir's path may exceed.
 */
export async function privateSocketDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'tailor-sockets-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface Forwarded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Absent for a request without a body. */
  body?: NodeJS.ReadableStream;
}

/** Sends the request to the store on `socketPath` and its answer back to the client. */
export function forward(socketPath: string, sent: Forwarded, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = request(
      { socketPath, method: sent.method, path: sent.url, headers: sent.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        pipeline(answer, res).then(resolve, reject);
      },
    );
    upstream.on('error', reject);
    if (sent.body) pipeline(sent.body, upstream).catch(reject);
    else upstream.end();
  });
}
