import type { CampaignConfig } from './campaign';
import type { ResourceRecord } from './records';

/** The part of a campaignConfig a batch job takes: exploration, and rankingInfluence (refused). */
export type BatchInferenceJobConfig = Pick<
  CampaignConfig,
  'itemExplorationConfig' | 'rankingInfluence'
>;

/** Tailor runs batch inference only; theme generation needs a language model. */
export const JOB_MODE = 'BATCH_INFERENCE';

export type BatchInferenceJobAttributes = {
  jobName: string;
  solutionVersionArn: string;
  filterArn?: string;
  numResults: number;
  /** JSON Lines: a file, or a folder ending in `/`. */
  inputPath: string;
  inputKmsKeyArn?: string;
  /** The folder each input file's `{name}.out` is written under. */
  outputPath: string;
  outputKmsKeyArn?: string;
  roleArn: string;
  /** Who asked for the job (a Caller's id); the session that assumes roleArn is tagged with it. */
  requestedBy?: string;
  batchInferenceJobConfig?: BatchInferenceJobConfig;
  status: string;
  failureReason?: string;
  /** Input lines answered: a Tailor extension that raw JSON clients can read. */
  recordCount?: number;
  /** Of those, the lines answered with an error. */
  errorCount?: number;
};

export type BatchInferenceJobRecord = ResourceRecord<BatchInferenceJobAttributes>;
