/**
 * `@tailor/core`: what the Lambda handlers (lambdas/) take from the core, and nothing else.
 * lib/core-layer.ts bundles this module, with the AWS SDK, into the Lambda layer every
 * Tailor function loads; the functions' own bundles leave `@tailor/core` to it. In the
 * repository, tsconfig.json "paths" and jest.config.js map the name to this file.
 *
 * The local service (bin/) and the job image (training/) import the core by relative path.
 */
export { ServiceError } from './api/errors';
export type { Context } from './context/context';
export type { HttpRequest } from './api/http';
export { createApi } from './operations/dispatch';
export type { Operation } from './operations/operation';
export { keyLookup } from './auth/access-keys';
export { checkPassRole } from './auth/callers';
export type { Caller } from './domain/callers';
export { iamCaller, iamPassRolePolicy } from './store/iam/pass-role';
export { createSignatureGuard } from './auth/guard';
export { createSigV4Verifier, type SignedRequest } from './auth/sigv4';
export { JOBS } from './jobs/definitions';
export { JOB_KINDS, type JobKind, type JobLauncher } from './store/job-ports';
export { abandonJob, runJob } from './jobs/runner';
export { jobLauncherFromEnv, NO_JOB_RUNNER, type JobInput } from './store/sfn/job-launcher';
export { CONTROL_OPERATIONS } from './operations';
export { EVENTS_OPERATIONS } from './operations/events';
export { RUNTIME_OPERATIONS } from './operations/runtime';
export type { AccessKeyStore } from './store/access-key-ports';
export { accessKeyStoreFromEnv, contextFromEnv, regionOf } from './context/aws-environment';
export { runScheduledTraining } from './operations/scheduled/scheduled-training';
