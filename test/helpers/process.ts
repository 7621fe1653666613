/**
 * Runs the local service the way a user does (`tsx bin/local.ts`, a child process), for the tests
 * that need what only a real process has: its banner, its exit codes, its signal handling.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface SpawnOptions {
  /** Command-line arguments; none by default, so the caller decides between flags and env. */
  args?: string[];
  /** Added to the test's own environment. */
  env?: NodeJS.ProcessEnv;
}

export interface LocalProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has exited and its output is flushed; null if a signal killed it. */
  exited: Promise<number | null>;
  /** Sends `signal` and resolves with the exit code; kills the process group if it outlives `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

export interface RunningService extends LocalProcess {
  endpoint: string;
  s3Endpoint: string;
  port: number;
  s3Port: number;
  dataDir: string;
}

export interface StartOptions {
  /** Defaults to a fresh temporary directory, removed by `stop`; a given one is left in place. */
  dataDir?: string;
  /** Pass ports and data dir as TAILOR_* variables instead of flags. */
  configureBy?: 'flags' | 'env';
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}

/** A port nobody listens on right now (the OS picks it; we release it at once). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('could not read the port the OS assigned'));
      });
    });
  });
}

export function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tailor-process-'));
}

/**
 * Spawns `bin/local.ts` under node with tsx's loader, as `npm start` runs it, without waiting for
 * it to be ready. The child is the service itself, so its pid is the one to measure.
 */
export function spawnLocal(options: SpawnOptions = {}): LocalProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bin/local.ts', ...(options.args ?? [])],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a forced kill reaches anything it started.
      detached: true,
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'close' rather than 'exit': it waits for stdio to drain, so the last stderr line is captured.
  const exited = new Promise<number | null>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolveExit(code));
  });
  const running = () => child.exitCode === null && child.signalCode === null;

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
      if (running()) child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const overdue = new Promise<'overdue'>((resolveTimer) => {
        timer = setTimeout(() => resolveTimer('overdue'), timeoutMs);
      });
      const outcome = await Promise.race([exited, overdue]);
      clearTimeout(timer);
      if (outcome !== 'overdue') return outcome;
      killGroup(child);
      await exited;
      throw new Error(
        `the local service ignored ${signal} for ${timeoutMs} ms and was killed; stderr:\n${stderr}`,
      );
    },
  };
}

/** Starts the local service on free ports and waits until `GET /health` answers 200. */
export async function startLocal(options: StartOptions = {}): Promise<RunningService> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await makeDataDir());
  const [port, s3Port] = await Promise.all([freePort(), freePort()]);
  const byEnv = options.configureBy === 'env';
  const local = spawnLocal({
    args: byEnv ? [] : ['--port', String(port), '--s3-port', String(s3Port), '--data-dir', dataDir],
    env: {
      ...(byEnv
        ? { TAILOR_PORT: String(port), TAILOR_S3_PORT: String(s3Port), TAILOR_DATA_DIR: dataDir }
        : {}),
      ...options.env,
    },
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(endpoint, local, options.readyTimeoutMs ?? 20_000);
  } catch (error) {
    killGroup(local.child);
    await local.exited.catch(() => undefined);
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...local,
    endpoint,
    s3Endpoint: `http://127.0.0.1:${s3Port}`,
    port,
    s3Port,
    dataDir,
    async stop(signal, timeoutMs) {
      try {
        return await local.stop(signal, timeoutMs);
      } finally {
        if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

async function waitForHealth(
  endpoint: string,
  local: LocalProcess,
  timeoutMs: number,
): Promise<void> {
  let exitCode: number | null | undefined;
  void local.exited.then(
    (code) => (exitCode = code),
    () => (exitCode = null),
  );
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `the local service exited with code ${exitCode} before it was ready; stderr:\n${local.stderr()}`,
      );
    }
    try {
      const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return;
      lastProblem = `GET /health answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(
    `the local service was not ready after ${timeoutMs} ms (${lastProblem}); stderr:\n${local.stderr()}`,
  );
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
