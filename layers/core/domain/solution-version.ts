import type { ResourceRecord } from './records';
import type { SolutionConfig } from './solution';

export type TrainingMode = 'FULL' | 'UPDATE';
/** Whether the version was asked for or started by the solution's automatic training. */
export type TrainingType = 'AUTOMATIC' | 'MANUAL';

export type SolutionVersionAttributes = {
  name?: string;
  solutionArn: string;
  datasetGroupArn: string;
  /** The solution's recipe; with AutoML, the one chosen once training ends. */
  recipeArn?: string;
  performHPO: boolean;
  performAutoML: boolean;
  performIncrementalUpdate: boolean;
  eventType?: string;
  /** The solution's config when the version was asked for: later updates do not change it. */
  solutionConfig?: SolutionConfig;
  trainingMode: TrainingMode;
  /** Absent on versions made before automatic training: those were all manual. */
  trainingType?: TrainingType;
  status: string;
  failureReason?: string;
  trainingHours?: number;
  tunedHyperParameters?: Record<string, string>;
  metrics?: Record<string, number>;
};

export type SolutionVersionRecord = ResourceRecord<SolutionVersionAttributes>;
