/**
 * The operations' Context of a function, built once per container: started at import, so reading
 * the token key overlaps the rest of the cold start, and built again by the next invocation if
 * that failed (a throttled Secrets Manager call must not poison the container for good).
 */
import { contextFromEnv, type Context, type JobLauncher } from '@tailor/core';

export function containerContext(
  env: NodeJS.ProcessEnv,
  jobs: JobLauncher,
): () => Promise<Context> {
  let pending: Promise<Context> | undefined;
  const start = () => {
    pending = contextFromEnv(env, jobs);
    // Awaited by the invocation that needs it, which then fails with the reason.
    pending.catch(() => (pending = undefined));
    return pending;
  };
  start();
  return () => pending ?? start();
}
