/**
 * The local service's job runner: each job runs `job-image/main.ts` in a child
 * process, configured by environment exactly as the Fargate task is, and a
 * child that dies before its job ends leaves the job CREATE FAILED with why.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from '../layers/core/context/context';
import { JOB_KINDS, type JobKind, type JobLauncher } from '../layers/core/store/job-ports';
import { isRunning } from '../layers/core/domain/jobs';
import { allRecords } from '../layers/core/store/pages';
import { abandonJob } from '../layers/core/jobs/runner';
import { JOBS } from '../layers/core/jobs/definitions';

const ENTRY = join(__dirname, '..', 'job-image', 'main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

/** Node's arguments for an entry: TypeScript through tsx's loader, JavaScript as it is. */
const nodeArguments = (entry: string): string[] =>
  entry.endsWith('.ts') ? ['--import', TSX, entry] : ['--enable-source-maps', entry];
/** Enough of a dying process's stderr to explain it. */
const STDERR_TAIL = 4096;

export class LocalJobLauncher implements JobLauncher {
  private readonly running = new Set<Promise<void>>();
  private readonly children = new Map<string, ChildProcess>();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly ctx: () => Context,
    private readonly log: (line: string) => void = (line) => console.log(line),
    private readonly entry: string = ENTRY,
  ) {}

  async launch(kind: JobKind, arn: string): Promise<void> {
    const child = spawn(process.execPath, [...nodeArguments(this.entry), kind, arn], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.set(arn, child);
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => this.relay(kind, chunk));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
      this.relay(kind, chunk);
    });
    const ended = new Promise<void>((resolve) => {
      child.on('close', (code, signal) => {
        this.children.delete(arn);
        if (code === 0) return resolve();
        const reason = signal
          ? `The job's process was stopped by ${signal} before the job finished.`
          : `The job's process exited with code ${code} before the job finished: ${lastLine(stderr)}`;
        abandonJob(JOBS, this.ctx(), kind, arn, reason, this.log)
          .catch((error: unknown) => this.log(`could not record the end of ${arn}: ${error}`))
          .finally(resolve);
      });
    });
    this.running.add(ended);
    void ended.finally(() => this.running.delete(ended));
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  }

  async stop(arn: string): Promise<void> {
    this.children.get(arn)?.kill('SIGTERM');
  }

  /** Stops every running job and waits until each is recorded as ended. */
  async stopAll(): Promise<void> {
    for (const child of this.children.values()) child.kill('SIGTERM');
    await Promise.all(this.running);
  }

  private relay(kind: JobKind, chunk: Buffer): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) this.log(`[${kind}] ${line}`);
    }
  }
}

const lastLine = (text: string): string =>
  text.trim().split('\n').pop()?.trim() || 'it printed nothing on stderr';

/**
 * Jobs left pending or in progress by an earlier run of the local service,
 * which stopped or crashed with them: nothing runs them any more.
 */
export async function abandonInterruptedJobs(
  ctx: Context,
  log: (line: string) => void,
): Promise<void> {
  for (const kind of JOB_KINDS) {
    for await (const record of allRecords<{ status: string }>(ctx.metadata, {
      kind: JOBS[kind].resourceKind,
    })) {
      if (isRunning(record.attributes.status)) {
        await abandonJob(
          JOBS,
          ctx,
          kind,
          record.arn,
          'The local service stopped while the job ran.',
          log,
        );
      }
    }
  }
}
