/**
 * A JobLauncher that runs each job in this process, through the same runJob as the Fargate task
 * and the local service's child process, on the launcher's own context: the in-memory stores
 * have no other process to share them with. A job is started after `launch` returns, as a child
 * process would be, and ends as any job does: ACTIVE, CREATE FAILED with why, or CREATE STOPPED.
 */
import type { Context } from '../context/context';
import type { JobDefinitions } from '../context/job-definition';
import type { JobKind, JobLauncher } from '../store/job-ports';
import { JOBS } from './definitions';
import { abandonJob, runJob } from './runner';

export interface InProcessJobsOptions {
  /**
   * Where the jobs' lines go.
   * @default - each line to console.log
   */
  log?: (line: string) => void;
  /**
   * Holds every launched job CREATE PENDING until `startHeld` is called, as a busy queue would
   * (a Step Functions execution waiting for Fargate capacity): the status a client sees of a job
   * launched but not yet started.
   * @default false - a job starts as soon as `launch` has returned
   */
  hold?: boolean;
  /**
   * What each kind of job does.
   * @default JOBS, the jobs every platform runs
   */
  definitions?: JobDefinitions;
}

/** A job launched here, in the order launched. */
export interface LaunchedJob {
  kind: JobKind;
  arn: string;
}

/** As in the job process (job-image/main.ts): a job's context starts no jobs of its own. */
const NO_NESTED_JOBS: JobLauncher = {
  launch: () => Promise.reject(new Error('A job does not start other jobs.')),
  stop: () => Promise.reject(new Error('A job does not stop other jobs.')),
};

export class InProcessJobLauncher implements JobLauncher {
  private readonly log: (line: string) => void;
  private readonly hold: boolean;
  private readonly definitions: JobDefinitions;
  private readonly held: LaunchedJob[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly history: LaunchedJob[] = [];

  /** @param ctx - the context the jobs run on, read when each starts */
  constructor(
    private readonly ctx: () => Context,
    options: InProcessJobsOptions = {},
  ) {
    this.log = options.log ?? ((line) => console.log(line));
    this.hold = options.hold ?? false;
    this.definitions = options.definitions ?? JOBS;
  }

  /** Every job launched so far, in order, whether it has ended or not. */
  get launched(): readonly LaunchedJob[] {
    return [...this.history];
  }

  async launch(kind: JobKind, arn: string): Promise<void> {
    this.history.push({ kind, arn });
    if (this.hold) this.held.push({ kind, arn });
    else this.start({ kind, arn });
  }

  /**
   * Nothing to end: a job held or running here finds its status CREATE STOPPING (which the
   * caller recorded first) at its next check, and ends CREATE STOPPED.
   */
  async stop(_arn: string): Promise<void> {}

  /** Starts every held job and resolves once none runs. */
  async startHeld(): Promise<void> {
    for (const job of this.held.splice(0)) this.start(job);
    await this.idle();
  }

  /** Resolves once no job runs, also those started while waiting; held jobs stay held. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private start({ kind, arn }: LaunchedJob): void {
    const ended = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(kind, arn))
      .finally(() => this.running.delete(ended));
    this.running.add(ended);
  }

  /** runJob records every end it meets; a failure of the recording itself ends the job as a dead process does. */
  private async run(kind: JobKind, arn: string): Promise<void> {
    const ctx: Context = { ...this.ctx(), jobs: NO_NESTED_JOBS };
    try {
      await runJob(this.definitions, ctx, kind, arn, this.log);
    } catch (error) {
      const reason = `The job ended before it finished: ${(error as Error)?.message ?? String(error)}`;
      await abandonJob(this.definitions, ctx, kind, arn, reason, this.log).catch(
        (failure: unknown) => this.log(`could not record the end of ${arn}: ${String(failure)}`),
      );
    }
  }
}

/**
 * The launcher for a context built with createMemoryContext (context/memory.ts), which passes
 * the context it builds: `createMemoryContext({ jobs: inProcessJobs({ log }) })`.
 */
export const inProcessJobs =
  (options: InProcessJobsOptions = {}) =>
  (ctx: () => Context): InProcessJobLauncher =>
    new InProcessJobLauncher(ctx, options);
