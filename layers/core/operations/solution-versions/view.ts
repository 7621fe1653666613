import type { SolutionVersionRecord } from '../../domain/solution-version';
import { seconds } from '../../resources/lifecycle';

export const summarizeSolutionVersion = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: SolutionVersionRecord) => ({
  solutionVersionArn: arn,
  status: a.status,
  trainingMode: a.trainingMode,
  trainingType: a.trainingType ?? 'MANUAL',
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
