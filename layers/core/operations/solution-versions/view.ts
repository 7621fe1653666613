import { seconds } from '../../resources/lifecycle';
import type { ResourceRecord } from '../../store/ports';
import type { SolutionConfig } from '../solutions/solution-config';

export type TrainingMode = 'FULL' | 'UPDATE';

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
  status: string;
  failureReason?: string;
  trainingHours?: number;
  tunedHyperParameters?: Record<string, string>;
  metrics?: Record<string, number>;
};

export type SolutionVersionRecord = ResourceRecord<SolutionVersionAttributes>;

export const summarizeSolutionVersion = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: SolutionVersionRecord) => ({
  solutionVersionArn: arn,
  status: a.status,
  trainingMode: a.trainingMode,
  trainingType: 'MANUAL',
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
  failureReason: a.failureReason,
});

export const describeSolutionVersion = (record: SolutionVersionRecord) => {
  const { attributes: a } = record;
  return {
    ...summarizeSolutionVersion(record),
    name: a.name,
    solutionArn: a.solutionArn,
    performHPO: a.performHPO,
    performAutoML: a.performAutoML,
    performIncrementalUpdate: a.performIncrementalUpdate,
    recipeArn: a.recipeArn,
    eventType: a.eventType,
    datasetGroupArn: a.datasetGroupArn,
    solutionConfig: a.solutionConfig,
    trainingHours: a.trainingHours,
    tunedHPOParams: a.tunedHyperParameters && {
      algorithmHyperParameters: a.tunedHyperParameters,
    },
  };
};
