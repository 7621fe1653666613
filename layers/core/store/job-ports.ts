/**
 * Long jobs (import, training, batch) run outside the request: a Step
 * Functions execution of a Fargate task in AWS, a child process locally.
 * Both run the same entry point, `job-image/main.ts <kind> <arn>`.
 */
export const JOB_KINDS = [
  'dataset-import',
  'dataset-export',
  'data-deletion',
  'training',
  'batch-inference',
  'recommender-training',
  'recommender-retraining',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface JobLauncher {
  /** Starts the job for the resource and returns once it is under way; the job reports its own status. */
  launch(kind: JobKind, arn: string): Promise<void>;
  /**
   * Ends the job's process if it still runs. Jobs also watch their own status,
   * so a stop is recorded even where the process outlives this call.
   */
  stop(arn: string): Promise<void>;
}
