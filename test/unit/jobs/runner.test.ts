/**
 * runJob's order of steps, on the real metadata store (dynalite): a job's holdings are released
 * while it is still CREATE IN_PROGRESS, so whoever sees it ended may use what it held at once.
 * Every end is announced (job-events.ts), here to an in-memory recorder.
 */
import type { Context } from '../../../layers/core/context/context';
import type { JobEnded, JobEvents } from '../../../layers/core/store/job-events';
import { abandonJob, runJob } from '../../../layers/core/jobs/runner';
import { type JobDefinitions } from '../../../layers/core/context/job-definition';
import { JobFailure } from '../../../layers/core/domain/jobs';
import { markStopping } from '../../../layers/core/jobs/status';
import { startTestService, type TestService } from '../../helpers/local-service';

let service: TestService;
let ctx: Context;
/** What the jobs announced, in order. */
let announced: JobEnded[];
/** Set to make announcing fail, as EventBridge may. */
let refuse: Error | undefined;
const recorder: JobEvents = {
  async announce(event) {
    if (refuse) throw refuse;
    announced.push(event);
  },
};
beforeAll(async () => {
  service = await startTestService();
  ctx = { ...service.context, jobEvents: recorder };
});
beforeEach(() => {
  announced = [];
  refuse = undefined;
});
afterAll(() => service.stop());

let jobs = 0;

/** A pending job record, and a definition that runs `work` and notes the status at release. */
async function pendingJob(work: () => Promise<Record<string, string>>) {
  const arn = `arn:aws:personalize:us-east-1:000000000000:dataset-export-job/runner-${++jobs}`;
  await ctx.metadata.create({
    arn,
    kind: 'dataset-export-job',
    createdAt: 0,
    updatedAt: 0,
    attributes: { status: 'CREATE PENDING' },
    tags: {},
  });
  const seenAtRelease: string[] = [];
  const definition = {
    resourceKind: 'dataset-export-job' as const,
    run: work,
    async release() {
      const record = await ctx.metadata.get<{ status: string }>(arn);
      seenAtRelease.push(record!.attributes.status);
    },
  };
  const definitions = { 'dataset-export': definition } as unknown as JobDefinitions;
  const log: string[] = [];
  const run = () => runJob(definitions, ctx, 'dataset-export', arn, (line) => log.push(line));
  const abandon = (reason: string) =>
    abandonJob(definitions, ctx, 'dataset-export', arn, reason, (line) => log.push(line));
  const status = async () => (await ctx.metadata.get<{ status: string }>(arn))!.attributes;
  return { arn, run, abandon, status, seenAtRelease, log };
}

it('releases what the job held before recording it ACTIVE', async () => {
  const job = await pendingJob(async () => ({ recordCount: '3' }));
  await job.run();
  expect(job.seenAtRelease).toEqual(['CREATE IN_PROGRESS']);
  expect(await job.status()).toMatchObject({ status: 'ACTIVE', recordCount: '3' });
});

it('releases what the job held before recording it CREATE FAILED, with the reason', async () => {
  const job = await pendingJob(async () => {
    throw new JobFailure('The input is missing.');
  });
  await job.run();
  expect(job.seenAtRelease).toEqual(['CREATE IN_PROGRESS']);
  expect(await job.status()).toMatchObject({
    status: 'CREATE FAILED',
    failureReason: 'The input is missing.',
  });
});

it('announces a job that ends ACTIVE, with its kind and ARN', async () => {
  const job = await pendingJob(async () => ({}));
  await job.run();
  expect(announced).toEqual([{ kind: 'dataset-export', resourceArn: job.arn, status: 'ACTIVE' }]);
});

it('announces a job that ends CREATE FAILED with the reason it records', async () => {
  const job = await pendingJob(async () => {
    throw new JobFailure('x'.repeat(3000));
  });
  await job.run();
  const { failureReason } = (await job.status()) as { failureReason?: string };
  expect(failureReason).toHaveLength(2000);
  expect(announced).toEqual([
    { kind: 'dataset-export', resourceArn: job.arn, status: 'CREATE FAILED', failureReason },
  ]);
});

it('announces what the recorder records: CREATE FAILED, or CREATE STOPPED when asked to stop', async () => {
  const failed = await pendingJob(async () => ({}));
  await failed.abandon('The task stopped.');
  const stopped = await pendingJob(async () => ({}));
  await markStopping(ctx.metadata, stopped.arn, 1);
  await stopped.abandon('The task stopped.');
  // A job already ended is not recorded, nor announced, again.
  await failed.abandon('Again.');

  expect(announced).toEqual([
    {
      kind: 'dataset-export',
      resourceArn: failed.arn,
      status: 'CREATE FAILED',
      failureReason: 'The task stopped.',
    },
    { kind: 'dataset-export', resourceArn: stopped.arn, status: 'CREATE STOPPED' },
  ]);
  expect(stopped.seenAtRelease).toEqual(['CREATE STOPPED']);
});

it('keeps the outcome of a job whose end cannot be announced, and logs why', async () => {
  refuse = new Error('EventBridge is throttling');
  const job = await pendingJob(async () => ({ recordCount: '1' }));
  await expect(job.run()).resolves.toBeUndefined();
  expect(await job.status()).toMatchObject({ status: 'ACTIVE' });
  expect(job.log).toContainEqual(
    expect.stringMatching(/Could not announce that .* is ACTIVE: Error: EventBridge is throttling/),
  );
});
