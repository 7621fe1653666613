/**
 * The job entry point: `job-image/main.ts <kind> <arn>`. The Fargate task of
 * each job workflow runs it in AWS; the local service runs it as a child
 * process. Configuration comes from the environment (aws-environment.ts).
 */
import { JOB_KINDS, type JobKind, type JobLauncher } from '../layers/core/store/job-ports';
import { JOBS } from '../layers/core/jobs/definitions';
import { runJob } from '../layers/core/jobs/runner';
import { contextFromEnv } from '../layers/core/context/aws-environment';

const NO_NESTED_JOBS: JobLauncher = {
  launch: () => Promise.reject(new Error('A job does not start other jobs.')),
  stop: () => Promise.reject(new Error('A job does not stop other jobs.')),
};

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const [kind, arn] = process.argv.slice(2);
  if (!JOB_KINDS.includes(kind as JobKind) || !arn) {
    throw new Error(`Usage: job-image/main.ts <${JOB_KINDS.join('|')}> <resource ARN>`);
  }
  const ctx = await contextFromEnv(process.env, NO_NESTED_JOBS);
  const started = performance.now();
  await runJob(JOBS, ctx, kind as JobKind, arn, (line) => console.log(line));
  // maxRSS is in kilobytes.
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const seconds = (performance.now() - started) / 1000;
  console.log(`${kind} ${arn}: ${seconds.toFixed(2)} s, peak RSS ${peakMb.toFixed(0)} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
