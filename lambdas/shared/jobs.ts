import { ServiceError } from '../../layers/core/api/errors';
import type { JobLauncher } from '../../layers/core/jobs/ports';

/**
 * The deployed stack has no job workflows yet (Step Functions and Fargate
 * come with the deployment issue): job requests say so plainly instead of
 * leaving a resource pending forever.
 */
export const NO_JOB_RUNNER: JobLauncher = {
  stop: () => Promise.resolve(),
  launch: () =>
    Promise.reject(
      new ServiceError(
        'ServiceUnavailableException',
        'This deployment cannot run jobs yet: imports, training and batch jobs run in the local service (npm start).',
        503,
      ),
    ),
};
