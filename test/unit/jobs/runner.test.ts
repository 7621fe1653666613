/**
 * runJob's order of steps, on the real metadata store (dynalite): a job's holdings are released
 * while it is still CREATE IN_PROGRESS, so whoever sees it ended may use what it held at once.
 */
import type { Context } from '../../../layers/core/api/context';
import { JobFailure, runJob, type JobDefinitions } from '../../../layers/core/jobs/runner';
import { startTestService, type TestService } from '../../helpers/local-service';

let service: TestService;
let ctx: Context;
beforeAll(async () => {
  service = await startTestService();
  ctx = service.context;
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
  const run = () => runJob(definitions, ctx, 'dataset-export', arn, () => undefined);
  const status = async () => (await ctx.metadata.get<{ status: string }>(arn))!.attributes;
  return { run, status, seenAtRelease };
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
